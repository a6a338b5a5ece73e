package io.loonflow.bpmn.definition;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Test-only: remembers every {@link WorkflowDefinitionChanged} and whether it was published inside a transaction. */
@Component
class WorkflowEventRecorder {

    record Seen(long workflowId, boolean inTransaction) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @EventListener
    void on(WorkflowDefinitionChanged event) {
        seen.add(new Seen(event.workflowId(), TransactionSynchronizationManager.isActualTransactionActive()));
    }

    long count(long workflowId) {
        return seen.stream().filter(s -> s.workflowId() == workflowId).count();
    }

    boolean allInTransaction(long workflowId) {
        return seen.stream().filter(s -> s.workflowId() == workflowId).allMatch(Seen::inTransaction);
    }
}
