package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Editing a workflow moves its running tickets onto the new process version (equal state ids). */
class TicketMigrationTest extends IntegrationTest {

    @Autowired
    ProcessEngine engine;

    private TicketWorkflowFixture fixture;
    private String creator;
    private String approver;
    private long review;
    private long end;
    private long submit;
    private long ticketId;

    @BeforeEach
    void ticketWaitingInReview() {
        BpmnAwareTests.init(engine);
        fixture = new TicketWorkflowFixture(api(), data());
        creator = TestData.unique("creator");
        approver = TestData.unique("approver");
        data().user(creator, false, false);
        data().user(approver, false, false);
        fixture.workflow(TestData.unique("migrating"));
        long start = fixture.state("draft", 1, 0, "", 1, "{}");
        review = fixture.state("review", 0, 1, approver, 2, "{}");
        end = fixture.state("done", 2, 0, "", 1, "{}");
        submit = fixture.transition("submit", start, review, 1, false, "[]");
        fixture.transition("agree", review, end, 1, false, "[]");
        ticketId = as(creator).post("/api/v1.0/tickets", "{\"workflow_id\": %d, \"transition_id\": %d, \"title\": \"t\"}"
                .formatted(fixture.workflowId, submit)).data().path("ticket_id").asLong();
    }

    private ApiClient as(String username) {
        return api().signed(fixture.app, fixture.token).username(username);
    }

    private ProcessInstance instance() {
        String id = jdbc.sql("SELECT proc_inst_id FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId)
                .query(String.class).single();
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private ProcessDefinition latest() {
        return engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("loonflow_" + fixture.workflowId).latestVersion().singleResult();
    }

    @Test
    void aNewTransitionOfTheCurrentStateIsUsableRightAway() {
        String before = instance().getProcessDefinitionId();
        long escalate = fixture.state("director", 0, 1, approver, 2, "{}");
        long toDirector = fixture.transition("escalate", review, escalate, 1, false, "[]");

        assertThat(instance().getProcessDefinitionId()).isNotEqualTo(before).isEqualTo(latest().getId());
        assertThat(instance()).isWaitingAt("state_" + review);
        ApiClient.Response handled = as(approver).patch("/api/v1.0/tickets/" + ticketId,
                "{\"transition_id\": " + toDirector + "}");
        assertThat(handled.code()).as(handled.toString()).isEqualTo(0);
        assertThat(instance()).isWaitingAt("state_" + escalate);
    }

    @Test
    void aRenamedStateRenamesTheWaitingTask() {
        ApiClient.Response renamed = fixture.admin.patch("/api/v1.0/workflows/" + fixture.workflowId + "/states/" + review,
                "{\"name\": \"peer review\", \"order_id\": 0, \"type_id\": 0, \"participant_type_id\": 1,"
                        + " \"participant\": \"" + approver + "\", \"distribute_type_id\": 2, \"state_field_str\": \"{}\"}");
        assertThat(renamed.code()).as(renamed.toString()).isEqualTo(0);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance().getId()).singleResult()
                .getName()).isEqualTo("peer review");
    }

    @Test
    void removingTheStateATicketWaitsInIsRefusedAndChangesNothing() {
        String before = latest().getId();
        long agreeId = jdbc.sql("SELECT id FROM workflow_transition WHERE source_state_id = :s AND is_deleted = FALSE")
                .param("s", review).query(Long.class).single();
        assertThat(fixture.admin.delete("/api/v1.0/workflows/" + fixture.workflowId + "/transitions/" + agreeId).code())
                .isEqualTo(0);
        long submitId = submit;
        assertThat(fixture.admin.delete("/api/v1.0/workflows/" + fixture.workflowId + "/transitions/" + submitId).code())
                .isEqualTo(0);
        ApiClient.Response refused = fixture.admin.delete("/api/v1.0/workflows/" + fixture.workflowId + "/states/" + review);
        assertThat(refused.code()).isEqualTo(-1);
        assertThat(refused.msg()).contains("state " + review);
        assertThat(jdbc.sql("SELECT is_deleted FROM workflow_state WHERE id = :id").param("id", review)
                .query(Boolean.class).single()).isFalse();
        assertThat(instance()).isWaitingAt("state_" + review);
        assertThat(latest().getId()).isNotEqualTo(before); // the transition deletions themselves were deployed
    }
}
