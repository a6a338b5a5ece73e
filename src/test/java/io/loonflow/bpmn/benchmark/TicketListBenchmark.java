package io.loonflow.bpmn.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

import io.loonflow.bpmn.api.ApiTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Latency of the {@code duty} ticket list page through real signed HTTP calls on a seeded database. Not part of
 * the build: the class name is outside surefire's test patterns and it only runs when the ticket count is given.
 * <pre>
 * ./mvnw -B -o test -Dtest=TicketListBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -DargLine=-da:org.h2... -Dloonflow.benchmark.tickets=1000000 [-Dloonflow.benchmark.calls=200]
 *     [-Dloonflow.benchmark.other-lists=false] [-Dloonflow.benchmark.stale-duty-flags=true]
 *     [-Dloonflow.benchmark.jdbc-url=jdbc:mysql://127.0.0.1:3307/test_loonflow_bench
 *      -Dloonflow.benchmark.jdbc-user=loonflow -Dloonflow.benchmark.jdbc-password=loonflow]
 * </pre>
 * Without a JDBC URL the database is an H2 file database {@code target/benchmark/h2-<tickets>[-stale]/}, opened with the
 * production URL options. A MySQL/MariaDB database must be empty (Flyway creates the schema). A database that
 * already holds the requested number of benchmark tickets is reused without seeding.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camunda.bpm.job-execution.enabled=false", "logging.level.root=WARN"})
@ActiveProfiles(resolver = BenchmarkDatabase.Profiles.class)
@EnabledIfSystemProperty(named = "loonflow.benchmark.tickets", matches = "\\d+")
class TicketListBenchmark {

    private static final String URL = BenchmarkDatabase.URL;
    private static final boolean STALE_DUTY_FLAGS = Boolean.getBoolean("loonflow.benchmark.stale-duty-flags");
    private static final Path H2_DIR = Path.of("target", "benchmark",
            "h2-" + System.getProperty("loonflow.benchmark.tickets", "0") + (STALE_DUTY_FLAGS ? "-stale" : ""));

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        BenchmarkDatabase.register(registry, H2_DIR, "rewriteBatchedStatements=true");
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    private LocalDateTime windowEnd;
    private long callSequence;

    @Test
    void dutyListLatency() throws Exception {
        int tickets = Integer.getInteger("loonflow.benchmark.tickets");
        int callsPerUser = Integer.getInteger("loonflow.benchmark.calls", 200);
        boolean h2 = URL.isBlank();
        LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        windowEnd = now;

        TicketListBenchmarkSeeder.Seeded seeded = new TicketListBenchmarkSeeder(dataSource, STALE_DUTY_FLAGS).seed(tickets, now, h2);
        String workflowIds = seeded.workflowIds().stream().map(String::valueOf).collect(Collectors.joining(","));
        String token = UUID.randomUUID().toString();
        String app = "bench_" + token.substring(0, 8);
        jdbc.sql("INSERT INTO account_apptoken (app_name, token, workflow_ids, ticket_sn_prefix, creator)"
                + " VALUES (:app, :token, :ids, 'bench', 'admin')").param("app", app).param("token", token)
                .param("ids", workflowIds).update();

        StringBuilder report = new StringBuilder();
        report.append(String.format("ticket list benchmark: %,d tickets, %,d ticketuser rows, database %s%n",
                tickets, count("ticket_ticketuser"), h2 ? "H2 (file)" : URL));
        report.append(seeded.millis() < 0 ? String.format("reused a database seeded earlier%n")
                : String.format("seeded in %.1f s%n", seeded.millis() / 1000.0));
        report.append(String.format("load average before the calls: %s%n", BenchmarkFigures.loadAverage()));

        Map<String, String> users = new LinkedHashMap<>();
        users.put("hot", TicketListBenchmarkSeeder.username(0));
        users.put("busy", TicketListBenchmarkSeeder.username(100));
        users.put("typical", TicketListBenchmarkSeeder.username(1000));
        users.put("light", TicketListBenchmarkSeeder.username(4000));
        BenchmarkHttp client = new BenchmarkHttp("127.0.0.1", port, app, token);

        // warm-up: JIT, connection pool, database caches
        for (int i = 0; i < 50; i++) {
            for (String user : users.values()) {
                call(client, user, "/api/v1.0/tickets?category=duty" + window());
            }
        }
        report.append(String.format("%n%-18s %-7s %8s %8s %6s %8s %8s %8s %8s%n", "duty page 1 (10)", "user",
                "in_proc", "total", "calls", "p50 ms", "p95 ms", "p99 ms", "max ms"));
        List<Long> all = new ArrayList<>();
        for (Map.Entry<String, String> user : users.entrySet()) {
            long inProcess = jdbc.sql("SELECT COUNT(*) FROM ticket_ticketuser WHERE username = :u AND in_process = TRUE")
                    .param("u", user.getValue()).query(Long.class).single();
            report.append(measure(client, user.getKey(), user.getValue(), inProcess, "category=duty", callsPerUser,
                    all));
        }
        report.append(row("all users", "", -1, -1, all.stream().mapToLong(Long::longValue).toArray()));
        System.out.println(report); // the duty figures, before the slower lists below
        Path out = Path.of("target", "benchmark", "ticket-list-" + tickets + "-" + (h2 ? "h2" : "mysql") + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        if (!Boolean.parseBoolean(System.getProperty("loonflow.benchmark.other-lists", "true"))) {
            return;
        }

        // for comparison: other categories and a deep duty page, fewer calls
        report.append(String.format("%n%-18s %-7s %8s %8s %6s %8s %8s %8s %8s%n", "other lists", "user", "", "total",
                "calls", "p50 ms", "p95 ms", "p99 ms", "max ms"));
        for (String user : List.of(users.get("typical"), users.get("hot"))) {
            for (String query : List.of("category=duty&per_page=50&page=3", "category=owner", "category=worked",
                    "category=relation")) {
                report.append(measure(client, query.replace("category=", ""), user, -1, query,
                        Math.max(20, callsPerUser / 4), new ArrayList<>()));
            }
        }
        report.append(measure(client, "all", users.get("typical"), -1, "category=all", Math.max(20, callsPerUser / 4),
                new ArrayList<>()));
        report.append(plans(h2, users.get("hot"), workflowIds, now));

        System.out.println(report);
        Files.writeString(out, report);
    }

    /**
     * The default one-year window, given explicitly with an end one second later on every call: H2 reuses the
     * result of an identical query with identical parameters, which would turn repeated calls into cache hits.
     */
    private String window() {
        LocalDateTime end = windowEnd.plusSeconds(callSequence++);
        return "&create_start=" + URLEncoder.encode(ApiTime.format(windowEnd.minusYears(1)), StandardCharsets.UTF_8)
                + "&create_end=" + URLEncoder.encode(ApiTime.format(end), StandardCharsets.UTF_8);
    }

    private String measure(BenchmarkHttp client, String label, String user, long inProcess, String query,
                           int calls, List<Long> collect) {
        long[] nanos = new long[calls];
        long total = -1;
        for (int i = 0; i < calls; i++) {
            String path = "/api/v1.0/tickets?" + query + window();
            long start = System.nanoTime();
            BenchmarkHttp.Answer response;
            try {
                response = call(client, user, path);
            } catch (UncheckedIOException e) {
                // e.g. the client's 60 s timeout: report it instead of losing the other rows
                return String.format("%-18s %-7s failed after %d calls: %s%n", label, user, i,
                        e.getCause() == null ? e.getMessage() : e.getCause().toString());
            }
            nanos[i] = System.nanoTime() - start;
            total = response.number("total");
        }
        Arrays.stream(nanos).forEach(collect::add);
        return row(label, user, inProcess, total, nanos);
    }

    private static BenchmarkHttp.Answer call(BenchmarkHttp client, String user, String path) {
        BenchmarkHttp.Answer response = client.get(user, path);
        assertThat(response.ok()).as(response.body()).isTrue();
        return response;
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    private static String row(String label, String user, long inProcess, long duty, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%-18s %-7s %8s %8s %6d %8.2f %8.2f %8.2f %8.2f%n", label, user,
                inProcess < 0 ? "" : String.valueOf(inProcess), duty < 0 ? "" : String.valueOf(duty), sorted.length,
                BenchmarkFigures.percentileMillis(sorted, 50), BenchmarkFigures.percentileMillis(sorted, 95),
                BenchmarkFigures.percentileMillis(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    /**
     * EXPLAIN of the list queries for the hot user and the default window: the duty pass (ids and creation times
     * of all matches), the duty page as SQL (the fallback beyond 200,000 matches), and the owner count and page.
     */
    private String plans(boolean h2, String user, String workflowIds, LocalDateTime now) {
        String where = " FROM ticket_ticketuser u LEFT JOIN ticket_ticketrecord t ON t.id = u.ticket_id"
                + " WHERE t.is_deleted = FALSE AND t.workflow_id IN (" + workflowIds
                + ") AND t.gmt_created >= :start AND t.gmt_created <= :end AND t.act_state_id NOT IN (4, 5)"
                + " AND u.username = :u AND u.in_process = TRUE";
        String owner = " FROM ticket_ticketrecord t USE INDEX (idx_ticket_creator_created)"
                + " WHERE t.is_deleted = FALSE AND t.workflow_id IN (" + workflowIds
                + ") AND t.gmt_created >= :start AND t.gmt_created <= :end AND t.creator = :u";
        StringBuilder text = new StringBuilder("\nquery plans (hot user):\n");
        for (String sql : List.of("SELECT t.id, t.gmt_created" + where,
                "SELECT t.*" + where + " ORDER BY t.gmt_created DESC, t.id DESC LIMIT 10 OFFSET 0",
                "SELECT COUNT(*)" + owner.replace(" USE INDEX (idx_ticket_creator_created)", ""),
                "SELECT t.*" + owner + " ORDER BY t.gmt_created DESC, t.id DESC LIMIT 10 OFFSET 0")) {
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

}
