package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import io.loonflow.bpmn.compiler.BpmnContract;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The hook callback (spec §4.17) and the retry of a hook (§4.15) over HTTP. The hook call itself is the hook job's
 * business; here the engine is put where the job would leave it (waiting for the callback, or failed).
 */
class TicketHookCallbackTest extends IntegrationTest {

    @Autowired
    ProcessEngine engine;

    private TicketWorkflowFixture fixture;
    private String creator;
    private String approver;
    private long hook;
    private long approve;
    private long submit;
    private long hookDone;

    @BeforeEach
    void defineWorkflowWithWaitingHook() {
        BpmnAwareTests.init(engine);
        fixture = new TicketWorkflowFixture(api(), data());
        creator = TestData.unique("creator");
        approver = TestData.unique("approver");
        data().user(creator, false, false);
        data().user(approver, false, false);
        fixture.workflow(TestData.unique("hooked"));
        fixture.field("note", 5, "{}");
        long start = fixture.state("draft", 1, 0, "", 1, "{}");
        // the target is a closed port: the real job fails and retries minutes later, which these tests never reach
        hook = fixture.state("provision", 0, 10,
                "{\"hook_url\": \"http://127.0.0.1:9/hook\", \"hook_token\": \"secret\", \"wait\": true}", 1,
                "{\"note\": 3}");
        approve = fixture.state("approve", 0, 1, approver, 1, "{}");
        long end = fixture.state("done", 2, 0, "", 1, "{}");
        submit = fixture.transition("submit", start, hook, 1, false, "[]");
        hookDone = fixture.transition("provisioned", hook, approve, 1, false, "[]");
        fixture.transition("agree", approve, end, 1, false, "[]");
    }

    private ApiClient as(String username) {
        return api().signed(fixture.app, fixture.token).username(username);
    }

    private ApiClient app() {
        return api().signed(fixture.app, fixture.token);
    }

    private long create() {
        ApiClient.Response created = as(creator).post("/api/v1.0/tickets",
                "{\"workflow_id\": %d, \"transition_id\": %d, \"title\": \"t\"}".formatted(fixture.workflowId, submit));
        assertThat(created.code()).as(created.toString()).isEqualTo(0);
        long ticketId = created.data().path("ticket_id").asLong();
        awaitFirstHookAttempt(ticketId);
        return ticketId;
    }

    /**
     * The job executor runs the hook job at once in the background; its call to the closed port fails and the next
     * attempt is minutes away. Waiting for that first failure keeps the tests clear of the executor.
     */
    private void awaitFirstHookAttempt(long ticketId) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            Job job = engine.getManagementService().createJobQuery().processInstanceId(processId(ticketId))
                    .singleResult();
            if (job == null || job.getRetries() < 3) {
                return;
            }
            assertThat(System.currentTimeMillis()).as("hook job attempted within 30 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String processId(long ticketId) {
        return jdbc.sql("SELECT proc_inst_id FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId)
                .query(String.class).single();
    }

    private Map<String, Object> row(long ticketId) {
        return jdbc.sql("SELECT state_id, participant, participant_type_id, script_run_last_result"
                + " FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId).query().singleRow();
    }

    private Map<String, Object> lastLine(long ticketId) {
        return jdbc.sql("SELECT transition_id, state_id, participant, participant_type_id, creator, suggestion,"
                + " intervene_type_id FROM ticket_ticketflowlog WHERE ticket_id = :id ORDER BY id DESC")
                .param("id", ticketId).query().listOfRows().get(0);
    }

    /** Where the hook job leaves a ticket whose hook answered code 0 with wait: at the callback receive task. */
    private void hookSucceeded(long ticketId) {
        engine.getRuntimeService().createProcessInstanceModification(processId(ticketId))
                .cancelAllForActivity(BpmnContract.stateActivityId(hook))
                .startBeforeActivity(BpmnContract.hookCallbackId(hook)).execute();
    }

    @Test
    void ticketWaitsInTheHookStateWithTheHookAsParticipant() {
        long ticketId = create();
        Map<String, Object> row = row(ticketId);
        assertThat(((Number) row.get("state_id")).longValue()).isEqualTo(hook);
        assertThat(((Number) row.get("participant_type_id")).intValue()).isEqualTo(10);
        assertThat(row.get("participant")).isEqualTo("***");
    }

    @Test
    void positiveCallbackMovesTheWaitingTicketOnAsLoonrobotWithItsFields() {
        long ticketId = create();
        hookSucceeded(ticketId);

        ApiClient.Response response = app().post("/api/v1.0/tickets/" + ticketId + "/hook_call_back",
                "{\"result\": true, \"msg\": \"vm ready\", \"field_value\": {\"note\": \"vm-42\"}}");
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        assertThat(response.msg()).isEqualTo("add ticket comment successful");

        assertThat(((Number) row(ticketId).get("state_id")).longValue()).isEqualTo(approve);
        assertThat(row(ticketId).get("participant")).isEqualTo(approver);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processId(ticketId))
                .singleResult()).isWaitingAt(BpmnContract.stateActivityId(approve));
        Map<String, Object> line = lastLine(ticketId);
        assertThat(((Number) line.get("transition_id")).longValue()).isEqualTo(hookDone);
        assertThat(((Number) line.get("state_id")).longValue()).isEqualTo(hook);
        assertThat(line.get("participant")).isEqualTo("loonrobot");
        assertThat(line.get("suggestion")).isEqualTo("vm ready");
        assertThat(jdbc.sql("SELECT char_value FROM ticket_ticketcustomfield WHERE ticket_id = :id"
                + " AND field_key = 'note'").param("id", ticketId).query(String.class).single()).isEqualTo("vm-42");

        // no idempotency, as in loonflow: the ticket is no longer with the hook
        ApiClient.Response again = app().post("/api/v1.0/tickets/" + ticketId + "/hook_call_back", "{}");
        assertThat(again.code()).isEqualTo(-1);
        assertThat(again.msg()).isEqualTo("工单当前处理人类型非hook，不执行回调操作");
    }

    @Test
    void positiveCallbackAlsoReleasesAHookWhoseCallFailed() {
        long ticketId = create();
        ApiClient.Response response = app().post("/api/v1.0/tickets/" + ticketId + "/hook_call_back",
                "{\"msg\": \"done by hand\"}");
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        assertThat(((Number) row(ticketId).get("state_id")).longValue()).isEqualTo(approve);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(processId(ticketId)).count())
                .isZero();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processId(ticketId))
                .singleResult()).isWaitingAt(BpmnContract.stateActivityId(approve));
    }

    @Test
    void negativeCallbackMarksTheHookFailedAndKeepsTheTicket() {
        long ticketId = create();
        hookSucceeded(ticketId);
        ApiClient.Response response = app().post("/api/v1.0/tickets/" + ticketId + "/hook_call_back",
                "{\"result\": false, \"msg\": \"quota exceeded\"}");
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        Map<String, Object> row = row(ticketId);
        assertThat(((Number) row.get("state_id")).longValue()).isEqualTo(hook);
        assertThat(row.get("script_run_last_result")).isEqualTo(false);
        Map<String, Object> line = lastLine(ticketId);
        assertThat(((Number) line.get("intervene_type_id")).intValue()).isEqualTo(9);
        assertThat(((Number) line.get("participant_type_id")).intValue()).isEqualTo(10);
        assertThat(line.get("participant")).isEqualTo("hook");
        assertThat(line.get("creator")).isEqualTo("hook");
        assertThat(line.get("suggestion")).isEqualTo("quota exceeded");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processId(ticketId))
                .singleResult()).isWaitingAt(BpmnContract.hookCallbackId(hook));
    }

    @Test
    void callbackRefusals() {
        long ticketId = create();
        ApiClient.Response empty = app().post("/api/v1.0/tickets/" + ticketId + "/hook_call_back", "");
        assertThat(empty.code()).isEqualTo(-1);
        assertThat(empty.msg()).isEqualTo("post参数为空");
        ApiClient.Response badFields = app().post("/api/v1.0/tickets/" + ticketId + "/hook_call_back",
                "{\"field_value\": [1]}");
        assertThat(badFields.code()).isEqualTo(-1);
        assertThat(badFields.msg()).contains("field_value");
        ApiClient.Response badJson = app().post("/api/v1.0/tickets/" + ticketId + "/hook_call_back", "{nope");
        assertThat(badJson.code()).isEqualTo(-1);
        ApiClient.Response unknown = app().post("/api/v1.0/tickets/987654321/hook_call_back", "{}");
        assertThat(unknown.code()).isEqualTo(-1);
        String otherApp = TestData.unique("other");
        String otherToken = data().appToken(otherApp, "");
        ApiClient.Response foreign = api().signed(otherApp, otherToken)
                .post("/api/v1.0/tickets/" + ticketId + "/hook_call_back", "{}");
        assertThat(foreign.code()).isEqualTo(-1);
        assertThat(((Number) row(ticketId).get("state_id")).longValue()).isEqualTo(hook);
    }

    @Test
    void retryRefiresTheHookJobForAWorkflowManagerOnly() {
        long ticketId = create();
        List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(processId(ticketId)).list();
        assertThat(jobs).hasSize(1);
        engine.getManagementService().setJobRetries(jobs.get(0).getId(), 0);
        jdbc.sql("UPDATE ticket_ticketrecord SET script_run_last_result = FALSE WHERE id = :id").param("id", ticketId)
                .update();

        ApiClient.Response refused = as(creator).post("/api/v1.0/tickets/" + ticketId + "/retry_script", "");
        assertThat(refused.code()).isEqualTo(-1);
        ApiClient.Response anonymous = app().post("/api/v1.0/tickets/" + ticketId + "/retry_script", "");
        assertThat(anonymous.code()).isEqualTo(-1);

        ApiClient.Response retried = as(fixture.adminName).post("/api/v1.0/tickets/" + ticketId + "/retry_script", "");
        assertThat(retried.code()).as(retried.toString()).isEqualTo(0);
        assertThat(retried.msg()).isEqualTo("Ticket script or hook retry start successful");
        Job job = engine.getManagementService().createJobQuery().jobId(jobs.get(0).getId()).singleResult();
        assertThat(job.getRetries()).isEqualTo(3);
        assertThat(row(ticketId).get("script_run_last_result")).isEqualTo(true);
    }

    @Test
    void retryOfAHookThatWaitsForItsCallbackFiresItAgain() {
        long ticketId = create();
        hookSucceeded(ticketId);
        ApiClient.Response retried = as(fixture.adminName).post("/api/v1.0/tickets/" + ticketId + "/retry_script", "");
        assertThat(retried.code()).as(retried.toString()).isEqualTo(0);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(processId(ticketId))
                .activityId(BpmnContract.stateActivityId(hook)).count()).isEqualTo(1);
    }

    @Test
    void retryIsOnlyForHookAndScriptStates() {
        long ticketId = create();
        as(creator).post("/api/v1.0/tickets/" + ticketId + "/hook_call_back", "{}");
        ApiClient.Response refused = as(fixture.adminName).post("/api/v1.0/tickets/" + ticketId + "/retry_script", "");
        assertThat(refused.code()).isEqualTo(-1);
        assertThat(refused.msg()).isEqualTo("The ticket's participant_type is not robot or hook, do not allow retry");
    }
}
