package io.loonflow.bpmn.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.notice.HookReceiver.Answer;
import io.loonflow.bpmn.notice.HookReceiver.Received;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import io.loonflow.bpmn.ticket.TicketChanged;
import io.loonflow.bpmn.ticket.TicketRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notices end to end: tickets changed over HTTP on workflows with notices, delivered by the dispatcher to a real
 * HTTP server on 127.0.0.1 (test settings: 3 attempts, back-off 200 ms doubling, read timeout 1 s), the admin API
 * over the outbox, and the metrics at /actuator/prometheus.
 */
class NoticeDeliveryTest extends IntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static HookReceiver receiver;

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ObjectMapper json;
    @Autowired
    NoticeDeliveryRepository repository;
    @Autowired
    TicketRepository tickets;

    private ApiClient admin;
    private String adminName;
    private String app;
    private String token;
    private String creator;
    private String approver;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new HookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void people() {
        adminName = TestData.unique("notice_admin");
        data().user(adminName, true, true);
        app = TestData.unique("notice_app");
        token = data().appToken(app, "");
        admin = api().signed(app, token).username(adminName);
        creator = TestData.unique("notice_creator");
        approver = TestData.unique("notice_approver");
        data().user(creator, false, false);
        data().user(approver, false, false);
        jdbc.sql("UPDATE account_loonuser SET alias = 'Approver A', phone = '13800000000', email = 'a@example.com'"
                + " WHERE username = :u").param("u", approver).update();
    }

    // ---- fixtures ----

    private long notice(String url, String hookToken) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO workflow_customnotice (name, description, hook_url, hook_token, creator)"
                        + " VALUES (:name, '', :url, :token, 'admin')")
                .param("name", TestData.unique("notice")).param("url", url).param("token", hookToken)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** A workflow draft → approve (by {@code approver}) → done, with a {@code days} field, sending to notices. */
    private record Flow(long workflowId, long submit, long agree) {
    }

    private Flow workflow(String titleTemplate, String contentTemplate, long... noticeIds) {
        StringBuilder notices = new StringBuilder();
        for (long id : noticeIds) {
            notices.append(notices.length() == 0 ? "" : ",").append(id);
        }
        ApiClient.Response created = admin.post("/api/v1.0/workflows", "{\"name\": " + ApiClient.quote(
                TestData.unique("nwf")) + ", \"workflow_admin\": \"" + adminName + "\", \"notices\": \"" + notices
                + "\", \"title_template\": " + ApiClient.quote(titleTemplate) + ", \"content_template\": "
                + ApiClient.quote(contentTemplate) + "}");
        assertThat(created.code()).as(created.toString()).isEqualTo(0);
        long workflowId = created.data().path("workflow_id").asLong();
        data().allowApp(app, workflowId);
        ok(admin.post("/api/v1.0/workflows/" + workflowId + "/custom_fields", "{\"field_key\": \"days\","
                + " \"field_name\": \"days\", \"field_type_id\": 10, \"order_id\": 1, \"field_choice\": \"{}\"}"));
        long start = state(workflowId, "draft", 1, 0, "", "{\"title\": 2, \"days\": 2}");
        long approve = state(workflowId, "approve", 0, 1, approver, "{}");
        long end = state(workflowId, "done", 2, 0, "", "{}");
        long submit = transition(workflowId, "submit", start, approve);
        long agree = transition(workflowId, "agree", approve, end);
        return new Flow(workflowId, submit, agree);
    }

    private long state(long workflowId, String name, int type, int participantType, String participant,
                       String fields) {
        return ok(admin.post("/api/v1.0/workflows/" + workflowId + "/states", "{\"name\": \"" + name
                + "\", \"order_id\": 0, \"type_id\": " + type + ", \"participant_type_id\": " + participantType
                + ", \"participant\": " + ApiClient.quote(participant) + ", \"distribute_type_id\": 1,"
                + " \"state_field_str\": " + ApiClient.quote(fields) + "}")).path("state_id").asLong();
    }

    private long transition(long workflowId, String name, long source, long destination) {
        return ok(admin.post("/api/v1.0/workflows/" + workflowId + "/transitions", "{\"name\": \"" + name
                + "\", \"transition_type_id\": 1, \"source_state_id\": " + source + ", \"destination_state_id\": "
                + destination + ", \"attribute_type_id\": 1, \"field_require_check\": 0,"
                + " \"condition_expression\": \"[]\"}")).path("value").path("transition_id").asLong();
    }

    private long createTicket(Flow flow, String title, int days) {
        return ok(api().signed(app, token).username(creator).post("/api/v1.0/tickets", """
                {"workflow_id": %d, "transition_id": %d, "title": %s, "days": %d, "suggestion": "please"}"""
                .formatted(flow.workflowId(), flow.submit(), ApiClient.quote(title), days))).path("ticket_id").asLong();
    }

    private static JsonNode ok(ApiClient.Response response) {
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        return response.data();
    }

    private List<Map<String, Object>> deliveries(long ticketId) {
        return jdbc.sql("SELECT * FROM notice_delivery WHERE ticket_id = :t ORDER BY id").param("t", ticketId)
                .query().listOfRows();
    }

    private Map<String, Object> delivery(long ticketId, long noticeId) {
        return jdbc.sql("SELECT * FROM notice_delivery WHERE ticket_id = :t AND notice_id = :n ORDER BY id")
                .param("t", ticketId).param("n", noticeId).query().listOfRows().get(0);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited for " + what).isLessThan(end);
            Thread.sleep(50);
        }
    }

    private void awaitStatus(long ticketId, long noticeId, String status) throws InterruptedException {
        await("delivery of ticket " + ticketId + " to notice " + noticeId + " " + status,
                () -> deliveries(ticketId).stream().anyMatch(d -> ((Number) d.get("notice_id")).longValue() == noticeId
                        && status.equals(d.get("status"))));
    }

    // ---- tests ----

    @Test
    void aCreatedTicketIsDeliveredWithLoonflowsBodyAndBothSignatures() throws Exception {
        String plainPath = "/" + TestData.unique("ok");
        String swPath = "/" + TestData.unique("sw");
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        long plain = notice(receiver.url(plainPath, n -> Answer.ok()), "loonflow-token");
        long standard = notice(receiver.url(swPath, n -> Answer.ok()), secret);
        Flow flow = workflow("待办:{title} #{id:>4}", "{{days}}={days:03d} by {creator} {participant_type_id}",
                plain, standard);

        long ticketId = createTicket(flow, "trip", 7);

        awaitStatus(ticketId, plain, "sent");
        awaitStatus(ticketId, standard, "sent");
        Received got = receiver.received(plainPath).get(0);
        Map<String, Object> row = delivery(ticketId, plain);
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("ticket_action")).isEqualTo("CREATE");
        assertThat(got.header("Content-Type")).isEqualTo("application/json");
        assertThat(got.header("webhook-id")).isEqualTo(row.get("delivery_id"));
        String timestamp = got.header("timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        assertThat(got.header("signature")).isEqualTo(NoticeSender.md5(timestamp + "loonflow-token"));
        assertThat(got.header("webhook-signature")).as("no Standard Webhooks secret for a plain token").isNull();

        JsonNode body = json.readTree(got.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("title_result", "content_result", "participant",
                "participant_type_id", "multi_all_person", "ticket_value_info", "last_flow_log",
                "participant_info_list");
        assertThat(body.path("title_result").asText()).isEqualTo("待办:trip #" + String.format("%4d", ticketId));
        assertThat(body.path("content_result").asText()).isEqualTo("{days}=007 by " + creator + " 1");
        assertThat(body.path("participant").asText()).isEqualTo(approver);
        assertThat(body.path("participant_type_id").asInt()).isEqualTo(1);
        assertThat(body.path("multi_all_person").isTextual()).isTrue();
        assertThat(body.path("ticket_value_info").path("id").asLong()).isEqualTo(ticketId);
        assertThat(body.path("ticket_value_info").path("days").asInt()).isEqualTo(7);
        assertThat(body.path("ticket_value_info").path("title").asText()).isEqualTo("trip");
        JsonNode log = body.path("last_flow_log");
        assertThat(log.fieldNames()).toIterable().containsExactly("id", "ticket_id", "state", "transition",
                "intervene_type_id", "participant_type_id", "participant", "participant_info", "suggestion",
                "gmt_created");
        assertThat(log.path("transition").path("transition_name").asText()).isEqualTo("submit");
        assertThat(log.path("participant").asText()).isEqualTo(creator);
        assertThat(log.path("suggestion").asText()).isEqualTo("please");
        assertThat(body.path("participant_info_list")).hasSize(1);
        JsonNode person = body.path("participant_info_list").get(0);
        assertThat(person.fieldNames()).toIterable().containsExactly("username", "alias", "phone", "email");
        assertThat(person.path("alias").asText()).isEqualTo("Approver A");
        assertThat(person.path("email").asText()).isEqualTo("a@example.com");

        Received signed = receiver.received(swPath).get(0);
        assertThat(signed.body()).isEqualTo(got.body());
        assertThat(signed.header("webhook-id")).isEqualTo(delivery(ticketId, standard).get("delivery_id"))
                .isNotEqualTo(got.header("webhook-id"));
        assertThat(signed.header("webhook-timestamp")).isEqualTo(signed.header("timestamp"));
        assertThat(signed.header("webhook-signature")).isEqualTo(new StandardWebhookSigner(secret)
                .signature(signed.header("webhook-id"), Long.parseLong(signed.header("webhook-timestamp")),
                        signed.body()));

        // deliver (which loonflow did not notify) and handling are further changes, each with its own delivery id
        String deputy = TestData.unique("notice_deputy");
        data().user(deputy, false, false);
        ok(api().signed(app, token).username(approver).post("/api/v1.0/tickets/" + ticketId + "/deliver",
                "{\"target_username\": \"" + deputy + "\", \"suggestion\": \"over to you\"}"));
        await("the deliver's delivery", () -> receiver.received(plainPath).size() == 2);
        JsonNode delivered = json.readTree(receiver.received(plainPath).get(1).body());
        assertThat(delivered.path("participant").asText()).isEqualTo(deputy);
        assertThat(delivered.path("last_flow_log").path("transition").path("transition_name").asText())
                .isEqualTo("转交操作");
        assertThat(delivered.path("participant_info_list").get(0).path("username").asText()).isEqualTo(deputy);

        ok(api().signed(app, token).username(deputy).patch("/api/v1.0/tickets/" + ticketId,
                "{\"transition_id\": " + flow.agree() + "}"));
        await("the handle's delivery", () -> receiver.received(plainPath).size() == 3);
        Received handled = receiver.received(plainPath).get(2);
        assertThat(receiver.received(plainPath)).extracting(r -> r.header("webhook-id")).doesNotHaveDuplicates();
        assertThat(json.readTree(handled.body()).path("last_flow_log").path("transition").path("transition_name")
                .asText()).isEqualTo("agree");
        assertThat(deliveries(ticketId)).extracting(d -> d.get("ticket_action"))
                .containsExactly("CREATE", "CREATE", "DELIVER", "DELIVER", "HANDLE", "HANDLE");
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffThenGivenUpAndCanBeRetriedByAnAdmin() throws Exception {
        String path = "/" + TestData.unique("err500");
        AtomicBoolean healthy = new AtomicBoolean(false);
        long notice = notice(receiver.url(path, n -> healthy.get() ? Answer.ok()
                : new Answer(500, "boom", 0)), "t");
        Flow flow = workflow("{title}", "c", notice);
        long ticketId = createTicket(flow, "failing", 1);

        awaitStatus(ticketId, notice, "failed");
        Map<String, Object> row = delivery(ticketId, notice);
        assertThat(row.get("attempts")).isEqualTo(3);
        assertThat(row.get("last_http_status")).isEqualTo(500);
        assertThat((String) row.get("last_error")).isEqualTo("HTTP 500: boom");
        List<Received> got = receiver.received(path);
        assertThat(got).hasSize(3).extracting(r -> r.header("webhook-id")).containsOnly((String) row.get("delivery_id"));

        // listed among the failed deliveries, for super admins only
        long id = ((Number) row.get("id")).longValue();
        JsonNode page = ok(admin.get("/api/v1.0/notices/deliveries?status=failed&per_page=1000"));
        assertThat(page.path("per_page").asInt()).isEqualTo(1000);
        JsonNode listed = null;
        for (JsonNode item : page.path("value")) {
            assertThat(item.path("status").asText()).isEqualTo("failed");
            if (item.path("id").asLong() == id) {
                listed = item;
            }
        }
        assertThat(listed).as("failed delivery listed").isNotNull();
        assertThat(listed.path("delivery_id").asText()).isEqualTo(row.get("delivery_id"));
        assertThat(listed.path("ticket_id").asLong()).isEqualTo(ticketId);
        assertThat(listed.path("attempts").asInt()).isEqualTo(3);
        assertThat(listed.path("last_error").asText()).isEqualTo("HTTP 500: boom");
        assertThat(listed.path("body").path("title_result").asText()).isEqualTo("failing");
        ApiClient.Response refused = api().signed(app, token).username(creator)
                .get("/api/v1.0/notices/deliveries?status=failed");
        assertThat(refused.code()).isEqualTo(-1);
        assertThat(refused.msg()).isEqualTo("has no permission:user is not admin");
        assertThat(api().signed(app, token).username(creator).post("/api/v1.0/notices/deliveries/" + id + "/retry", "")
                .code()).isEqualTo(-1);
        ApiClient.Response badStatus = admin.get("/api/v1.0/notices/deliveries?status=lost");
        assertThat(badStatus.code()).isEqualTo(-1);
        assertThat(badStatus.msg()).isEqualTo("status must be one of pending, sent, failed, got 'lost'");
        assertThat(admin.post("/api/v1.0/notices/deliveries/987654321987/retry", "").msg())
                .isEqualTo("notice delivery 987654321987 does not exist");

        // the receiver is fixed; the admin re-queues the delivery, which then arrives with the same delivery id
        healthy.set(true);
        JsonNode requeued = ok(admin.post("/api/v1.0/notices/deliveries/" + id + "/retry", ""));
        assertThat(requeued.path("status").asText()).isIn("pending", "sent");
        awaitStatus(ticketId, notice, "sent");
        assertThat(receiver.received(path)).hasSize(4);
        assertThat(receiver.received(path).get(3).header("webhook-id")).isEqualTo(row.get("delivery_id"));
        ApiClient.Response again = admin.post("/api/v1.0/notices/deliveries/" + id + "/retry", "");
        assertThat(again.code()).isEqualTo(-1);
        assertThat(again.msg()).isEqualTo("only a failed notice delivery can be retried; delivery " + id + " is sent");
    }

    @Test
    void codeMinusOneIsAFailureAndARetryThatSucceedsEndsSent() throws Exception {
        String path = "/" + TestData.unique("code");
        long notice = notice(receiver.url(path, n -> n == 1
                ? new Answer(200, "{\"code\": -1, \"msg\": \"not now\"}", 0) : Answer.ok()), "t");
        Flow flow = workflow("{title}", "c", notice);
        long ticketId = createTicket(flow, "retried", 1);

        awaitStatus(ticketId, notice, "sent");
        Map<String, Object> row = delivery(ticketId, notice);
        assertThat(row.get("attempts")).isEqualTo(2);
        List<Received> got = receiver.received(path);
        assertThat(got).hasSize(2);
        assertThat(got.get(1).header("webhook-id")).isEqualTo(got.get(0).header("webhook-id"));
        assertThat(got.get(1).body()).isEqualTo(got.get(0).body());

        String always = "/" + TestData.unique("code_always");
        long refusing = notice(receiver.url(always, n -> new Answer(200, "{\"code\": -1, \"msg\": \"no\"}", 0)), "t");
        long otherTicket = createTicket(workflow("{title}", "c", refusing), "refused", 1);
        awaitStatus(otherTicket, refusing, "failed");
        assertThat((String) delivery(otherTicket, refusing).get("last_error"))
                .isEqualTo("HTTP 200 but code is -1: {\"code\": -1, \"msg\": \"no\"}");
    }

    @Test
    void aSlowReceiverTimesOut() throws Exception {
        String path = "/" + TestData.unique("slow");
        long notice = notice(receiver.url(path, n -> new Answer(200, "{\"code\": 0}", 3_000)), "t");
        long ticketId = createTicket(workflow("{title}", "c", notice), "slow", 1);

        awaitStatus(ticketId, notice, "failed");
        Map<String, Object> row = delivery(ticketId, notice);
        assertThat(row.get("attempts")).isEqualTo(3);
        assertThat((String) row.get("last_error")).startsWith("no ").contains("within 1s");
        assertThat(row.get("last_http_status")).isEqualTo(0);
    }

    @Test
    void aTemplateThatCannotBeRenderedIsRecordedAsFailedAndTheTicketChangeStands() throws Exception {
        String path = "/" + TestData.unique("unrendered");
        long notice = notice(receiver.url(path, n -> Answer.ok()), "t");
        Flow flow = workflow("{nope}", "c", notice);
        long ticketId = createTicket(flow, "kept", 1);

        Map<String, Object> row = delivery(ticketId, notice);
        assertThat(row.get("status")).isEqualTo("failed");
        assertThat(row.get("body")).isNull();
        assertThat(row.get("last_error")).isEqualTo("not rendered: title_template: unknown key 'nope'");
        ApiClient.Response retry = admin.post("/api/v1.0/notices/deliveries/" + row.get("id") + "/retry", "");
        assertThat(retry.code()).isEqualTo(-1);
        assertThat(retry.msg()).startsWith("notice delivery " + row.get("id") + " was never rendered");
        assertThat(receiver.received(path)).isEmpty();

        // a notices column with a non-number (legacy data) is reported the same way, the valid ids still sent
        jdbc.sql("UPDATE workflow_workflow SET notices = :n, title_template = '{title}' WHERE id = :id")
                .param("n", notice + ",abc").param("id", flow.workflowId()).update();
        long second = createTicket(flow, "second", 1);
        awaitStatus(second, notice, "sent");
        assertThat(delivery(second, 0).get("last_error"))
                .isEqualTo("workflow " + flow.workflowId() + " lists notice id 'abc', which is not a number");
    }

    @Test
    void aRolledBackChangeLeavesNoDelivery() throws Exception {
        String path = "/" + TestData.unique("rollback");
        long notice = notice(receiver.url(path, n -> Answer.ok()), "t");
        long ticketId = createTicket(workflow("{title}", "c", notice), "rb", 1);
        awaitStatus(ticketId, notice, "sent");

        long[] insideTransaction = {0};
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            events.publishEvent(new TicketChanged(tickets.findActive(ticketId).orElseThrow(), TicketChanged.Action.HANDLE));
            insideTransaction[0] = deliveries(ticketId).size();
            status.setRollbackOnly();
        });
        assertThat(insideTransaction[0]).as("the outbox row is written in the change's transaction").isEqualTo(2);
        Thread.sleep(300); // a few poll intervals: nothing may be sent for the rolled-back change
        assertThat(deliveries(ticketId)).hasSize(1);
        assertThat(receiver.received(path)).hasSize(1);
    }

    @Test
    void nodesClaimingAtOnceNeverShareARow() throws Exception {
        // rows due only "tomorrow", so the running dispatcher leaves them to the competing claimers below
        long ticketId = 900_000_000L + System.nanoTime() % 1_000_000;
        LocalDateTime tomorrow = LocalDateTime.now().plusDays(1);
        for (int i = 0; i < 40; i++) {
            repository.insert(ticketId, 0, "HANDLE", "{}", NoticeDeliveryRepository.PENDING, "", tomorrow);
        }
        Set<Long> ours = new java.util.HashSet<>(jdbc.sql("SELECT id FROM notice_delivery WHERE ticket_id = :t")
                .param("t", ticketId).query(Long.class).list());
        LocalDateTime later = tomorrow.plusHours(1);
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Long>>> claims = new ArrayList<>();
        try {
            for (int node = 0; node < 4; node++) {
                String name = "node-" + node;
                Callable<List<Long>> claimer = () -> {
                    go.await();
                    List<Long> got = new ArrayList<>();
                    for (NoticeDeliveryRepository.Claim c : repository.claimDue(name, 1000, later, later.plusMinutes(5))) {
                        got.add(c.id());
                    }
                    return got;
                };
                claims.add(nodes.submit(claimer));
            }
            go.countDown();
            Set<Long> claimed = ConcurrentHashMap.newKeySet();
            int total = 0;
            for (Future<List<Long>> f : claims) {
                List<Long> got = f.get();
                got.retainAll(ours);
                total += got.size();
                claimed.addAll(got);
            }
            assertThat(claimed).as("every row claimed").containsExactlyInAnyOrderElementsOf(ours);
            assertThat(total).as("no row claimed twice").isEqualTo(ours.size());
        } finally {
            nodes.shutdownNow();
            jdbc.sql("DELETE FROM notice_delivery WHERE ticket_id = :t").param("t", ticketId).update();
        }
    }

    @Test
    void aMoveMadeByTheEngineIsNotifiedToo() throws Exception {
        String noticePath = "/" + TestData.unique("engine_notice");
        long notice = notice(receiver.url(noticePath, n -> Answer.ok()), "t");
        String hookUrl = receiver.url("/" + TestData.unique("hook_state"), n -> Answer.ok());
        long workflowId = ok(admin.post("/api/v1.0/workflows", "{\"name\": " + ApiClient.quote(TestData.unique("nhk"))
                + ", \"workflow_admin\": \"" + adminName + "\", \"notices\": \"" + notice
                + "\", \"title_template\": \"{title}\", \"content_template\": \"c\"}")).path("workflow_id").asLong();
        data().allowApp(app, workflowId);
        long start = state(workflowId, "draft", 1, 0, "", "{\"title\": 2}");
        long hook = state(workflowId, "hook", 0, 10, "{\"hook_url\": " + ApiClient.quote(hookUrl)
                + ", \"hook_token\": \"x\", \"wait\": false}", "{}");
        long end = state(workflowId, "done", 2, 0, "", "{}");
        long submit = transition(workflowId, "submit", start, hook);
        transition(workflowId, "hooked", hook, end);

        long ticketId = createTicket(new Flow(workflowId, submit, 0), "engine", 1);

        await("the hook job's move and its notice", () -> receiver.received(noticePath).size() == 2);
        assertThat(deliveries(ticketId)).extracting(d -> d.get("ticket_action")).containsExactly("CREATE", "HANDLE");
        JsonNode moved = json.readTree(receiver.received(noticePath).get(1).body());
        assertThat(moved.path("last_flow_log").path("transition").path("transition_name").asText()).isEqualTo("hooked");
    }

    @Test
    void metricsAppearInPrometheusFormat() throws Exception {
        double before = metric("loonflow_notice_deliveries_sent_total");
        String path = "/" + TestData.unique("metrics");
        long notice = notice(receiver.url(path, n -> Answer.ok()), "t");
        long ticketId = createTicket(workflow("{title}", "c", notice), "m", 1);
        awaitStatus(ticketId, notice, "sent");

        await("the sent counter", () -> metric("loonflow_notice_deliveries_sent_total") >= before + 1);
        String scrape = api().get("/actuator/prometheus").body();
        assertThat(scrape).contains("loonflow_notice_delivery_failures_total",
                "loonflow_notice_delivery_retries_total", "loonflow_notice_deliveries_given_up_total{reason=\"attempts\"}",
                "loonflow_notice_backlog", "loonflow_notice_failed");
        assertThat(metric("loonflow_notice_backlog")).isGreaterThanOrEqualTo(0);
    }

    private double metric(String name) {
        String scrape = api().get("/actuator/prometheus").body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+|NaN)$").matcher(scrape);
        assertThat(m.find()).as(name + " in: " + (scrape.length() > 300 ? scrape.length() + " chars" : scrape)).isTrue();
        return Double.parseDouble(m.group(2));
    }
}
