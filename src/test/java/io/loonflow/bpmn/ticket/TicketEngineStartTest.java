package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Starting a ticket's instance by its workflow's process key when the workflow never compiled. */
class TicketEngineStartTest extends IntegrationTest {

    @Autowired
    TicketEngine engine;

    @Test
    void aWorkflowWithoutDeploymentGetsAClearRefusal() {
        long neverDeployed = 987_654_321L;
        assertThatThrownBy(() -> engine.startLeaving(1, neverDeployed, 1, 1, Map.of()))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("workflow " + neverDeployed + " is not deployed");
    }
}
