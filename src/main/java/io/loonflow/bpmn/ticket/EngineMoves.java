package io.loonflow.bpmn.ticket;

import java.util.LinkedHashMap;
import java.util.Map;

import io.loonflow.bpmn.config.TransactionScoped;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Moves the engine makes on its own (a boundary timer, a hook or script job) while no API call is writing the
 * ticket. They are registered during the job and written just before its transaction commits, once the engine has
 * reached its next wait state, so the ticket row always names the state the process instance waits in. A failing
 * job rolls back both.
 */
@Component
class EngineMoves {

    /** A registered move; {@code ticket} was read under the row lock taken at registration. */
    record Pending(Ticket ticket, long transitionId, String suggestion, boolean writeLine) {
    }

    private static final Object KEY = new Object();

    private final EngineMoveRecorder recorder;

    EngineMoves(EngineMoveRecorder recorder) {
        this.recorder = recorder;
    }

    /** Registers the move of {@code ticket}'s instance; the last registration of an instance wins. */
    void register(Pending move) {
        pending().put(move.ticket().procInstId(), move);
    }

    private Map<String, Pending> pending() {
        Map<String, Pending> map = TransactionScoped.get(KEY, this::recordedBeforeCommit);
        if (map == null) {
            throw new IllegalStateException("engine moves must be registered inside a transaction");
        }
        return map;
    }

    private Map<String, Pending> recordedBeforeCommit() {
        Map<String, Pending> created = new LinkedHashMap<>();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                // the engine's command has flushed by now: the process instance sits in its next wait state
                for (Pending move : created.values()) {
                    recorder.record(move);
                }
                created.clear();
            }
        });
        return created;
    }
}
