package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.loonflow.bpmn.compiler.BpmnContract;
import io.loonflow.bpmn.config.InstanceHistoryLevel;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
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
        TicketWorkflowFixture.Approval flow = fixture.approval();
        long ticketId = fixture.ticket(flow.creator(), flow.submit());
        String instance = data().processInstanceOf(ticketId);
        ApiClient.Response handled = api().signed(fixture.app, fixture.token).username(flow.approver())
                .patch("/api/v1.0/tickets/" + ticketId, "{\"transition_id\": " + flow.agree() + "}");
        assertThat(handled.code()).as(handled.toString()).isZero();

        HistoryService history = engine.getHistoryService();
        HistoricProcessInstance kept = history.createHistoricProcessInstanceQuery().processInstanceId(instance)
                .singleResult();
        assertThat(kept.getBusinessKey()).isEqualTo(String.valueOf(ticketId));
        assertThat(kept.getStartActivityId()).isEqualTo(BpmnContract.gatewayId(flow.draft()));
        assertThat(kept.getEndActivityId()).isEqualTo(BpmnContract.stateActivityId(flow.done()));
        assertThat(kept.getEndTime()).isNotNull();
        assertThat(kept.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket_ticketflowlog WHERE ticket_id = :id")
                .param("id", ticketId).query(Long.class).single()).isEqualTo(2L);
    }
}
