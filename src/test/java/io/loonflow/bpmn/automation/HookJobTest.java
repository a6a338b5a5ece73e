package io.loonflow.bpmn.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.automation.HookTarget.Answer;
import io.loonflow.bpmn.compiler.BpmnContract;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hook states end to end: a workflow defined over the admin API, a ticket created over HTTP, the hook job run with
 * {@link ManagementService#executeJob} against a real HTTP server on 127.0.0.1. The job executor is paused for this
 * class so that the tests, not its threads, run the jobs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HookJobTest extends IntegrationTest {

    private static final String TOKEN = "hook-secret-token";

    @Autowired
    ProcessEngine engine;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ObjectMapper json;

    private boolean jobExecutorWasActive;
    private HookTarget target;

    @BeforeAll
    void pauseJobExecutor() {
        JobExecutor jobExecutor = jobExecutor();
        jobExecutorWasActive = jobExecutor.isActive();
        if (jobExecutorWasActive) {
            jobExecutor.shutdown();
        }
    }

    @AfterAll
    void restartJobExecutor() {
        if (jobExecutorWasActive) {
            jobExecutor().start();
        }
        AbstractAssertions.reset();
    }

    @BeforeEach
    void startTarget() throws Exception {
        BpmnAwareTests.init(engine);
        target = new HookTarget();
    }

    @AfterEach
    void stopTarget() {
        target.close();
    }

    private JobExecutor jobExecutor() {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    }

    private HookWorkflowFixture workflow(String path, boolean wait, String extraInfo) {
        return new HookWorkflowFixture(api(), data(), target.url(path), TOKEN, wait, extraInfo);
    }

    private long create(HookWorkflowFixture fixture, String title) {
        ApiClient.Response created = fixture.as(api(), fixture.creator).post("/api/v1.0/tickets",
                "{\"workflow_id\": " + fixture.workflowId + ", \"transition_id\": " + fixture.submit
                        + ", \"title\": " + ApiClient.quote(title) + ", \"suggestion\": \"go\"}");
        assertThat(created.code()).as(created.toString()).isEqualTo(0);
        return created.data().path("ticket_id").asLong();
    }

    private ProcessInstance process(long ticketId) {
        String id = jdbc.sql("SELECT proc_inst_id FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId)
                .query(String.class).single();
        return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private Job hookJob(long ticketId) {
        return management.createJobQuery().processInstanceId(process(ticketId).getId()).singleResult();
    }

    private Map<String, Object> ticketRow(long ticketId) {
        return jdbc.sql("SELECT state_id, participant, script_run_last_result FROM ticket_ticketrecord WHERE id = :id")
                .param("id", ticketId).query().singleRow();
    }

    private long stateOf(long ticketId) {
        return ((Number) ticketRow(ticketId).get("state_id")).longValue();
    }

    private boolean scriptRunLastResult(long ticketId) {
        return (Boolean) ticketRow(ticketId).get("script_run_last_result");
    }

    /** Flow-log lines after the creation line, oldest first. */
    private List<Map<String, Object>> linesAfterCreate(long ticketId) {
        List<Map<String, Object>> lines = jdbc.sql("""
                        SELECT transition_id, suggestion, participant_type_id, participant, state_id, intervene_type_id,
                          ticket_data, creator FROM ticket_ticketflowlog WHERE ticket_id = :id ORDER BY id""")
                .param("id", ticketId).query().listOfRows();
        return lines.subList(1, lines.size());
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private double hookCalls(String outcome, String attempt) {
        return meters.get("loonflow.hook.calls").tag("outcome", outcome).tag("attempt", attempt).counter().count();
    }

    @Test
    void successWithoutWaitPostsTheTicketAndMovesItOnByTheFirstTransition() throws Exception {
        target.on("/go", Answer.json(200, "{\"code\": 0, \"msg\": \"收到\"}"));
        HookWorkflowFixture fixture = workflow("/go", false, "{\"team\": \"运维\", \"n\": 1}");
        long ticketId = create(fixture, "服务器申请");
        assertThat(stateOf(ticketId)).isEqualTo(fixture.hook);
        assertThat(target.requests("/go")).isEmpty(); // nothing is posted by the API thread
        double successes = hookCalls("success", "first");

        management.executeJob(hookJob(ticketId).getId());

        HookTarget.Request request = target.requests("/go").get(0);
        String timestamp = request.header("timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(120L));
        assertThat(request.header("signature")).isEqualTo(HookClient.signature(timestamp, TOKEN)).matches("[0-9a-f]{32}");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.body()).contains("\"title\": \"\\u670D\\u52A1\\u5668\\u7533\\u8BF7\"")
                .doesNotContain("服务器");
        JsonNode body = json.readTree(request.body());
        List<String> keys = iterable(body.fieldNames());
        assertThat(keys.subList(0, 3)).containsExactly("id", "creator", "gmt_created");
        assertThat(keys.get(keys.size() - 1)).isEqualTo("extra_info");
        assertThat(body.path("id").asLong()).isEqualTo(ticketId);
        assertThat(body.path("state_id").asLong()).isEqualTo(fixture.hook);
        assertThat(body.path("extra_info").path("team").asText()).isEqualTo("运维");

        assertThat(stateOf(ticketId)).isEqualTo(fixture.done);
        assertThat((Object) process(ticketId)).as("process ended").isNull();
        List<Map<String, Object>> lines = linesAfterCreate(ticketId);
        assertThat(lines).hasSize(1);
        Map<String, Object> robot = lines.get(0);
        assertThat(number(robot, "transition_id")).isEqualTo(fixture.hooked);
        assertThat(number(robot, "state_id")).isEqualTo(fixture.hook);
        assertThat(robot.get("participant")).isEqualTo("loonrobot");
        assertThat(robot.get("suggestion")).isEqualTo("收到"); // not loonflow's leaked signature headers
        assertThat(hookCalls("success", "first")).isEqualTo(successes + 1);
    }

    @Test
    void successWithWaitWritesTheWaitLineAndWaitsForTheCallback() {
        target.on("/wait", Answer.json(200, "{\"code\": false, \"msg\": \"queued\"}"));
        HookWorkflowFixture fixture = workflow("/wait", true, "{\"ref\": 42}");
        long ticketId = create(fixture, "wait for me");

        management.executeJob(hookJob(ticketId).getId());

        assertThat(target.requests("/wait")).hasSize(1);
        BpmnAwareTests.assertThat(process(ticketId)).isWaitingAt(BpmnContract.hookCallbackId(fixture.hook));
        assertThat(stateOf(ticketId)).isEqualTo(fixture.hook);
        assertThat(scriptRunLastResult(ticketId)).isTrue();
        List<Map<String, Object>> lines = linesAfterCreate(ticketId);
        assertThat(lines).hasSize(1);
        Map<String, Object> waitLine = lines.get(0);
        assertThat(number(waitLine, "transition_id")).isZero();
        assertThat(number(waitLine, "intervene_type_id")).isZero();
        assertThat(number(waitLine, "participant_type_id")).isEqualTo(10);
        assertThat(waitLine.get("participant")).isEqualTo("hook");
        assertThat(waitLine.get("creator")).isEqualTo("loonrobot");
        assertThat(number(waitLine, "state_id")).isEqualTo(fixture.hook);
        assertThat(waitLine.get("suggestion")).isEqualTo("queued");
        assertThat((String) waitLine.get("ticket_data")).contains("extra_info").contains("42");
    }

    @Test
    void anHttpErrorFailsTheJobAndTheEngineKeepsItForARetry() {
        target.on("/err", Answer.json(500, "{\"code\": 0, \"msg\": \"boom\"}"));
        HookWorkflowFixture fixture = workflow("/err", false, null);
        long ticketId = create(fixture, "t");
        Job job = hookJob(ticketId);

        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("hook failed: HTTP 500");

        Job failed = hookJob(ticketId);
        assertThat(failed.getRetries()).isEqualTo(2);
        assertThat(failed.getExceptionMessage()).isEqualTo("hook failed: HTTP 500, code 0, msg: boom");
        assertThat(failed.getDuedate()).isAfter(new java.util.Date()); // back-off from the retry cycle
        assertThat(stateOf(ticketId)).isEqualTo(fixture.hook);
        assertThat(linesAfterCreate(ticketId)).isEmpty();
        assertThat(scriptRunLastResult(ticketId)).isTrue(); // only an incident marks the failure
        assertThat(target.requests("/err").get(0).body()).doesNotContain(TOKEN);
    }

    @Test
    void codeMinusOneFailsTheJobWithTheTargetsMessage() {
        target.on("/refuse", Answer.json(200, "{\"code\": -1, \"msg\": \"not today\"}"));
        HookWorkflowFixture fixture = workflow("/refuse", false, null);
        long ticketId = create(fixture, "t");

        assertThatThrownBy(() -> management.executeJob(hookJob(ticketId).getId()))
                .hasMessageContaining("hook failed: HTTP 200, code -1, msg: not today");
        assertThat(hookJob(ticketId).getRetries()).isEqualTo(2);
        assertThat(stateOf(ticketId)).isEqualTo(fixture.hook);
    }

    @Test
    void aSlowTargetFailsTheJobAfterTheConfiguredTimeout() {
        target.on("/slow", Answer.hanging());
        HookWorkflowFixture fixture = workflow("/slow", false, null);
        long ticketId = create(fixture, "t");

        assertThatThrownBy(() -> management.executeJob(hookJob(ticketId).getId()))
                .hasMessageContaining("answer within 2000 ms");
        assertThat(hookJob(ticketId).getRetries()).isEqualTo(2);
        assertThat(stateOf(ticketId)).isEqualTo(fixture.hook);
    }

    @Test
    void aRetryThatSucceedsMovesTheTicketOn() {
        target.on("/flaky", Answer.json(503, ""), Answer.json(200, "{\"code\": 0.0, \"msg\": \"second time\"}"));
        HookWorkflowFixture fixture = workflow("/flaky", false, null);
        long ticketId = create(fixture, "t");
        double retriedSuccesses = hookCalls("success", "retry");
        double firstFailures = hookCalls("failure", "first");

        assertThatThrownBy(() -> management.executeJob(hookJob(ticketId).getId())).hasMessageContaining("HTTP 503");
        assertThat(hookCalls("failure", "first")).isEqualTo(firstFailures + 1);
        management.executeJob(hookJob(ticketId).getId());

        assertThat(target.requests("/flaky")).hasSize(2);
        assertThat(stateOf(ticketId)).isEqualTo(fixture.done);
        assertThat(linesAfterCreate(ticketId)).extracting(line -> line.get("suggestion")).containsExactly("second time");
        assertThat(hookCalls("success", "retry")).isEqualTo(retriedSuccesses + 1);
    }

    @Test
    void exhaustedRetriesRaiseAnIncidentFlagTheTicketAndAreListedForOperators() {
        target.on("/never", Answer.json(200, "{\"code\": -1, \"msg\": \"nope\"}"));
        HookWorkflowFixture fixture = workflow("/never", false, null);
        long ticketId = create(fixture, "t");
        String expected = "hook failed: HTTP 200, code -1, msg: nope";
        double incidents = meters.get("loonflow.automation.incidents").tag("kind", "hook").counter().count();

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThatThrownBy(() -> management.executeJob(hookJob(ticketId).getId())).hasMessageContaining(expected);
        }

        assertThat(hookJob(ticketId).getRetries()).isZero();
        Incident incident = runtime.createIncidentQuery().processInstanceId(process(ticketId).getId()).singleResult();
        assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        assertThat(incident.getActivityId()).isEqualTo(BpmnContract.stateActivityId(fixture.hook));
        assertThat(scriptRunLastResult(ticketId)).isFalse();
        assertThat(stateOf(ticketId)).isEqualTo(fixture.hook);
        List<Map<String, Object>> lines = linesAfterCreate(ticketId);
        assertThat(lines).hasSize(1);
        Map<String, Object> failure = lines.get(0);
        assertThat(number(failure, "transition_id")).isZero();
        assertThat(number(failure, "intervene_type_id")).isZero();
        assertThat(number(failure, "participant_type_id")).isEqualTo(10);
        assertThat(failure.get("participant")).isEqualTo("hook");
        assertThat(failure.get("creator")).isEqualTo("loonrobot");
        assertThat(failure.get("suggestion")).isEqualTo(expected);
        assertThat((String) failure.get("ticket_data")).contains("\"script_run_last_result\"");
        assertThat(meters.get("loonflow.automation.incidents").tag("kind", "hook").counter().count())
                .isEqualTo(incidents + 1);

        ApiClient.Response listed = fixture.admin.get("/api/v1.0/automation/incidents?ticket_id=" + ticketId);
        assertThat(listed.code()).as(listed.toString()).isEqualTo(0);
        assertThat(listed.data().path("total").asLong()).isOne();
        JsonNode entry = listed.data().path("value").get(0);
        assertThat(entry.path("incident_id").asText()).isEqualTo(incident.getId());
        assertThat(entry.path("ticket_id").asLong()).isEqualTo(ticketId);
        assertThat(entry.path("sn").asText()).startsWith("loonflow_");
        assertThat(entry.path("state_id").asLong()).isEqualTo(fixture.hook);
        assertThat(entry.path("state_name").asText()).isEqualTo("notify");
        assertThat(entry.path("kind").asText()).isEqualTo("hook");
        assertThat(entry.path("message").asText()).isEqualTo(expected);
        assertThat(entry.path("job_id").asText()).isEqualTo(hookJob(ticketId).getId());
        assertThat(entry.path("gmt_created").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");

        ApiClient.Response all = fixture.admin.get("/api/v1.0/automation/incidents?per_page=1000");
        assertThat(all.data().path("value").findValuesAsText("incident_id")).contains(incident.getId());
        ApiClient.Response refused = fixture.as(api(), fixture.creator).get("/api/v1.0/automation/incidents");
        assertThat(refused.code()).isEqualTo(-1);
        assertThat(refused.msg()).isEqualTo("has no permission:user is not admin");
        assertThat(fixture.admin.get("/api/v1.0/automation/incidents?ticket_id=x").code()).isEqualTo(-1);
    }

    @Test
    void aJobWhoseTicketHasLeftTheHookStateSendsNothing() {
        target.on("/gone", Answer.json(200, "{\"code\": 0}"));
        HookWorkflowFixture fixture = workflow("/gone", false, null);
        long ticketId = create(fixture, "t");
        jdbc.sql("UPDATE ticket_ticketrecord SET state_id = :state WHERE id = :id")
                .param("state", fixture.draft).param("id", ticketId).update();

        assertThatThrownBy(() -> management.executeJob(hookJob(ticketId).getId()))
                .hasMessageContaining("not in hook state " + fixture.hook);
        assertThat(target.requests("/gone")).isEmpty();
        assertThat(linesAfterCreate(ticketId)).isEmpty();
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
