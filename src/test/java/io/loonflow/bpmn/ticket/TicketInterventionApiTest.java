package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.TestData;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accept, deliver, co-sign and comments over real HTTP, with the engine's task checked after each step: the
 * ticket's participant and the task's assignee / candidates / delegation always agree.
 */
class TicketInterventionApiTest extends InterventionTestSupport {

    @Autowired
    TicketEngine ticketEngine;

    @Autowired
    TransactionTemplate transactions;

    private String creator;
    private String reviewer1;
    private String reviewer2;
    private String approver;
    private String helper;
    private long review;
    private long approve;
    private long end;
    private long toReview;
    private long toApprove;
    private long reviewed;
    private long approved;

    @BeforeEach
    void defineWorkflow() {
        creator = user("creator");
        reviewer1 = user("reviewer");
        reviewer2 = user("reviewer");
        approver = user("approver");
        helper = user("helper");
        fixture.workflow(TestData.unique("interventions"));
        long start = fixture.state("draft", 1, 0, "", 1, "{}");
        // accept-first state offered to two people, and a personal state
        review = fixture.state("review", 0, 2, reviewer1 + "," + reviewer2, 1, "{}");
        approve = fixture.state("approve", 0, 1, approver, 2, "{}");
        end = fixture.state("done", 2, 0, "", 1, "{}");
        toReview = fixture.transition("to review", start, review, 1, false, "[]");
        toApprove = fixture.transition("to approve", start, approve, 1, false, "[]");
        reviewed = fixture.transition("reviewed", review, end, 1, false, "[]");
        approved = fixture.transition("approved", approve, end, 1, false, "[]");
    }

    private ApiClient.Response post(String username, long ticketId, String action, String body) {
        return as(username).post("/api/v1.0/tickets/" + ticketId + "/" + action, body);
    }

    // ---- accept ------------------------------------------------------------------------------------------------

    @Test
    void acceptMakesOneCandidateTheOnlyHandler() {
        long ticketId = create(creator, toReview, "");
        Task offered = task(ticketId);
        assertThat(offered.getAssignee()).isNull();
        assertThat(candidates(offered)).containsExactlyInAnyOrder(reviewer1, reviewer2);
        JsonNode buttons = as(reviewer1).get("/api/v1.0/tickets/" + ticketId + "/transitions").data().path("value");
        assertThat(buttons.get(0).path("is_accept").asBoolean()).isTrue();
        refused(handle(reviewer1, ticketId, reviewed), "需要先接单再处理");

        ApiClient.Response outsider = post(creator, ticketId, "accept", "");
        refused(outsider, "not crrent participant, no permission");
        assertThat(outsider.data().asText()).isEmpty();

        ApiClient.Response accepted = post(reviewer1, ticketId, "accept", "");
        ok(accepted);
        assertThat(accepted.data().isObject() && accepted.data().isEmpty()).isTrue();
        assertThat(participant(ticketId)).isEqualTo(reviewer1);
        assertThat(participantType(ticketId)).isEqualTo(1);
        Task claimed = task(ticketId);
        assertThat(claimed).isAssignedTo(reviewer1);
        assertThat(candidates(claimed)).isEmpty();
        assertThat(process(ticketId)).isWaitingAt("state_" + review);
        assertThat(inProcess(ticketId)).containsExactly(reviewer1);
        Map<String, Object> line = lastLog(ticketId);
        assertThat(number(line, "intervene_type_id")).isEqualTo(4);
        assertThat(number(line, "transition_id")).isZero();
        assertThat(number(line, "state_id")).isEqualTo(review);
        assertThat(line.get("suggestion")).isEqualTo("接单处理");
        assertThat(line.get("participant")).isEqualTo(reviewer1);
        assertThat((String) line.get("ticket_data")).contains("\"participant\":\"" + reviewer1 + "\"");

        refused(post(reviewer1, ticketId, "accept", ""), "participant is one people, do not accept ticket first");
        refused(post(reviewer2, ticketId, "accept", ""), "not current participant, no permission");
        ok(handle(reviewer1, ticketId, reviewed));
        assertThat(stateOf(ticketId)).isEqualTo(end);
    }

    @Test
    void acceptNeedsSeveralCandidatesOfAnAcceptFirstStateAndTheAppsPermission() {
        long ticketId = create(creator, toApprove, "");
        refused(post(approver, ticketId, "accept", ""), "participant is one people, do not accept ticket first");
        refused(api().signed(fixture.app, fixture.token).post("/api/v1.0/tickets/" + ticketId + "/accept", ""),
                "not current participant, no permission");

        String otherApp = TestData.unique("otherapp");
        String otherToken = data().appToken(otherApp, "");
        ApiClient.Response foreign = api().signed(otherApp, otherToken).username(approver)
                .post("/api/v1.0/tickets/" + ticketId + "/accept", "");
        refused(foreign, "the app has no permission to the workflow_id");
        refused(post(approver, 999_999_999L, "accept", ""), "ticket is not existed or has been deleted");
    }

    @Test
    void twoCandidatesAcceptingAtOnceLetExactlyOneWin() throws Exception {
        long ticketId = create(creator, toReview, "");
        List<ApiClient.Response> responses = simultaneously(List.of(
                () -> post(reviewer1, ticketId, "accept", ""),
                () -> post(reviewer2, ticketId, "accept", "")));
        assertThat(responses).extracting(ApiClient.Response::code).containsExactlyInAnyOrder(0, -1);
        String winner = responses.get(0).code() == 0 ? reviewer1 : reviewer2;
        // the loser waited for the winner's row lock and then saw the accepted ticket
        assertThat(responses.get(responses.get(0).code() == 0 ? 1 : 0).msg())
                .isEqualTo("not current participant, no permission");
        assertThat(participant(ticketId)).isEqualTo(winner);
        assertThat(task(ticketId)).isAssignedTo(winner);
        assertThat(candidates(task(ticketId))).isEmpty();
        assertThat(logCount(ticketId, 4)).isEqualTo(1);
    }

    // ---- deliver -----------------------------------------------------------------------------------------------

    @Test
    void deliverHandsTheTaskToTheTarget() {
        long ticketId = create(creator, toApprove, "");
        refused(post(approver, ticketId, "deliver", "{}"), "请求参数不合法:Missing key: 'target_username'");
        refused(post(approver, ticketId, "deliver", "{\"target_username\": \"\"}"),
                "请求参数不合法:target_username is needed");
        refused(post(approver, ticketId, "deliver", "{\"target_username\": \"" + helper + "\", \"x\": 1}"),
                "请求参数不合法:Wrong key 'x'");
        ApiClient.Response notHandler = post(creator, ticketId, "deliver", "{\"target_username\": \"" + helper + "\"}");
        refused(notHandler, "not current participant, no permission");
        assertThat(notHandler.data().isObject()).isTrue();
        String ghost = TestData.unique("ghost");
        refused(post(approver, ticketId, "deliver", "{\"target_username\": \"" + ghost + "\"}"),
                "target_username: " + ghost + " is not existed or has been deleted");
        String retired = user("retired");
        jdbc.sql("UPDATE account_loonuser SET is_active = FALSE WHERE username = :u").param("u", retired).update();
        refused(post(approver, ticketId, "deliver", "{\"target_username\": \"" + retired + "\"}"),
                "target_username: " + retired + " is not active");
        assertThat(task(ticketId)).isAssignedTo(approver);

        ApiClient.Response delivered = post(approver, ticketId, "deliver",
                "{\"target_username\": \"" + helper + "\", \"suggestion\": \"over to you\"}");
        ok(delivered);
        assertThat(delivered.data().isBoolean() && delivered.data().asBoolean()).isTrue();
        assertThat(participant(ticketId)).isEqualTo(helper);
        assertThat(task(ticketId)).isAssignedTo(helper);
        assertThat(inProcess(ticketId)).containsExactly(helper);
        assertThat(((String) column(ticketId, "relation")).split(",")).contains(creator, approver, helper);
        Map<String, Object> line = lastLog(ticketId);
        assertThat(number(line, "intervene_type_id")).isEqualTo(1);
        assertThat(line.get("participant")).isEqualTo(approver);
        assertThat(line.get("suggestion")).isEqualTo("over to you");
        assertThat(number(line, "state_id")).isEqualTo(approve);

        refused(handle(approver, ticketId, approved), "not current participant, no permission");
        ok(handle(helper, ticketId, approved));
        assertThat(process(ticketId)).isNull();
        assertThat(stateOf(ticketId)).isEqualTo(end);
    }

    @Test
    void adminDeliverNeedsAWorkflowManager() {
        long ticketId = create(creator, toApprove, "");
        String body = "{\"target_username\": \"" + helper + "\", \"from_admin\": 1}";
        ApiClient.Response notManager = post(creator, ticketId, "deliver", body);
        refused(notManager, "user has no permission to manage this ticket");
        assertThat(notManager.data().isObject()).isTrue();
        String ghost = TestData.unique("ghost");
        refused(post(ghost, ticketId, "deliver", body), "username: " + ghost + " is not existed or has been deleted");

        String manager = manager();
        ok(post(manager, ticketId, "deliver", "{\"target_username\": \"" + helper + "\", \"from_admin\": true}"));
        assertThat(participant(ticketId)).isEqualTo(helper);
        assertThat(task(ticketId)).isAssignedTo(helper);
        assertThat(lastLog(ticketId).get("participant")).isEqualTo(manager);
    }

    @Test
    void aHandlerDeliveringTwiceAtOnceHandsTheTicketToExactlyOneTarget() throws Exception {
        long ticketId = create(creator, toApprove, "");
        List<ApiClient.Response> responses = simultaneously(List.of(
                () -> post(approver, ticketId, "deliver", "{\"target_username\": \"" + helper + "\"}"),
                () -> post(approver, ticketId, "deliver", "{\"target_username\": \"" + reviewer1 + "\"}")));
        assertThat(responses).extracting(ApiClient.Response::code).containsExactlyInAnyOrder(0, -1);
        String target = responses.get(0).code() == 0 ? helper : reviewer1;
        assertThat(responses.get(responses.get(0).code() == 0 ? 1 : 0).msg())
                .isEqualTo("not current participant, no permission");
        assertThat(participant(ticketId)).isEqualTo(target);
        assertThat(task(ticketId)).isAssignedTo(target);
        assertThat(inProcess(ticketId)).containsExactly(target);
        assertThat(logCount(ticketId, 1)).isEqualTo(1);
    }

    // ---- add_node / add_node_end -------------------------------------------------------------------------------

    @Test
    void aDelegatedTaskCannotBeHandledUntilTheCoSignerEndsIt() {
        long ticketId = create(creator, toApprove, "");
        refused(post(approver, ticketId, "add_node_end", "{}"),
                "the ticket is not in add_node (co-sign), there is nothing to end");
        refused(post(approver, ticketId, "add_node", "{}"), "请求参数不合法:Missing key: 'target_username'");
        refused(post(creator, ticketId, "add_node", "{\"target_username\": \"" + helper + "\"}"),
                "not current participant, no permission");

        ApiClient.Response added = post(approver, ticketId, "add_node",
                "{\"target_username\": \"" + helper + "\", \"suggestion\": \"please check\"}");
        ok(added);
        assertThat(added.data().isObject() && added.data().isEmpty()).isTrue();
        Map<String, Object> ticket = row(ticketId);
        assertThat(ticket.get("in_add_node")).isEqualTo(true);
        assertThat(ticket.get("add_node_man")).isEqualTo(approver);
        assertThat(ticket.get("participant")).isEqualTo(helper);
        Task delegated = task(ticketId);
        assertThat(delegated.getDelegationState()).isEqualTo(DelegationState.PENDING);
        assertThat(delegated).isAssignedTo(helper);
        assertThat(delegated.getOwner()).isEqualTo(approver);
        assertThat(inProcess(ticketId)).containsExactly(helper);
        assertThat(number(lastLog(ticketId), "intervene_type_id")).isEqualTo(2);
        assertThat(lastLog(ticketId).get("participant")).isEqualTo(approver);

        JsonNode buttons = as(helper).get("/api/v1.0/tickets/" + ticketId + "/transitions").data().path("value");
        assertThat(buttons.get(0).path("in_add_node").asBoolean()).isTrue();
        refused(handle(helper, ticketId, approved), "工单当前处于加签中，只允许加签完成操作");
        refused(handle(approver, ticketId, approved), "not current participant, no permission");
        // nested co-sign would lose the requester (loonflow bug 16)
        refused(post(helper, ticketId, "add_node", "{\"target_username\": \"" + reviewer1 + "\"}"),
                "工单当前处于加签中，只允许加签完成操作");
        // the engine gate refuses a pending delegated task whatever the ticket row says
        String processInstanceId = processId(ticketId);
        assertThatThrownBy(() -> transactions.executeWithoutResult(status ->
                ticketEngine.perform(processInstanceId, approve, approved, new java.util.HashMap<>())))
                .isInstanceOf(ApiException.class).hasMessage("工单当前处于加签中，只允许加签完成操作");
        assertThat(process(ticketId)).isWaitingAt("state_" + approve);
        refused(post(approver, ticketId, "add_node_end", "{}"), "not current participant, no permission");
        refused(post(helper, ticketId, "add_node_end", "{\"x\": 1}"), "请求参数不合法:Wrong key 'x'");

        ok(post(helper, ticketId, "add_node_end", "{\"suggestion\": \"looks fine\"}"));
        ticket = row(ticketId);
        assertThat(ticket.get("in_add_node")).isEqualTo(false);
        assertThat(ticket.get("add_node_man")).isEqualTo("");
        assertThat(ticket.get("participant")).isEqualTo(approver);
        Task resolved = task(ticketId);
        assertThat(resolved.getDelegationState()).isEqualTo(DelegationState.RESOLVED);
        assertThat(resolved).isAssignedTo(approver);
        assertThat(inProcess(ticketId)).containsExactly(approver);
        Map<String, Object> line = lastLog(ticketId);
        assertThat(number(line, "intervene_type_id")).isEqualTo(3);
        assertThat(line.get("participant")).isEqualTo(helper);
        assertThat(line.get("suggestion")).isEqualTo("looks fine");

        ok(handle(approver, ticketId, approved));
        assertThat(stateOf(ticketId)).isEqualTo(end);
    }

    @Test
    void anUnacceptedCandidateMayCoSignAndGetsTheTicketBackAlone() {
        long ticketId = create(creator, toReview, "");
        ok(post(reviewer2, ticketId, "add_node", "{\"target_username\": \"" + helper + "\"}"));
        assertThat(task(ticketId).getOwner()).isEqualTo(reviewer2);
        assertThat(candidates(task(ticketId))).isEmpty();
        ok(post(helper, ticketId, "add_node_end", "{}"));
        assertThat(participant(ticketId)).isEqualTo(reviewer2);
        assertThat(task(ticketId)).isAssignedTo(reviewer2);
        ok(handle(reviewer2, ticketId, reviewed));
    }

    @Test
    void aCoSignerMayDeliverTheCoSignWhichStillReturnsToTheRequester() {
        long ticketId = create(creator, toApprove, "");
        ok(post(approver, ticketId, "add_node", "{\"target_username\": \"" + helper + "\"}"));
        ok(post(helper, ticketId, "deliver", "{\"target_username\": \"" + reviewer1 + "\"}"));
        Task task = task(ticketId);
        assertThat(task).isAssignedTo(reviewer1);
        assertThat(task.getDelegationState()).isEqualTo(DelegationState.PENDING);
        assertThat(row(ticketId).get("add_node_man")).isEqualTo(approver);
        refused(handle(reviewer1, ticketId, approved), "工单当前处于加签中，只允许加签完成操作");
        ok(post(reviewer1, ticketId, "add_node_end", "{}"));
        assertThat(participant(ticketId)).isEqualTo(approver);
        assertThat(task(ticketId)).isAssignedTo(approver);
    }

    @Test
    void adminDeliverEndsACoSign() {
        long ticketId = create(creator, toApprove, "");
        ok(post(approver, ticketId, "add_node", "{\"target_username\": \"" + helper + "\"}"));
        ok(post(manager(), ticketId, "deliver", "{\"target_username\": \"" + reviewer1 + "\", \"from_admin\": 1}"));
        Map<String, Object> ticket = row(ticketId);
        assertThat(ticket.get("in_add_node")).isEqualTo(false);
        assertThat(ticket.get("participant")).isEqualTo(reviewer1);
        assertThat(task(ticketId).getDelegationState()).isNotEqualTo(DelegationState.PENDING);
        assertThat(task(ticketId)).isAssignedTo(reviewer1);
        ok(handle(reviewer1, ticketId, approved));
        assertThat(stateOf(ticketId)).isEqualTo(end);
    }

    // ---- every intervention ------------------------------------------------------------------------------------

    @Test
    void everyInterventionChecksTheTicketAndTheApp() {
        long ticketId = create(creator, toApprove, "");
        String otherApp = TestData.unique("otherapp");
        String otherToken = data().appToken(otherApp, "");
        String target = "{\"target_username\": \"" + helper + "\"}";
        List<String[]> calls = List.of(
                new String[] {"POST", "/accept", ""},
                new String[] {"POST", "/deliver", target},
                new String[] {"POST", "/add_node", target},
                new String[] {"POST", "/add_node_end", "{}"},
                new String[] {"POST", "/comments", "{\"suggestion\": \"hi\"}"},
                new String[] {"PUT", "/state", "{\"state_id\": " + end + "}"},
                new String[] {"PATCH", "/fields", "{\"title\": \"x\"}"},
                new String[] {"POST", "/close", "{}"},
                new String[] {"POST", "/retreat", "{}"},
                new String[] {"DELETE", "", ""});
        for (String[] call : calls) {
            ApiClient.Response foreign = api().signed(otherApp, otherToken).username(fixture.adminName)
                    .send(call[0], "/api/v1.0/tickets/" + ticketId + call[1], call[2]);
            assertThat(foreign.msg()).as(call[1]).isEqualTo("the app has no permission to the workflow_id");
            ApiClient.Response unknown = as(fixture.adminName)
                    .send(call[0], "/api/v1.0/tickets/999999999" + call[1], call[2]);
            assertThat(unknown.msg()).as(call[1]).isEqualTo("ticket is not existed or has been deleted");
        }
        assertThat(row(ticketId).get("title")).isEqualTo("t");
        assertThat(participant(ticketId)).isEqualTo(approver);
        assertThat(task(ticketId)).isAssignedTo(approver);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket_ticketflowlog WHERE ticket_id = :id").param("id", ticketId)
                .query(Long.class).single()).isEqualTo(1);
    }

    // ---- comments ----------------------------------------------------------------------------------------------

    @Test
    void commentsAreFiledUnderTheCurrentStateByAnyUserOfAPermittedApp() {
        long ticketId = create(creator, toApprove, "");
        refused(post(helper, ticketId, "comments", "{}"), "请求参数不合法:Missing key: 'suggestion'");
        refused(post(helper, ticketId, "comments", "{\"suggestion\": \"\"}"), "请求参数不合法:suggestion is needed");
        refused(post(helper, ticketId, "comments", "{\"suggestion\": \"x\", \"y\": 1}"), "请求参数不合法:Wrong key 'y'");
        ApiClient.Response anonymous = api().signed(fixture.app, fixture.token)
                .post("/api/v1.0/tickets/" + ticketId + "/comments", "{\"suggestion\": \"hi\"}");
        refused(anonymous, "ticket_id and username should not be null");
        assertThat(anonymous.data().asText()).isEmpty();
        String otherApp = TestData.unique("otherapp");
        String otherToken = data().appToken(otherApp, "");
        refused(api().signed(otherApp, otherToken).username(helper)
                .post("/api/v1.0/tickets/" + ticketId + "/comments", "{\"suggestion\": \"hi\"}"),
                "the app has no permission to the workflow_id");
        refused(post(helper, 999_999_999L, "comments", "{\"suggestion\": \"hi\"}"),
                "ticket is not existed or has been deleted");
        assertThat(logCount(ticketId, 5)).isZero();

        ApiClient.Response commented = post(helper, ticketId, "comments", "{\"suggestion\": \"nice\"}");
        assertThat(commented.code()).isZero();
        assertThat(commented.msg()).isEqualTo("add ticket comment successful");
        assertThat(commented.data().isObject() && commented.data().isEmpty()).isTrue();
        Map<String, Object> line = lastLog(ticketId);
        assertThat(number(line, "intervene_type_id")).isEqualTo(5);
        assertThat(number(line, "state_id")).isEqualTo(approve);
        assertThat(line.get("participant")).isEqualTo(helper);
        assertThat(line.get("creator")).isEqualTo(helper);
        assertThat(line.get("suggestion")).isEqualTo("nice");
        assertThat(participant(ticketId)).isEqualTo(approver);
        assertThat(task(ticketId)).isAssignedTo(approver);
    }
}
