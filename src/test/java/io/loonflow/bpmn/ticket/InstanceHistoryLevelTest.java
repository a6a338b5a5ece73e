package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.loonflow.bpmn.compiler.BpmnContract;
import io.loonflow.bpmn.config.InstanceHistoryLevel;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The default history level {@code instance}: a ticket's process instance is in the engine's history from start to
 * end (start activity, end event, times), while its steps are only in the flow log.
 */
class InstanceHistoryLevelTest extends IntegrationTest {

    @Autowired
    ProcessEngine engine;

    @Test
    void theEngineRunsAtTheInstanceLevel() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getHistoryLevel().getName()).isEqualTo(InstanceHistoryLevel.NAME);
        assertThat(jdbc.sql("SELECT VALUE_ FROM ACT_GE_PROPERTY WHERE NAME_ = 'historyLevel'").query(String.class)
                .single()).isEqualTo(String.valueOf(configuration.getHistoryLevel().getId()));
    }

    @Test
    void aTicketsInstanceIsKeptAndItsStepsAreNot() {
        TicketWorkflowFixture fixture = new TicketWorkflowFixture(api(), data());
        String creator = TestData.unique("creator");
        String approver = TestData.unique("approver");
        data().user(creator, false, false);
        data().user(approver, false, false);
        fixture.workflow(TestData.unique("history"));
        long start = fixture.state("draft", 1, 0, "", 1, "{}");
        long approve = fixture.state("approve", 0, 1, approver, 1, "{}");
        long done = fixture.state("done", 2, 0, "", 1, "{}");
        long submit = fixture.transition("submit", start, approve, 1, false, "[]");
        long agree = fixture.transition("agree", approve, done, 1, false, "[]");
        long ticketId = fixture.ticket(creator, submit);
        String instance = data().processInstanceOf(ticketId);
        ApiClient.Response handled = api().signed(fixture.app, fixture.token).username(approver)
                .patch("/api/v1.0/tickets/" + ticketId, "{\"transition_id\": " + agree + "}");
        assertThat(handled.code()).as(handled.toString()).isZero();

        HistoryService history = engine.getHistoryService();
        HistoricProcessInstance kept = history.createHistoricProcessInstanceQuery().processInstanceId(instance)
                .singleResult();
        assertThat(kept.getBusinessKey()).isEqualTo(String.valueOf(ticketId));
        assertThat(kept.getStartActivityId()).isEqualTo(BpmnContract.gatewayId(start));
        assertThat(kept.getEndActivityId()).isEqualTo(BpmnContract.stateActivityId(done));
        assertThat(kept.getEndTime()).isNotNull();
        assertThat(kept.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket_ticketflowlog WHERE ticket_id = :id")
                .param("id", ticketId).query(Long.class).single()).isEqualTo(2L);
    }
}
