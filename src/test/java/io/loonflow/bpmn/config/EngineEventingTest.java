package io.loonflow.bpmn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.loonflow.bpmn.support.IntegrationTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.CompositeHistoryEventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Spring Boot starter's eventing bridge (every execution, task and history event republished as a Spring event)
 * is off: nothing in the service listens to those events, and a ticket action would publish a dozen.
 */
class EngineEventingTest extends IntegrationTest {

    @Autowired
    ProcessEngine engine;

    @Test
    void engineEventsAreNotRepublishedAsSpringEvents() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getCustomPostBPMNParseListeners())
                .noneMatch(listener -> listener.getClass().getSimpleName().startsWith("Publish"));
        assertThat(configuration.getCustomHistoryEventHandlers() == null ? List.of()
                : configuration.getCustomHistoryEventHandlers())
                .noneMatch(handler -> handler.getClass().getSimpleName().startsWith("Publish"));
        assertThat(configuration.getHistoryEventHandler()).isInstanceOf(CompositeHistoryEventHandler.class);
    }
}
