package io.loonflow.bpmn.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the HTTP-level tests: the whole service on a random port, on the database chosen by
 * {@link TestDatabase}. All subclasses share one application context and one database, so every test creates
 * its own uniquely named data ({@link TestData}) and never assumes empty tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestDatabase.Profiles.class)
public abstract class IntegrationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    /** An HTTP client for this server with no credentials (add them with its methods). */
    protected ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    protected TestData data() {
        return new TestData(jdbc);
    }
}
