package io.loonflow.bpmn.ticket;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.loonflow.bpmn.config.TransactionScoped;
import org.springframework.stereotype.Component;

/**
 * What the participant listener resolved when a ticket's process entered a state, kept for the rest of the
 * transaction so that the service performing the action writes exactly those participants (resolving twice would
 * pick a different person in a random-distribution state). An arrival is also where the instance waits now, until
 * its task ends ({@link StateTaskEndListener} forgets it then), so the service need not ask the engine.
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

    /** The state whose task the instance entered in this transaction and still waits in, if any. */
    OptionalLong waitingState(String processInstanceId) {
        Map<String, Arrival> map = TransactionScoped.peek(KEY);
        Arrival arrival = map == null ? null : map.get(processInstanceId);
        return arrival == null ? OptionalLong.empty() : OptionalLong.of(arrival.stateId());
    }

    /** The task of {@code stateId} ended (completed, or cancelled by a timer or a modification). */
    void forget(String processInstanceId, long stateId) {
        Map<String, Arrival> map = TransactionScoped.peek(KEY);
        if (map != null) {
            map.computeIfPresent(processInstanceId, (id, arrival) -> arrival.stateId() == stateId ? null : arrival);
        }
    }

    private Map<String, Arrival> arrivals() {
        Map<String, Arrival> map = TransactionScoped.get(KEY, HashMap::new);
        if (map == null) {
            throw new IllegalStateException("ticket state changes must run inside a transaction");
        }
        return map;
    }
}
