package io.loonflow.bpmn.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.loonflow.bpmn.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Latency of the {@code duty} ticket list page through real signed HTTP calls on a seeded database. Not part of
 * the build: the class name is outside surefire's test patterns and it only runs when the ticket count is given.
 * <pre>
 * ./mvnw -B -o test -Dtest=TicketListBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dloonflow.benchmark.tickets=1000000 [-Dloonflow.benchmark.calls=200]
 *     [-Dloonflow.benchmark.jdbc-url=jdbc:mysql://127.0.0.1:3307/test_loonflow_bench
 *      -Dloonflow.benchmark.jdbc-user=loonflow -Dloonflow.benchmark.jdbc-password=loonflow]
 * </pre>
 * Without a JDBC URL the database is a new H2 file database under {@code target/benchmark/}, opened with the
 * production URL options. A MySQL/MariaDB database must be empty (Flyway creates the schema).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camunda.bpm.job-execution.enabled=false", "logging.level.root=WARN"})
@EnabledIfSystemProperty(named = "loonflow.benchmark.tickets", matches = "\\d+")
class TicketListBenchmark {

    private static final String URL = System.getProperty("loonflow.benchmark.jdbc-url", "");
    private static final Path H2_DIR = Path.of("target", "benchmark", "h2-" + UUID.randomUUID());

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        if (URL.isBlank()) {
            registry.add("spring.datasource.url",
                    () -> "jdbc:h2:file:" + H2_DIR.toAbsolutePath() + "/loonflow;IGNORECASE=TRUE");
            return;
        }
        String url = URL.contains("rewriteBatchedStatements") ? URL
                : URL + (URL.contains("?") ? "&" : "?") + "rewriteBatchedStatements=true";
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> System.getProperty("loonflow.benchmark.jdbc-user", "loonflow"));
        registry.add("spring.datasource.password", () -> System.getProperty("loonflow.benchmark.jdbc-password", ""));
        registry.add("spring.datasource.driver-class-name", () -> "com.mysql.cj.jdbc.Driver");
        registry.add("spring.datasource.hikari.transaction-isolation", () -> "TRANSACTION_READ_COMMITTED");
        registry.add("camunda.bpm.database.type", () -> "mysql");
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void dutyListLatency() throws Exception {
        int tickets = Integer.getInteger("loonflow.benchmark.tickets");
        int calls = Integer.getInteger("loonflow.benchmark.calls", 200);
        boolean h2 = URL.isBlank();
        LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);

        TicketListBenchmarkSeeder.Seeded seeded = new TicketListBenchmarkSeeder(dataSource).seed(tickets, now, h2);
        String workflowIds = seeded.workflowIds().stream().map(String::valueOf).collect(Collectors.joining(","));
        String token = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO account_apptoken (app_name, token, workflow_ids, ticket_sn_prefix, creator)"
                + " VALUES ('bench', :token, :ids, 'bench', 'admin')").param("token", token).param("ids", workflowIds)
                .update();

        StringBuilder report = new StringBuilder();
        report.append(String.format("ticket list benchmark: %,d tickets, %,d ticketuser rows, database %s%n",
                tickets, count("ticket_ticketuser"), h2 ? "H2 (file)" : URL));
        report.append(String.format("seeded in %.1f s%n", seeded.millis() / 1000.0));

        Map<String, String> users = new LinkedHashMap<>();
        users.put("hot", TicketListBenchmarkSeeder.username(0));
        users.put("busy", TicketListBenchmarkSeeder.username(100));
        users.put("typical", TicketListBenchmarkSeeder.username(1000));
        users.put("light", TicketListBenchmarkSeeder.username(4000));
        ApiClient client = new ApiClient("http://127.0.0.1:" + port).signed("bench", token);

        // warm-up: JIT, connection pool, database caches
        for (int i = 0; i < 50; i++) {
            for (String user : users.values()) {
                call(client.username(user), "/api/v1.0/tickets?category=duty");
            }
        }
        report.append(String.format("%-8s %-7s %8s %8s %6s %8s %8s %8s %8s%n", "user", "name", "in_proc", "duty",
                "calls", "p50 ms", "p95 ms", "p99 ms", "max ms"));
        List<Long> all = new ArrayList<>();
        for (Map.Entry<String, String> user : users.entrySet()) {
            long[] nanos = new long[calls];
            long total = -1;
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                ApiClient.Response response = call(client.username(user.getValue()), "/api/v1.0/tickets?category=duty");
                nanos[i] = System.nanoTime() - start;
                total = response.data().path("total").asLong();
            }
            Arrays.stream(nanos).forEach(all::add);
            long inProcess = jdbc.sql("SELECT COUNT(*) FROM ticket_ticketuser WHERE username = :u AND in_process = TRUE")
                    .param("u", user.getValue()).query(Long.class).single();
            report.append(row(user.getKey(), user.getValue(), inProcess, total, nanos));
        }
        report.append(row("all", "", -1, -1, all.stream().mapToLong(Long::longValue).toArray()));
        report.append(plans(h2, users.get("hot"), workflowIds, now));

        System.out.println(report);
        Path out = Path.of("target", "benchmark", "ticket-list-" + tickets + "-" + (h2 ? "h2" : "mysql") + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        deleteH2Files();
    }

    private static ApiClient.Response call(ApiClient client, String path) {
        ApiClient.Response response = client.get(path);
        assertThat(response.code()).as(response.toString()).isZero();
        return response;
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    private static String row(String label, String user, long inProcess, long duty, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%-8s %-7s %8s %8s %6d %8.2f %8.2f %8.2f %8.2f%n", label, user,
                inProcess < 0 ? "" : String.valueOf(inProcess), duty < 0 ? "" : String.valueOf(duty), sorted.length,
                pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** EXPLAIN of the duty count and page queries as the list service issues them (hot user, default window). */
    private String plans(boolean h2, String user, String workflowIds, LocalDateTime now) {
        String where = " FROM ticket_ticketrecord t WHERE t.is_deleted = FALSE AND t.workflow_id IN (" + workflowIds
                + ") AND t.gmt_created >= :start AND t.gmt_created <= :end AND t.act_state_id NOT IN (4, 5)"
                + " AND t.id IN (SELECT u.ticket_id FROM ticket_ticketuser u WHERE u.username = :u"
                + " AND u.in_process = TRUE)";
        StringBuilder text = new StringBuilder("\nquery plans (hot user):\n");
        for (String sql : List.of("SELECT COUNT(*)" + where,
                "SELECT t.*" + where + " ORDER BY t.gmt_created DESC, t.id DESC LIMIT 10 OFFSET 0")) {
            text.append("EXPLAIN ").append(sql).append('\n');
            List<Map<String, Object>> rows = jdbc.sql("EXPLAIN " + sql)
                    .param("start", java.sql.Timestamp.valueOf(now.minusYears(1)))
                    .param("end", java.sql.Timestamp.valueOf(now)).param("u", user)
                    .query().listOfRows();
            for (Map<String, Object> row : rows) {
                text.append(h2 ? String.valueOf(row.values().iterator().next()) : row.toString()).append('\n');
            }
        }
        return text.toString();
    }

    private static void deleteH2Files() throws IOException {
        if (Files.isDirectory(H2_DIR) && !Boolean.getBoolean("loonflow.benchmark.keep")) {
            try (var files = Files.walk(H2_DIR)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
