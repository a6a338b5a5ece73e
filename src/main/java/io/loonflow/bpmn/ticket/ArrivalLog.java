package io.loonflow.bpmn.ticket;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the participant listener resolved when a ticket's process entered a state, kept for the rest of the
 * transaction so that the service performing the action writes exactly those participants (resolving twice would
 * pick a different person in a random-distribution state).
 */
@Component
class ArrivalLog {

    record Arrival(long stateId, Participants participants) {
    }

    private static final Object KEY = new Object();

    void record(String processInstanceId, Arrival arrival) {
        arrivals().put(processInstanceId, arrival);
    }

    Optional<Arrival> take(String processInstanceId) {
        return Optional.ofNullable(arrivals().remove(processInstanceId));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Arrival> arrivals() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("ticket state changes must run inside a transaction");
        }
        Map<String, Arrival> map = (Map<String, Arrival>) TransactionSynchronizationManager.getResource(KEY);
        if (map == null) {
            map = new HashMap<>();
            TransactionSynchronizationManager.bindResource(KEY, map);
            TransactionSynchronizationManager.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                }
            });
        }
        return map;
    }
}
