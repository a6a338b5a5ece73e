package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.TestData;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Force state, close, retreat and delete over real HTTP: the ticket row, the handler index, the flow log and the
 * process instance (modified, ended, restarted or deleted) after each.
 */
class TicketStateMoveApiTest extends InterventionTestSupport {

    private String creator;
    private String approver;
    private String director;
    private String helper;
    private long start;
    private long approve;
    private long directorApproval;
    private long end;
    private long save;
    private long submit;
    private long agree;

    @BeforeEach
    void defineWorkflow() {
        creator = user("creator");
        approver = user("approver");
        director = user("director");
        helper = user("helper");
        fixture.workflow(TestData.unique("moves"));
        fixture.field("days", 10, "{}");
        start = fixture.state("draft", 1, 0, "", 1, "{\"days\": 3}");
        approve = fixture.state("approve", 0, 1, approver, 2, "{\"days\": 3}", true);
        directorApproval = fixture.state("director", 0, 1, director, 2, "{}", false);
        end = fixture.state("done", 2, 0, "", 1, "{}");
        save = fixture.transition("save", start, start, 1, false, "[]");
        submit = fixture.transition("submit", start, approve, 1, false, "[]");
        agree = fixture.transition("agree", approve, directorApproval, 1, false, "[]");
        fixture.transition("director agrees", directorApproval, end, 1, false, "[]");
    }

    private ApiClient.Response forceState(String username, long ticketId, String body) {
        return as(username).put("/api/v1.0/tickets/" + ticketId + "/state", body);
    }

    private ApiClient.Response post(String username, long ticketId, String action, String body) {
        return as(username).post("/api/v1.0/tickets/" + ticketId + "/" + action, body);
    }

    private HistoricProcessInstance history(String processInstanceId) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult();
    }

    // ---- force state -------------------------------------------------------------------------------------------

    @Test
    void forceStateChecksTheBodyAndTheManager() {
        long ticketId = create(creator, submit, "");
        String manager = manager();
        refused(forceState(manager, ticketId, "{}"), "请求参数不合法:Missing key: 'state_id'");
        refused(forceState(manager, ticketId, "{\"state_id\": 0}"),
                "请求参数不合法:state_id is needed and type should be int");
        refused(forceState(manager, ticketId, "{\"state_id\": \"x\"}"),
                "请求参数不合法:state_id is needed and type should be int");
        refused(forceState(manager, ticketId, "{\"state_id\": " + end + ", \"x\": 1}"), "请求参数不合法:Wrong key 'x'");
        ApiClient.Response handler = forceState(approver, ticketId, "{\"state_id\": " + end + "}");
        refused(handler, "user has no permission to manage this ticket");
        assertThat(handler.data().isObject()).isTrue();

        String deactivated = manager();
        jdbc.sql("UPDATE account_loonuser SET is_active = FALSE WHERE username = :u").param("u", deactivated).update();
        refused(forceState(deactivated, ticketId, "{\"state_id\": " + end + "}"),
                "user has no permission to manage this ticket");

        long otherWorkflowState = otherWorkflowState();
        ApiClient.Response foreign = forceState(manager, ticketId, "{\"state_id\": " + otherWorkflowState + "}");
        assertThat(foreign.code()).isEqualTo(-1);
        assertThat(foreign.msg()).contains("is not a state of this ticket's workflow");
        refused(forceState(manager, 999_999_999L, "{\"state_id\": " + end + "}"),
                "ticket is not existed or has been deleted");
        assertThat(stateOf(ticketId)).isEqualTo(approve);
        assertThat(process(ticketId)).isWaitingAt("state_" + approve);
        assertThat(logCount(ticketId, 8)).isZero();
    }

    private long otherWorkflowState() {
        TicketWorkflowFixture other = new TicketWorkflowFixture(api(), data());
        other.workflow(TestData.unique("other"));
        return other.state("elsewhere", 1, 0, "", 1, "{}");
    }

    @Test
    void forceStateMovesTheProcessInstanceAndResolvesTheTargetsParticipants() {
        long ticketId = create(creator, submit, "");
        String manager = manager();
        ok(forceState(manager, ticketId, "{\"state_id\": " + directorApproval + ", \"suggestion\": \"skip\"}"));

        assertThat(stateOf(ticketId)).isEqualTo(directorApproval);
        assertThat(participant(ticketId)).isEqualTo(director);
        assertThat(act(ticketId)).isEqualTo(1);
        assertThat(process(ticketId)).isWaitingAt("state_" + directorApproval);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(processId(ticketId)).count())
                .isEqualTo(1);
        assertThat(task(ticketId)).isAssignedTo(director);
        assertThat(inProcess(ticketId)).containsExactly(director);
        Map<String, Object> line = lastLog(ticketId);
        assertThat(number(line, "intervene_type_id")).isEqualTo(8);
        assertThat(number(line, "state_id")).isEqualTo(approve); // filed under the previous state, as loonflow
        assertThat(line.get("participant")).isEqualTo(manager);
        assertThat(line.get("suggestion")).isEqualTo("skip");
        refused(handle(approver, ticketId, agree), "not current participant, no permission");

        // to the start state: the creator handles it, act_state 0
        ok(forceState(manager, ticketId, "{\"state_id\": " + start + "}"));
        assertThat(participant(ticketId)).isEqualTo(creator);
        assertThat(act(ticketId)).isZero();
        assertThat(task(ticketId)).isAssignedTo(creator);

        // to the end state: closed (5), the instance ends, nobody handles it
        String processInstanceId = processId(ticketId);
        ok(forceState(manager, ticketId, "{\"state_id\": " + end + "}"));
        assertThat(stateOf(ticketId)).isEqualTo(end);
        assertThat(act(ticketId)).isEqualTo(5);
        assertThat(participant(ticketId)).isEmpty();
        assertThat(inProcess(ticketId)).isEmpty();
        assertThat(history(processInstanceId).getEndTime()).isNotNull();
        assertThat(history(processInstanceId).getEndActivityId()).isEqualTo("state_" + end);

        // back from the end: a new instance starts in the target state; the ticket is ongoing again (loonflow: 5)
        ok(forceState(manager, ticketId, "{\"state_id\": " + approve + "}"));
        assertThat(processId(ticketId)).isNotEqualTo(processInstanceId);
        assertThat(process(ticketId)).isWaitingAt("state_" + approve);
        assertThat(process(ticketId).getBusinessKey()).isEqualTo(String.valueOf(ticketId));
        assertThat(task(ticketId)).isAssignedTo(approver);
        assertThat(act(ticketId)).isEqualTo(1);
        assertThat(inProcess(ticketId)).containsExactly(approver);
        ok(handle(approver, ticketId, agree));
        assertThat(stateOf(ticketId)).isEqualTo(directorApproval);
        assertThat(process(ticketId)).isWaitingAt("state_" + directorApproval);
    }

    @Test
    void aTargetNobodyCanHandleIsRefusedAndNothingMoves() {
        fixture.field("who", 60, "{}");
        long nobody = fixture.state("nobody", 0, 7, "who", 2, "{}");
        long ticketId = create(creator, submit, "");
        ApiClient.Response refusedMove = forceState(manager(), ticketId, "{\"state_id\": " + nobody + "}");
        assertThat(refusedMove.code()).isEqualTo(-1);
        assertThat(refusedMove.msg()).startsWith("nobody can handle state nobody");
        assertThat(stateOf(ticketId)).isEqualTo(approve);
        assertThat(process(ticketId)).isWaitingAt("state_" + approve);
        assertThat(task(ticketId)).isAssignedTo(approver);
        assertThat(logCount(ticketId, 8)).isZero();
    }

    @Test
    void aSuperAdminAndTheWorkflowsCreatorMayForceTheState() {
        long ticketId = create(creator, submit, "");
        ok(forceState(fixture.adminName, ticketId, "{\"state_id\": " + directorApproval + "}"));
        String owner = user("owner");
        jdbc.sql("UPDATE workflow_workflow SET creator = :u WHERE id = :w").param("u", owner)
                .param("w", fixture.workflowId).update();
        ok(forceState(owner, ticketId, "{\"state_id\": " + approve + "}"));
        assertThat(process(ticketId)).isWaitingAt("state_" + approve);
    }

    @Test
    void forceStateEndsACoSignAndLeavesNoDelegatedTask() {
        long ticketId = create(creator, submit, "");
        ok(post(approver, ticketId, "add_node", "{\"target_username\": \"" + helper + "\"}"));
        ok(forceState(manager(), ticketId, "{\"state_id\": " + approve + "}"));
        Map<String, Object> ticket = row(ticketId);
        assertThat(ticket.get("in_add_node")).isEqualTo(false);
        assertThat(ticket.get("add_node_man")).isEqualTo("");
        assertThat(ticket.get("participant")).isEqualTo(approver);
        Task task = task(ticketId);
        assertThat(task.getDelegationState()).isNull();
        assertThat(task).isAssignedTo(approver);
        ok(handle(approver, ticketId, agree));
    }

    // ---- close -------------------------------------------------------------------------------------------------

    @Test
    void theCreatorClosesOnlyInTheStartStateAndAManagerAlways() {
        long drafted = create(creator, save, "");
        assertThat(process(drafted)).isWaitingAt("state_" + start);
        long submitted = create(creator, submit, "\"days\": 4");
        String message = "just ticket's creator can close ticket in start state or workflow_admin can close ticket"
                + " in any state";
        ApiClient.Response notInStart = post(creator, submitted, "close", "{}");
        refused(notInStart, message);
        assertThat(notInStart.data().isObject()).isTrue();
        refused(post(approver, submitted, "close", "{}"), message);
        ApiClient.Response noBody = post(creator, drafted, "close", "");
        assertThat(noBody.code()).isEqualTo(-1);
        assertThat(noBody.msg()).startsWith("请求参数不合法:");
        assertThat(stateOf(drafted)).isEqualTo(start);

        ApiClient.Response byCreator = post(creator, drafted, "close", "{\"suggestion\": \"never mind\"}");
        ok(byCreator);
        assertThat(byCreator.data().isTextual() && byCreator.data().asText().isEmpty()).isTrue();
        assertThat(stateOf(drafted)).isEqualTo(end);

        String processInstanceId = processId(submitted);
        ok(post(manager(), submitted, "close", "{\"suggestion\": \"stop\"}"));
        Map<String, Object> ticket = row(submitted);
        assertThat(number(ticket, "state_id")).isEqualTo(end);
        assertThat(number(ticket, "participant_type_id")).isZero();
        assertThat(ticket.get("participant")).isEqualTo("");
        assertThat(number(ticket, "act_state_id")).isEqualTo(5);
        assertThat(inProcess(submitted)).isEmpty();
        assertThat(history(processInstanceId).getEndTime()).isNotNull();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId).count())
                .isZero();
        Map<String, Object> line = lastLog(submitted);
        assertThat(number(line, "intervene_type_id")).isEqualTo(7);
        assertThat(number(line, "state_id")).isEqualTo(end);
        assertThat(line.get("suggestion")).isEqualTo("强制关闭工单:stop");
        // the snapshot is taken before closing, as loonflow
        assertThat((String) line.get("ticket_data")).contains("\"state_id\":" + approve).contains("\"days\":4");

        refused(handle(approver, submitted, agree), "工单当前状态无需操作");
        ok(post(manager(), submitted, "close", "{}")); // closing a closed ticket is allowed, as in loonflow
        assertThat(logCount(submitted, 7)).isEqualTo(2);
    }

    @Test
    void closeChecksTheApp() {
        long ticketId = create(creator, submit, "");
        String otherApp = TestData.unique("otherapp");
        String otherToken = data().appToken(otherApp, "");
        refused(api().signed(otherApp, otherToken).username(fixture.adminName)
                .post("/api/v1.0/tickets/" + ticketId + "/close", "{}"),
                "the app has no permission to the workflow_id");
        assertThat(stateOf(ticketId)).isEqualTo(approve);
    }

    @Test
    void retreatAndDeleteCheckTheApp() {
        long ticketId = create(creator, submit, "");
        String otherApp = TestData.unique("otherapp");
        String otherToken = data().appToken(otherApp, "");
        refused(api().signed(otherApp, otherToken).username(creator)
                .post("/api/v1.0/tickets/" + ticketId + "/retreat", "{}"),
                "the app has no permission to the workflow_id");
        refused(api().signed(otherApp, otherToken).username(fixture.adminName)
                .delete("/api/v1.0/tickets/" + ticketId), "the app has no permission to the workflow_id");
        assertThat(stateOf(ticketId)).isEqualTo(approve);
        assertThat(row(ticketId).get("is_deleted")).isEqualTo(false);
    }

    // ---- retreat -----------------------------------------------------------------------------------------------

    @Test
    void theCreatorRetreatsFromAStateThatAllowsIt() {
        long ticketId = create(creator, submit, "");
        refused(post(approver, ticketId, "retreat", "{}"),
                "just ticket's creator can retreat ticket in specific state that enable retreat");
        ok(post(approver, ticketId, "add_node", "{\"target_username\": \"" + helper + "\"}"));

        ok(post(creator, ticketId, "retreat", "{\"suggestion\": \"forgot something\"}"));
        Map<String, Object> ticket = row(ticketId);
        assertThat(number(ticket, "state_id")).isEqualTo(start);
        assertThat(ticket.get("participant")).isEqualTo(creator);
        assertThat(number(ticket, "act_state_id")).isEqualTo(3);
        assertThat(ticket.get("in_add_node")).isEqualTo(false);
        assertThat(ticket.get("add_node_man")).isEqualTo("");
        assertThat(process(ticketId)).isWaitingAt("state_" + start);
        assertThat(task(ticketId)).isAssignedTo(creator);
        assertThat(task(ticketId).getDelegationState()).isNull();
        assertThat(inProcess(ticketId)).containsExactly(creator);
        Map<String, Object> line = lastLog(ticketId);
        assertThat(number(line, "intervene_type_id")).isEqualTo(10);
        assertThat(number(line, "state_id")).isEqualTo(start);
        assertThat(line.get("suggestion")).isEqualTo("forgot something");

        refused(post(creator, ticketId, "retreat", "{}"), "now state can not be retreat");
        ok(handle(creator, ticketId, submit));
        ok(handle(approver, ticketId, agree));
        refused(post(creator, ticketId, "retreat", "{}"), "now state can not be retreat");
        assertThat(process(ticketId)).isWaitingAt("state_" + directorApproval);
    }

    // ---- delete ------------------------------------------------------------------------------------------------

    @Test
    void deleteIsForManagersAndEndsTheProcessInstance() {
        long ticketId = create(creator, submit, "");
        ApiClient.Response notManager = as(approver).delete("/api/v1.0/tickets/" + ticketId);
        refused(notManager, "user has no permission to manage this ticket");
        assertThat(notManager.data().isObject()).isTrue();
        ApiClient.Response badBody = as(fixture.adminName).send("DELETE", "/api/v1.0/tickets/" + ticketId, "{oops");
        assertThat(badBody.code()).isEqualTo(-1);
        assertThat(process(ticketId)).isNotNull();

        String processInstanceId = processId(ticketId);
        String manager = manager();
        ApiClient.Response deleted = as(manager).send("DELETE", "/api/v1.0/tickets/" + ticketId,
                "{\"suggestion\": \"duplicate\"}");
        ok(deleted);
        assertThat(deleted.data().isObject() && deleted.data().isEmpty()).isTrue();
        assertThat(row(ticketId).get("is_deleted")).isEqualTo(true);
        HistoricProcessInstance ended = history(processInstanceId);
        assertThat(ended.getEndTime()).isNotNull();
        assertThat(ended.getDeleteReason()).contains("deleted by " + manager);
        Map<String, Object> line = lastLog(ticketId);
        assertThat(number(line, "intervene_type_id")).isEqualTo(6);
        assertThat(number(line, "state_id")).isEqualTo(approve);
        assertThat(line.get("suggestion")).isEqualTo("duplicate");
        assertThat((String) line.get("ticket_data")).contains("\"is_deleted\":false");

        refused(handle(approver, ticketId, agree), "ticket is not existed or has been deleted");
        refused(as(manager).delete("/api/v1.0/tickets/" + ticketId), "ticket is not existed or has been deleted");
    }

    // ---- fields ------------------------------------------------------------------------------------------------

    @Test
    void fieldsMayBeChangedByAManagerOrACurrentHandlerOnly() {
        fixture.field("note", 5, "{}");
        long ticketId = create(creator, submit, "\"days\": 2");
        String path = "/api/v1.0/tickets/" + ticketId + "/fields";
        refused(as(approver).patch(path, ""), "post参数为空");
        refused(api().signed(fixture.app, fixture.token).patch(path, "{\"days\": 3}"), "参数不全，请提供username");
        ApiClient.Response outsider = as(helper).patch(path, "{\"days\": 3}");
        refused(outsider, "user has no permission to modify the fields of this ticket: only a workflow manager or a"
                + " current handler may");
        refused(as(approver).patch(path, "{\"note\": \"x\"}"),
                "field note is not editable in the ticket's current state");
        refused(as(approver).patch(path, "{\"days\": 5, \"title\": \"new\"}"),
                "field title is not editable in the ticket's current state");
        assertThat(days(ticketId)).isEqualTo(2);

        ok(as(approver).patch(path, "{\"days\": 5}"));
        assertThat(days(ticketId)).isEqualTo(5);

        String manager = manager();
        ok(as(manager).patch(path, "{\"title\": \"renamed\", \"note\": \"hello\", \"script_run_last_result\": false,"
                + " \"unknown_key\": 1, \"state_id\": " + approve + "}"));
        Map<String, Object> ticket = row(ticketId);
        assertThat(ticket.get("title")).isEqualTo("renamed");
        assertThat(ticket.get("script_run_last_result")).isEqualTo(false);
        assertThat(jdbc.sql("SELECT char_value FROM ticket_ticketcustomfield WHERE ticket_id = :id"
                + " AND field_key = 'note'"
                + " AND is_deleted = FALSE").param("id", ticketId).query(String.class).single()).isEqualTo("hello");
    }

    @Test
    void columnsMaintainedByTheEngineCannotBeRewritten() {
        long ticketId = create(creator, submit, "\"days\": 2");
        String path = "/api/v1.0/tickets/" + ticketId + "/fields";
        String admin = fixture.adminName;
        for (String change : List.of("\"state_id\": " + end, "\"participant\": \"" + helper + "\"",
                "\"creator\": \"" + helper + "\"", "\"is_deleted\": true", "\"id\": " + (ticketId + 1),
                "\"workflow_id\": " + (fixture.workflowId + 1),
                "\"participant_type_id\": 2", "\"ticket_type_id\": 1")) {
            ApiClient.Response refusedChange = as(admin).patch(path,
                    "{\"title\": \"changed\", \"days\": 9, " + change + "}");
            assertThat(refusedChange.code()).as(change).isEqualTo(-1);
            assertThat(refusedChange.msg()).contains("cannot be changed through the fields endpoint");
        }
        ApiClient.Response badValue = as(admin).patch(path, "{\"title\": \"changed\", \"days\": \"many\"}");
        assertThat(badValue.code()).isEqualTo(-1);
        assertThat(badValue.msg()).contains("days");
        Map<String, Object> ticket = row(ticketId);
        assertThat(ticket.get("title")).isEqualTo("t");
        assertThat(number(ticket, "state_id")).isEqualTo(approve);
        assertThat(ticket.get("participant")).isEqualTo(approver);
        assertThat(ticket.get("is_deleted")).isEqualTo(false);
        assertThat(days(ticketId)).isEqualTo(2);
        assertThat(process(ticketId)).isWaitingAt("state_" + approve);
    }

    private long days(long ticketId) {
        return jdbc.sql("SELECT int_value FROM ticket_ticketcustomfield WHERE ticket_id = :id AND field_key = 'days'"
                + " AND is_deleted = FALSE").param("id", ticketId).query(Long.class).single();
    }
}
