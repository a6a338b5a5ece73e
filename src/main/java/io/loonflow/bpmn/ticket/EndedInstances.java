package io.loonflow.bpmn.ticket;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The end state each ticket's process reached in the current transaction, recorded by {@link EndStateListener}
 * when the instance enters an end event. The service writing the ticket row reads it instead of asking the engine's
 * history, which a {@code none} history level does not keep.
 */
@Component
class EndedInstances {

    private static final Object KEY = new Object();

    void record(String processInstanceId, long endStateId) {
        Map<String, Long> ended = ended(true);
        if (ended != null) {
            ended.put(processInstanceId, endStateId);
        }
    }

    OptionalLong endStateOf(String processInstanceId) {
        Map<String, Long> ended = ended(false);
        Long state = ended == null ? null : ended.get(processInstanceId);
        return state == null ? OptionalLong.empty() : OptionalLong.of(state);
    }

    /** The transaction's map; null outside a transaction (an engine command run without one records nothing). */
    @SuppressWarnings("unchecked")
    private static Map<String, Long> ended(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<String, Long> map = (Map<String, Long>) TransactionSynchronizationManager.getResource(KEY);
        if (map == null && create) {
            map = new HashMap<>();
            TransactionSynchronizationManager.bindResource(KEY, map);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                }
            });
        }
        return map;
    }
}
