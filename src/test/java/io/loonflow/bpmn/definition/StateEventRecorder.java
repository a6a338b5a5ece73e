package io.loonflow.bpmn.definition;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Test-only listener (picked up by component scanning of the test classpath) that records every
 * {@link WorkflowDefinitionChanged}, and whether it was published inside a transaction.
 */
@Component
class StateEventRecorder {

    record Recorded(long workflowId, boolean inTransaction) {
    }

    private final List<Recorded> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(WorkflowDefinitionChanged event) {
        events.add(new Recorded(event.workflowId(), TransactionSynchronizationManager.isActualTransactionActive()));
    }

    List<Recorded> of(long workflowId) {
        return events.stream().filter(event -> event.workflowId() == workflowId).toList();
    }
}
