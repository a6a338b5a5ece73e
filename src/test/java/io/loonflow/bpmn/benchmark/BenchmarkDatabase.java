package io.loonflow.bpmn.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.loonflow.bpmn.support.TestDatabase;
import org.springframework.test.context.ActiveProfilesResolver;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database of a benchmark: the service's own H2 settings in a directory of the benchmark's, or the MySQL/MariaDB
 * database named by {@code loonflow.benchmark.jdbc-url} ({@code -jdbc-user}, {@code -jdbc-password}) with the
 * service's production profile {@code mysql} ({@link Profiles}), so a benchmark measures the production settings.
 */
final class BenchmarkDatabase {

    static final String URL = System.getProperty("loonflow.benchmark.jdbc-url", "");

    private BenchmarkDatabase() {
    }

    static boolean isMySql() {
        return !URL.isBlank();
    }

    /** Registers the database; {@code extraUrlOptions} (e.g. {@code rewriteBatchedStatements=true}) for MySQL only. */
    static void register(DynamicPropertyRegistry registry, Path h2Dir, String... extraUrlOptions) {
        if (!isMySql()) {
            // the service's own H2 URL and settings (application.yml), in the benchmark's directory
            registry.add("loonflow.data-dir", () -> h2Dir.toAbsolutePath().toString());
            return;
        }
        List<String> options = new ArrayList<>(List.of(extraUrlOptions));
        // without nullCatalogMeansCurrent the driver's metadata shows other databases' ACT_* tables and the engine
        // skips creating its own
        options.add("nullCatalogMeansCurrent=true");
        String url = URL;
        for (String option : options) {
            if (!url.contains(option.substring(0, option.indexOf('=')))) {
                url += (url.contains("?") ? "&" : "?") + option;
            }
        }
        String finalUrl = url;
        registry.add("spring.datasource.url", () -> finalUrl);
        registry.add("spring.datasource.username", () -> System.getProperty("loonflow.benchmark.jdbc-user", "loonflow"));
        registry.add("spring.datasource.password", () -> System.getProperty("loonflow.benchmark.jdbc-password", ""));
    }

    /** Activates the {@code mysql} profile when a benchmark runs on MySQL/MariaDB. */
    static final class Profiles implements ActiveProfilesResolver {

        @Override
        public String[] resolve(Class<?> testClass) {
            return isMySql() ? new String[] {TestDatabase.MYSQL_PROFILE} : new String[0];
        }
    }
}
