package io.loonflow.bpmn.ticket;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.loonflow.bpmn.config.TransactionScoped;
import org.springframework.stereotype.Component;

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

    private Map<String, Arrival> arrivals() {
        Map<String, Arrival> map = TransactionScoped.get(KEY, HashMap::new);
        if (map == null) {
            throw new IllegalStateException("ticket state changes must run inside a transaction");
        }
        return map;
    }
}
