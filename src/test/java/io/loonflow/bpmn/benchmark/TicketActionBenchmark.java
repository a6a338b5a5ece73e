package io.loonflow.bpmn.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.loonflow.bpmn.support.ApiClient;
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
 * Throughput and latency of ticket create, handle and detail through real signed HTTP calls with concurrent
 * clients ({@link BenchmarkHttp}: one keep-alive connection each, cheap enough not to compete with the service for
 * the cores it shares). A warm-up of create, detail and handle mixed precedes the measured rounds and lasts until
 * the JIT has settled ({@link #warmUp}; at most {@code loonflow.benchmark.warmup} rounds, default 30,000, with
 * {@code loonflow.benchmark.warmup-clients}, default as many as cores): the figures are the steady state of a service
 * that has been running for a while. Not part of the build (the class name is outside surefire's patterns; it runs
 * only when asked):
 * <pre>
 * ./mvnw -B -o test -Dtest=TicketActionBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -DargLine=-da:org.h2... -Dloonflow.benchmark.actions=3000 [-Dloonflow.benchmark.clients=8]
 *     [-Dloonflow.benchmark.warmup=30000] [-Dloonflow.benchmark.warmup-clients=2]
 *     [-Dloonflow.benchmark.jdbc-url=jdbc:mysql://127.0.0.1:3307/loonflow_bench
 *      -Dloonflow.benchmark.jdbc-user=loonflow -Dloonflow.benchmark.jdbc-password=loonflow]
 * </pre>
 * Without a JDBC URL the database is a new H2 file database under {@code target/benchmark/}. The figures are printed
 * and written to {@code target/benchmark/ticket-actions-<db>.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.root=WARN")
@ActiveProfiles(resolver = BenchmarkDatabase.Profiles.class)
@EnabledIfSystemProperty(named = "loonflow.benchmark.actions", matches = "\\d+")
class TicketActionBenchmark {

    private static final String URL = BenchmarkDatabase.URL;
    private static final int WARM_UP_ROUND = 1000;
    private static final double SETTLED_JIT_SHARE = 0.10;
    private static final int SETTLED_ROUNDS = 3;
    private static final Path H2_DIR = Path.of("target", "benchmark", "actions-" + UUID.randomUUID());

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        BenchmarkDatabase.register(registry, H2_DIR);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private String app;
    private String token;
    private String admin;
    private String creator;
    private String approver;

    @Test
    void createHandleDetail() throws Exception {
        int actions = Integer.getInteger("loonflow.benchmark.actions");
        int clients = Integer.getInteger("loonflow.benchmark.clients", 8);
        // upper bound of the warm-up rounds (create, detail and handle of one ticket); it ends earlier once the JIT is idle
        int warmup = Integer.getInteger("loonflow.benchmark.warmup", 30_000);
        int warmupClients = Integer.getInteger("loonflow.benchmark.warmup-clients",
                Math.min(clients, Runtime.getRuntime().availableProcessors()));
        long submit = defineWorkflow();
        long workflowId = jdbc.sql("SELECT workflow_id FROM workflow_transition WHERE id = :id").param("id", submit)
                .query(Long.class).single();
        long agree = jdbc.sql("SELECT id FROM workflow_transition WHERE name = 'bench agree' AND workflow_id = :w")
                .param("w", workflowId).query(Long.class).single();
        String createBody = "{\"workflow_id\": " + workflowId + ", \"transition_id\": " + submit + ", \"title\": \"bench\"}";
        String handleBody = "{\"transition_id\": " + agree + "}";

        // warm-up (JIT, pools, caches) with the three calls mixed, as a running service receives them
        Call round = (http, i) -> {
            BenchmarkHttp.Answer created = http.post(creator, "/api/v1.0/tickets", createBody);
            if (!created.ok()) {
                return created;
            }
            long ticketId = created.number("ticket_id");
            BenchmarkHttp.Answer read = http.get(approver, "/api/v1.0/tickets/" + ticketId);
            return read.ok() ? http.patch(approver, "/api/v1.0/tickets/" + ticketId, handleBody) : read;
        };
        String warmedUp = warmUp(round, warmup, warmupClients, clients);

        String load = BenchmarkFigures.loadAverage();
        ConcurrentLinkedQueue<Long> created = new ConcurrentLinkedQueue<>();
        Result create = run("create", actions, clients, (http, i) -> {
            BenchmarkHttp.Answer answer = http.post(creator, "/api/v1.0/tickets", createBody);
            if (answer.ok()) {
                created.add(answer.number("ticket_id"));
            }
            return answer;
        });
        List<Long> ids = new ArrayList<>(created);
        Result detail = run("detail", actions, clients,
                (http, i) -> http.get(approver, "/api/v1.0/tickets/" + ids.get(i % ids.size())));
        Result handle = run("handle", ids.size(), clients,
                (http, i) -> http.patch(approver, "/api/v1.0/tickets/" + ids.get(i), handleBody));

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%nticket actions on %s, %d clients; warm-up: %s;"
                + " load average before: %s, after: %s%n", URL.isBlank() ? "H2 (file)" : URL, clients, warmedUp, load,
                BenchmarkFigures.loadAverage()));
        for (Result result : List.of(create, handle, detail)) {
            report.append(result).append('\n');
        }
        System.out.println(report);
        Path out = Path.of("target", "benchmark", "ticket-actions-" + (URL.isBlank() ? "h2" : "mysql") + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertThat(create.errors + handle.errors + detail.errors).as("failed calls").isZero();
    }

    /**
     * Warms up until the JIT has settled: rounds of {@link #WARM_UP_ROUND} with {@code warmupClients} (as many as
     * cores) until the compiler threads used less than {@link #SETTLED_JIT_SHARE} of the JVM's CPU in each of the last
     * {@link #SETTLED_ROUNDS} rounds (they compile in waves), at most {@code maxRounds}; then one round at the measured
     * concurrency (its threads and connections). The compiler threads get a fair share of the cores like any other
     * thread, so with 8 busy clients on 2 cores the JIT lagged minutes behind: after 15,000 rounds it still used 13 %
     * of the CPU, and its log showed hot JDBC getters getting their first C2 compilation in the measured rounds, i.e.
     * they had run as profiled C1 code until then.
     */
    private String warmUp(Call round, int maxRounds, int warmupClients, int clients) throws Exception {
        int rounds = 0;
        int settled = 0;
        double jitShare;
        do {
            jitShare = run("warm-up", WARM_UP_ROUND, warmupClients, round).jitShare();
            rounds += WARM_UP_ROUND;
            settled = jitShare < SETTLED_JIT_SHARE ? settled + 1 : 0;
            System.out.printf(Locale.ROOT, "[benchmark] warm-up: %d rounds, JIT %.1f %% of the CPU in the last%n",
                    rounds, 100 * jitShare);
        } while (settled < SETTLED_ROUNDS && rounds < maxRounds);
        run("warm-up", WARM_UP_ROUND, clients, round);
        return String.format(Locale.ROOT, "%d rounds with %d clients (JIT %.0f %% of the CPU in the last one%s)"
                        + " and %d with %d", rounds, warmupClients, 100 * jitShare,
                settled < SETTLED_ROUNDS ? ", not settled" : "", WARM_UP_ROUND, clients);
    }

    private long defineWorkflow() {
        // names unique per run, so that a MySQL/MariaDB database can be reused
        String run = UUID.randomUUID().toString().substring(0, 8);
        app = "bench_app_" + run;
        admin = "bench_admin_" + run;
        creator = "bench_creator_" + run;
        approver = "bench_approver_" + run;
        token = UUID.randomUUID().toString();
        for (String user : List.of(admin, creator, approver)) {
            jdbc.sql("INSERT INTO account_loonuser (username, password, is_admin, is_workflow_admin) VALUES (:u, '!x', :a, :a)")
                    .param("u", user).param("a", user.equals(admin)).update();
        }
        ApiClient adminApi = client(admin);
        jdbc.sql("INSERT INTO account_apptoken (app_name, token, workflow_ids) VALUES (:a, :t, '')")
                .param("a", app).param("t", token).update();
        long workflowId = adminApi.post("/api/v1.0/workflows", "{\"name\": \"bench\"}").data().path("workflow_id").asLong();
        jdbc.sql("UPDATE account_apptoken SET workflow_ids = :w WHERE app_name = :a")
                .param("w", String.valueOf(workflowId)).param("a", app).update();
        long start = state(adminApi, workflowId, "{\"name\": \"draft\", \"order_id\": 1, \"type_id\": 1, \"participant_type_id\": 0,"
                + " \"distribute_type_id\": 1, \"state_field_str\": \"{\\\"title\\\": 2}\"}");
        long approve = state(adminApi, workflowId, "{\"name\": \"approve\", \"order_id\": 2, \"type_id\": 0, \"participant_type_id\": 1,"
                + " \"participant\": \"" + approver + "\", \"distribute_type_id\": 1, \"state_field_str\": \"{\\\"title\\\": 1}\"}");
        long end = state(adminApi, workflowId, "{\"name\": \"done\", \"order_id\": 3, \"type_id\": 2, \"participant_type_id\": 0,"
                + " \"distribute_type_id\": 1}");
        long submit = adminApi.post("/api/v1.0/workflows/" + workflowId + "/transitions", "{\"name\": \"bench submit\","
                + " \"transition_type_id\": 1, \"source_state_id\": " + start + ", \"destination_state_id\": " + approve
                + ", \"attribute_type_id\": 1}").data().path("value").path("transition_id").asLong();
        adminApi.post("/api/v1.0/workflows/" + workflowId + "/transitions", "{\"name\": \"bench agree\","
                + " \"transition_type_id\": 1, \"source_state_id\": " + approve + ", \"destination_state_id\": " + end
                + ", \"attribute_type_id\": 1}");
        return submit;
    }

    private static long state(ApiClient admin, long workflowId, String body) {
        return admin.post("/api/v1.0/workflows/" + workflowId + "/states", body).data().path("state_id").asLong();
    }

    private ApiClient client(String username) {
        return new ApiClient("http://127.0.0.1:" + port).signed(app, token).username(username);
    }

    /** One call of a round: the client's connection and the call's index. */
    private interface Call {
        BenchmarkHttp.Answer apply(BenchmarkHttp http, int index);
    }

    private Result run(String name, int calls, int clients, Call call) throws Exception {
        long[] latencies = new long[calls];
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients,
                task -> new Thread(task, ThreadCpu.CLIENT_THREAD_PREFIX + threadNumber.incrementAndGet()));
        List<Future<?>> workers = new ArrayList<>();
        ThreadCpu threadsBegin = ThreadCpu.now();
        long cpuBegin = processCpuNanos();
        long begin = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                try (BenchmarkHttp http = new BenchmarkHttp("127.0.0.1", port, app, token)) {
                    for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        BenchmarkHttp.Answer answer = call.apply(http, i);
                        latencies[i] = System.nanoTime() - t0;
                        if (!answer.ok() && errors.getAndIncrement() < 3) {
                            System.out.println("[benchmark] " + name + " failed: " + answer);
                        }
                    }
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        long elapsed = System.nanoTime() - begin;
        long cpu = processCpuNanos() - cpuBegin;
        // before the pool ends: a thread's CPU time leaves /proc with the thread
        ThreadCpu threadsEnd = ThreadCpu.now();
        pool.shutdown();
        return new Result(name, calls, elapsed, cpu, threadsEnd.perCallSince(threadsBegin, calls),
                threadsEnd.shareSince(threadsBegin, "jit"), latencies, errors.get());
    }

    /** CPU time of this JVM (service and load client together), all threads. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * {@code cpuNanos}: the JVM's CPU time during the round (service, load client, JIT and GC). Divided by the calls
     * it is the cost of one call, which other processes on the machine hardly change, unlike the calls per second;
     * {@code cpuSplit} divides it by kind of thread ({@link ThreadCpu}); {@code jitShare} is the compiler threads' part.
     */
    private record Result(String name, int calls, long elapsedNanos, long cpuNanos, String cpuSplit, double jitShare,
                          long[] latencies, int errors) {

        @Override
        public String toString() {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "%-7s %6d calls  %8.1f calls/s  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms"
                            + "  cpu %5.2f ms/call (%s)  errors %d", name, calls, calls / (elapsedNanos / 1e9),
                    BenchmarkFigures.percentileMillis(sorted, 50), BenchmarkFigures.percentileMillis(sorted, 95),
                    BenchmarkFigures.percentileMillis(sorted, 99), cpuNanos / 1e6 / calls, cpuSplit, errors);
        }
    }
}
