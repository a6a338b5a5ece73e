package io.loonflow.bpmn.support;

import org.springframework.test.context.ActiveProfilesResolver;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Chooses the database of a test run: H2 in memory by default, MariaDB/MySQL when the system property
 * {@code loonflow.test.db} is {@code mariadb} (Maven profile {@code -Pmariadb}); the server is then taken from
 * {@code LOONFLOW_TEST_DB_URL}, {@code LOONFLOW_TEST_DB_USER} and {@code LOONFLOW_TEST_DB_PASSWORD}, and the
 * service runs with its production profile {@code mysql} ({@link Profiles}), so the tests check the settings
 * production uses (driver, isolation level, connection properties) rather than a copy of them.
 */
public final class TestDatabase {

    /** The service's profile for MySQL/MariaDB ({@code application-mysql.yml}). */
    public static final String MYSQL_PROFILE = "mysql";

    private TestDatabase() {
    }

    public static boolean isMariaDb() {
        return "mariadb".equals(System.getProperty("loonflow.test.db", "h2"));
    }

    public static void register(DynamicPropertyRegistry registry) {
        if (isMariaDb()) {
            registry.add("spring.datasource.url", () -> env("LOONFLOW_TEST_DB_URL",
                    "jdbc:mysql://127.0.0.1:3307/loonflow_test?sendFractionalSeconds=false"
                            + "&nullCatalogMeansCurrent=true&useUnicode=true&characterEncoding=utf8"));
            registry.add("spring.datasource.username", () -> env("LOONFLOW_TEST_DB_USER", "loonflow"));
            registry.add("spring.datasource.password", () -> env("LOONFLOW_TEST_DB_PASSWORD", "loonflow"));
        } else {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:loonflow;DB_CLOSE_DELAY=-1;IGNORECASE=TRUE;QUERY_CACHE_SIZE=256");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Activates the {@code mysql} profile when the tests run on MariaDB/MySQL. */
    public static final class Profiles implements ActiveProfilesResolver {

        @Override
        public String[] resolve(Class<?> testClass) {
            return isMariaDb() ? new String[] {MYSQL_PROFILE} : new String[0];
        }
    }
}
