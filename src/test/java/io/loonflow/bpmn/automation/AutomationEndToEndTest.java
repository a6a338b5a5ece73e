package io.loonflow.bpmn.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The end-to-end case over HTTP, with the job executor and the notice sender running as in production: a
 * workflow with a waiting hook state, a notice, a timer transition and child tickets. The hook target and the notice
 * receiver are one real HTTP server on 127.0.0.1; the timer is driven by the engine's clock.
 */
class AutomationEndToEndTest extends IntegrationTest {

    private static final String HOOK_TOKEN = "hook-secret";

    @Autowired
    ManagementService management;

    private HookTarget target;
    private ApiClient admin;
    private String appName;
    private String appToken;
    private String creator;
    private String worker;
    private String reviewer;
    private long provision;
    private long children;
    private long review;
    private long escalated;
    private long submit;
    private long childWorkflow;
    private long childSubmit;
    private long childDone;
    private long parentWorkflow;

    @BeforeEach
    void defineWorkflows() throws Exception {
        target = new HookTarget();
        target.on("/hook", HookTarget.Answer.json(200, "{\"code\": 0, \"msg\": \"provisioning started\"}"));
        target.on("/notice", HookTarget.Answer.json(200, "{\"code\": 0, \"msg\": \"ok\"}"));
        String adminName = TestData.unique("e2eadmin");
        data().user(adminName, true, true);
        creator = TestData.unique("e2ecreator");
        worker = TestData.unique("e2eworker");
        reviewer = TestData.unique("e2ereviewer");
        data().user(creator, false, false);
        data().user(worker, false, false);
        data().user(reviewer, false, false);
        appName = TestData.unique("e2eapp");
        appToken = data().appToken(appName, "");
        admin = api().signed(appName, appToken).username(adminName);

        String noticeName = TestData.unique("e2enotice");
        ok(admin.post("/api/v1.0/workflows/custom_notices", "{\"name\": " + ApiClient.quote(noticeName)
                + ", \"hook_url\": " + ApiClient.quote(target.url("/notice")) + ", \"hook_token\": \"ntok\"}"));
        long noticeId = ok(admin.get("/api/v1.0/workflows/custom_notices?search_value=" + noticeName))
                .path("value").get(0).path("id").asLong();

        parentWorkflow = ok(admin.post("/api/v1.0/workflows", "{\"name\": " + ApiClient.quote(TestData.unique("vm"))
                + ", \"workflow_admin\": \"" + adminName + "\", \"notices\": \"" + noticeId + "\","
                + " \"title_template\": \"ticket {title}\", \"content_template\": \"now in state {state_id}\"}"))
                .path("workflow_id").asLong();
        data().allowApp(appName, parentWorkflow);
        long draft = state(parentWorkflow, "draft", 1, 0, "");
        provision = state(parentWorkflow, "provision", 0, 10, "{\"hook_url\": " + ApiClient.quote(target.url("/hook"))
                + ", \"hook_token\": \"" + HOOK_TOKEN + "\", \"wait\": true, \"extra_info\": {\"size\": \"large\"}}");
        children = state(parentWorkflow, "children working", 0, 1, "loonrobot");
        review = state(parentWorkflow, "review", 0, 1, reviewer);
        escalated = state(parentWorkflow, "escalated", 0, 1, reviewer);
        long closed = state(parentWorkflow, "closed", 2, 0, "");
        submit = transition(parentWorkflow, "submit", draft, provision, 0);
        transition(parentWorkflow, "provisioned", provision, children, 0);
        transition(parentWorkflow, "all done", children, review, 0);
        transition(parentWorkflow, "too slow", children, escalated, 3600);
        transition(parentWorkflow, "ok", review, closed, 0);

        childWorkflow = ok(admin.post("/api/v1.0/workflows", "{\"name\": " + ApiClient.quote(TestData.unique("vmpart"))
                + ", \"workflow_admin\": \"" + adminName + "\"}")).path("workflow_id").asLong();
        data().allowApp(appName, childWorkflow);
        long childDraft = state(childWorkflow, "draft", 1, 0, "");
        long work = state(childWorkflow, "work", 0, 1, worker);
        long childEnd = state(childWorkflow, "finished", 2, 0, "");
        childSubmit = transition(childWorkflow, "start", childDraft, work, 0);
        childDone = transition(childWorkflow, "done", work, childEnd, 0);
    }

    @AfterEach
    void stop() {
        ClockUtil.reset();
        target.close();
    }

    @Test
    void hookNoticeAndChildTicketsRunEndToEnd() throws Exception {
        long parent = createParent();

        // the hook job posts the ticket; the target answers code 0 and the ticket waits for its callback
        Await.until(() -> hookCalls(parent).size() == 1, "the hook was called");
        HookTarget.Request call = hookCalls(parent).get(0);
        assertThat(call.header("signature")).isEqualTo(md5(call.header("timestamp") + HOOK_TOKEN));
        assertThat(call.body()).contains("\"extra_info\": {\"size\": \"large\"}");
        Await.until(() -> "provisioning started".equals(lastLine(parent)), "the hook's wait line");
        assertThat(stateOf(parent)).isEqualTo(provision);

        ok(app().post("/api/v1.0/tickets/" + parent + "/hook_call_back", "{\"result\": true, \"msg\": \"vm ready\"}"));
        assertThat(stateOf(parent)).isEqualTo(children);
        assertThat(timers(parent)).hasSize(1);

        long first = createChild(parent);
        long second = createChild(parent);
        finishChild(first);
        assertThat(stateOf(parent)).isEqualTo(children);
        finishChild(second);
        assertThat(stateOf(parent)).isEqualTo(review);
        assertThat(lastLine(parent)).isEqualTo("所有子工单处理完毕，自动流转");
        assertThat(timers(parent)).as("leaving the state cancelled its timer").isEmpty();

        // a notice per create and handle of the parent: create, the callback's move, the children's auto-advance
        Await.until(() -> notices(parent).size() >= 3, "three notices delivered");
        List<HookTarget.Request> notices = notices(parent);
        assertThat(notices).extracting(n -> n.header("webhook-id")).doesNotHaveDuplicates();
        assertThat(readJson(notices.get(0).body()).path("title_result").asText()).isEqualTo("ticket vm");
        assertThat(notices).extracting(n -> n.header("signature"))
                .allSatisfy(signature -> assertThat(signature).hasSize(32));
    }

    @Test
    void timerMovesAParentWhoseChildrenNeverCame() throws Exception {
        Date start = new Date();
        ClockUtil.setCurrentTime(start);
        long parent = createParent();
        Await.until(() -> "provisioning started".equals(lastLine(parent)), "the hook's wait line");
        ok(app().post("/api/v1.0/tickets/" + parent + "/hook_call_back", "{}"));
        List<Job> timers = timers(parent);
        assertThat(timers).hasSize(1);

        ClockUtil.setCurrentTime(new Date(start.getTime() + 3_601_000));
        management.executeJob(timers.get(0).getId());

        assertThat(stateOf(parent)).isEqualTo(escalated);
        assertThat(lastLine(parent)).isEqualTo("定时器流转");
        Await.until(() -> notices(parent).size() >= 3, "notices of create, callback and timer move");
    }

    // ---- steps ----

    private long createParent() {
        return ok(as(creator).post("/api/v1.0/tickets",
                "{\"workflow_id\": %d, \"transition_id\": %d, \"title\": \"vm\"}".formatted(parentWorkflow, submit)))
                .path("ticket_id").asLong();
    }

    private long createChild(long parent) {
        return ok(as(creator).post("/api/v1.0/tickets", ("{\"workflow_id\": %d, \"transition_id\": %d,"
                + " \"parent_ticket_id\": %d, \"parent_ticket_state_id\": %d}")
                .formatted(childWorkflow, childSubmit, parent, children))).path("ticket_id").asLong();
    }

    private void finishChild(long child) {
        ok(as(worker).patch("/api/v1.0/tickets/" + child, "{\"transition_id\": " + childDone + "}"));
    }

    // ---- reading ----

    private List<HookTarget.Request> hookCalls(long ticketId) {
        return target.requests("/hook").stream().filter(r -> r.body().contains("\"id\": " + ticketId + ",")).toList();
    }

    private List<HookTarget.Request> notices(long ticketId) {
        return target.requests("/notice").stream()
                .filter(r -> readJson(r.body()).path("ticket_value_info").path("id").asLong() == ticketId).toList();
    }

    private long stateOf(long ticketId) {
        return jdbc.sql("SELECT state_id FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId)
                .query(Long.class).single();
    }

    private String lastLine(long ticketId) {
        return jdbc.sql("SELECT suggestion FROM ticket_ticketflowlog WHERE ticket_id = :id ORDER BY id DESC")
                .param("id", ticketId).query(String.class).list().stream().findFirst().orElse(null);
    }

    private List<Job> timers(long ticketId) {
        String processId = jdbc.sql("SELECT proc_inst_id FROM ticket_ticketrecord WHERE id = :id")
                .param("id", ticketId).query(String.class).single();
        return management.createJobQuery().processInstanceId(processId).timers().list();
    }

    // ---- definitions ----

    private long state(long workflowId, String name, int type, int participantType, String participant) {
        return ok(admin.post("/api/v1.0/workflows/" + workflowId + "/states", "{\"name\": \"" + name
                + "\", \"order_id\": 0, \"type_id\": " + type + ", \"participant_type_id\": " + participantType
                + ", \"participant\": " + ApiClient.quote(participant) + ", \"distribute_type_id\": 1,"
                + " \"state_field_str\": \"{}\"}")).path("state_id").asLong();
    }

    private long transition(long workflowId, String name, long source, long destination, int timerSeconds) {
        return ok(admin.post("/api/v1.0/workflows/" + workflowId + "/transitions", "{\"name\": \"" + name
                + "\", \"transition_type_id\": " + (timerSeconds > 0 ? 2 : 1) + ", \"timer\": " + timerSeconds
                + ", \"source_state_id\": " + source + ", \"destination_state_id\": " + destination
                + ", \"attribute_type_id\": 1, \"field_require_check\": 0, \"condition_expression\": \"[]\"}"))
                .path("value").path("transition_id").asLong();
    }

    private ApiClient as(String username) {
        return app().username(username);
    }

    /** A fresh client signed as the app (clients keep their headers, so each step takes its own). */
    private ApiClient app() {
        return api().signed(appName, appToken);
    }

    private static com.fasterxml.jackson.databind.JsonNode ok(ApiClient.Response response) {
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        return response.data();
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Polls a condition that background work (the job executor, the notice sender) makes true. */
    private static final class Await {
        static void until(BooleanSupplier condition, String what) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!condition.getAsBoolean()) {
                assertThat(System.currentTimeMillis()).as("waiting for: " + what).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }
}
