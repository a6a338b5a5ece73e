package io.loonflow.bpmn.compiler;

import java.util.LinkedHashSet;
import java.util.Set;

import io.loonflow.bpmn.definition.WorkflowDefinitionChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Redeploys changed workflows inside the transaction that changed them: the ids published during a transaction are
 * collected and each is compiled and deployed once, just before commit. A failing deployment fails the commit, so
 * definitions and engine never disagree; a definition that cannot be compiled is simply not deployed.
 */
@Component
class DefinitionChangeListener {

    private final BpmnDeployer deployer;

    DefinitionChangeListener(BpmnDeployer deployer) {
        this.deployer = deployer;
    }

    @EventListener
    void onChange(WorkflowDefinitionChanged event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            deployer.deploy(event.workflowId()); // no surrounding transaction: the engine opens its own
            return;
        }
        pending().workflowIds.add(event.workflowId());
    }

    /** The collector of the current transaction (a suspended outer transaction keeps its own). */
    private PendingDeployments pending() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof PendingDeployments pending && pending.owner == this) {
                return pending;
            }
        }
        PendingDeployments pending = new PendingDeployments(this);
        TransactionSynchronizationManager.registerSynchronization(pending);
        return pending;
    }

    private static final class PendingDeployments implements TransactionSynchronization {

        private final DefinitionChangeListener owner;
        private final Set<Long> workflowIds = new LinkedHashSet<>();

        PendingDeployments(DefinitionChangeListener owner) {
            this.owner = owner;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            for (long workflowId : workflowIds) {
                owner.deployer.deploy(workflowId);
            }
        }
    }
}
