package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A ticket's life over real HTTP on a workflow defined through the admin API: created, routed by the engine
 * (plain and conditional transitions), handled only by its current participant, one action at a time.
 */
class TicketLifecycleTest extends IntegrationTest {

    @Autowired
    ProcessEngine engine;

    private TicketWorkflowFixture fixture;
    private String creator;
    private String approver;
    private String director;
    private long start;
    private long approve;
    private long directorApproval;
    private long end;
    private long submit;
    private long agree;
    private long sendBack;

    @BeforeEach
    void defineLeaveWorkflow() {
        BpmnAwareTests.init(engine);
        fixture = new TicketWorkflowFixture(api(), data());
        creator = TestData.unique("creator");
        approver = TestData.unique("approver");
        director = TestData.unique("director");
        data().user(creator, false, false);
        data().user(approver, false, false);
        data().user(director, false, false);
        fixture.workflow(TestData.unique("leave"));
        fixture.field("days", 10, "{}");
        start = fixture.state("draft", 1, 0, "", 1, "{\"title\": 2, \"days\": 2}");
        approve = fixture.state("approve", 0, 1, approver, 2, "{\"days\": 1}");
        directorApproval = fixture.state("director", 0, 1, director, 2, "{}");
        end = fixture.state("done", 2, 0, "", 1, "{}");
        submit = fixture.transition("submit", start, approve, 1, true, "[]");
        agree = fixture.transition("agree", approve, end, 1, false,
                "[{\"expression\": \"{days} > 5\", \"target_state_id\": " + directorApproval + "}]");
        sendBack = fixture.transition("send back", approve, start, 2, false, "[]");
        fixture.transition("director agrees", directorApproval, end, 1, false, "[]");
    }

    private ApiClient as(String username) {
        return api().signed(fixture.app, fixture.token).username(username);
    }

    private long create(int days) {
        ApiClient.Response created = as(creator).post("/api/v1.0/tickets", """
                {"workflow_id": %d, "transition_id": %d, "title": "trip", "days": %d, "suggestion": "please"}"""
                .formatted(fixture.workflowId, submit, days));
        assertThat(created.code()).as(created.toString()).isEqualTo(0);
        return created.data().path("ticket_id").asLong();
    }

    private ProcessInstance process(long ticketId) {
        String id = jdbc.sql("SELECT proc_inst_id FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId)
                .query(String.class).single();
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private String processId(long ticketId) {
        return jdbc.sql("SELECT proc_inst_id FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId)
                .query(String.class).single();
    }

    private long stateOf(long ticketId) {
        return jdbc.sql("SELECT state_id FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId)
                .query(Long.class).single();
    }

    @Test
    void createdTicketWaitsForItsApproverInTheEngine() {
        long ticketId = create(2);

        assertThat(stateOf(ticketId)).isEqualTo(approve);
        var ticket = jdbc.sql("SELECT participant_type_id, participant, act_state_id, relation, sn, creator"
                + " FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId).query().singleRow();
        assertThat(ticket.get("participant")).isEqualTo(approver);
        assertThat(((Number) ticket.get("participant_type_id")).intValue()).isEqualTo(1);
        assertThat(((Number) ticket.get("act_state_id")).intValue()).isEqualTo(1);
        assertThat((String) ticket.get("sn")).matches("loonflow_\\d{8}\\d{4,}");
        assertThat(((String) ticket.get("relation")).split(",")).containsExactlyInAnyOrder(creator, approver);

        ProcessInstance instance = process(ticketId);
        assertThat(instance).isWaitingAt("state_" + approve);
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(task.getAssignee()).isEqualTo(approver);
        assertThat(instance.getBusinessKey()).isEqualTo(String.valueOf(ticketId));
        // create leaves the start state in the command that starts the instance: its task is never created
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
                .singleResult().getStartActivityId()).isEqualTo("state_" + start + "_gateway");

        assertThat(jdbc.sql("SELECT int_value FROM ticket_ticketcustomfield WHERE ticket_id = :id AND field_key = 'days'")
                .param("id", ticketId).query(Long.class).single()).isEqualTo(2L);
        assertThat(jdbc.sql("SELECT username FROM ticket_ticketuser WHERE ticket_id = :id AND in_process = TRUE")
                .param("id", ticketId).query(String.class).list()).containsExactly(approver);
        var log = jdbc.sql("SELECT transition_id, state_id, participant, suggestion, ticket_data FROM ticket_ticketflowlog"
                + " WHERE ticket_id = :id").param("id", ticketId).query().singleRow();
        assertThat(((Number) log.get("transition_id")).longValue()).isEqualTo(submit);
        assertThat(((Number) log.get("state_id")).longValue()).isEqualTo(start);
        assertThat(log.get("participant")).isEqualTo(creator);
        assertThat(log.get("suggestion")).isEqualTo("please");
        assertThat((String) log.get("ticket_data")).contains("\"days\":2").contains("\"state_id\":" + approve);
    }

    @Test
    void onlyTheCurrentParticipantSeesButtonsAndMayHandle() {
        long ticketId = create(2);
        JsonNode buttons = as(approver).get("/api/v1.0/tickets/" + ticketId + "/transitions").data().path("value");
        assertThat(buttons).hasSize(2);
        assertThat(buttons.get(0).path("transition_id").asLong()).isEqualTo(agree);
        assertThat(buttons.get(0).path("transition_name").asText()).isEqualTo("agree");
        assertThat(as(creator).get("/api/v1.0/tickets/" + ticketId + "/transitions").data().path("value")).isEmpty();

        ApiClient.Response refused = as(creator).patch("/api/v1.0/tickets/" + ticketId,
                "{\"transition_id\": " + agree + "}");
        assertThat(refused.code()).isEqualTo(-1);
        assertThat(refused.msg()).isEqualTo("not current participant, no permission");
        assertThat(stateOf(ticketId)).isEqualTo(approve);
    }

    @Test
    void handlingFollowsTheTransitionToTheEnd() {
        long ticketId = create(2);
        ApiClient.Response handled = as(approver).patch("/api/v1.0/tickets/" + ticketId,
                "{\"transition_id\": " + agree + ", \"suggestion\": \"ok\"}");
        assertThat(handled.code()).as(handled.toString()).isEqualTo(0);
        assertThat(handled.data().path("value").asBoolean()).isTrue();

        assertThat(stateOf(ticketId)).isEqualTo(end);
        assertThat(jdbc.sql("SELECT act_state_id FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId)
                .query(Integer.class).single()).isEqualTo(Ticket.ACT_FINISH);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(processId(ticketId))
                .singleResult().getEndActivityId()).isEqualTo("state_" + end);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket_ticketuser WHERE ticket_id = :id AND in_process = TRUE")
                .param("id", ticketId).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT worked FROM ticket_ticketuser WHERE ticket_id = :id AND username = :u")
                .param("id", ticketId).param("u", approver).query(Boolean.class).single()).isTrue();
    }

    @Test
    void conditionsRouteBeforeTheTransitionsOwnDestination() {
        long ticketId = create(8);
        assertThat(as(approver).patch("/api/v1.0/tickets/" + ticketId, "{\"transition_id\": " + agree + "}").code())
                .isEqualTo(0);
        assertThat(stateOf(ticketId)).isEqualTo(directorApproval);
        assertThat(process(ticketId)).isWaitingAt("state_" + directorApproval);
        assertThat(jdbc.sql("SELECT participant FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId)
                .query(String.class).single()).isEqualTo(director);
    }

    @Test
    void sendingBackReturnsToTheCreatorAsRefused() {
        long ticketId = create(2);
        assertThat(as(approver).patch("/api/v1.0/tickets/" + ticketId, "{\"transition_id\": " + sendBack + "}")
                .code()).isEqualTo(0);
        var ticket = jdbc.sql("SELECT state_id, participant, act_state_id FROM ticket_ticketrecord WHERE id = :id")
                .param("id", ticketId).query().singleRow();
        assertThat(((Number) ticket.get("state_id")).longValue()).isEqualTo(start);
        assertThat(ticket.get("participant")).isEqualTo(creator);
        assertThat(((Number) ticket.get("act_state_id")).intValue()).isEqualTo(Ticket.ACT_BACK);
        assertThat(process(ticketId)).isWaitingAt("state_" + start);
    }

    @Test
    void missingRequiredFieldsAndBadValuesChangeNothing() {
        ApiClient.Response missing = as(creator).post("/api/v1.0/tickets",
                "{\"workflow_id\": %d, \"transition_id\": %d, \"title\": \"x\"}".formatted(fixture.workflowId, submit));
        assertThat(missing.code()).isEqualTo(-1);
        assertThat(missing.msg()).isEqualTo("此工单的必填字段为:title,days");

        long before = jdbc.sql("SELECT COUNT(*) FROM ticket_ticketrecord WHERE workflow_id = :w")
                .param("w", fixture.workflowId).query(Long.class).single();
        ApiClient.Response bad = as(creator).post("/api/v1.0/tickets",
                "{\"workflow_id\": %d, \"transition_id\": %d, \"title\": \"x\", \"days\": \"many\"}"
                        .formatted(fixture.workflowId, submit));
        assertThat(bad.code()).isEqualTo(-1);
        assertThat(bad.msg()).contains("days").contains("not an integer");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket_ticketrecord WHERE workflow_id = :w")
                .param("w", fixture.workflowId).query(Long.class).single()).isEqualTo(before);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("loonflow_" + fixture.workflowId).count()).isZero();

        ApiClient.Response wrongTransition = as(creator).post("/api/v1.0/tickets",
                "{\"workflow_id\": %d, \"transition_id\": %d, \"title\": \"x\", \"days\": 1}"
                        .formatted(fixture.workflowId, agree));
        assertThat(wrongTransition.msg()).isEqualTo("transition_id is invalid");
    }

    @Test
    void twoSimultaneousActionsOnOneTicketLetExactlyOneWin() throws Exception {
        long ticketId = create(2);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<ApiClient.Response>> results = new ArrayList<>();
        for (long transition : new long[] {agree, sendBack}) {
            Callable<ApiClient.Response> action = () -> {
                go.await();
                return as(approver).patch("/api/v1.0/tickets/" + ticketId, "{\"transition_id\": " + transition + "}");
            };
            results.add(pool.submit(action));
        }
        go.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<ApiClient.Response> result : results) {
            codes.add(result.get().code());
        }
        pool.shutdown();
        assertThat(codes).containsExactlyInAnyOrder(0, -1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket_ticketflowlog WHERE ticket_id = :id").param("id", ticketId)
                .query(Long.class).single()).isEqualTo(2L);
    }
}
