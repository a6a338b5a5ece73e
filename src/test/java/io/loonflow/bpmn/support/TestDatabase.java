package io.loonflow.bpmn.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Chooses the database of a test run: H2 in memory by default, MariaDB/MySQL when the system property
 * {@code loonflow.test.db} is {@code mariadb} (Maven profile {@code -Pmariadb}); the server is then taken from
 * {@code LOONFLOW_TEST_DB_URL}, {@code LOONFLOW_TEST_DB_USER} and {@code LOONFLOW_TEST_DB_PASSWORD}.
 */
public final class TestDatabase {

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
            registry.add("spring.datasource.driver-class-name", () -> "com.mysql.cj.jdbc.Driver");
            registry.add("spring.datasource.hikari.transaction-isolation", () -> "TRANSACTION_READ_COMMITTED");
            registry.add("camunda.bpm.database.type", () -> "mysql");
        } else {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:loonflow;DB_CLOSE_DELAY=-1;IGNORECASE=TRUE;QUERY_CACHE_SIZE=256");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
