package io.loonflow.bpmn.ticket;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import io.loonflow.bpmn.config.TransactionScoped;
import org.springframework.stereotype.Component;

/**
 * The end state each ticket's process reached in the current transaction, recorded by {@link EndStateListener}
 * when the instance enters an end event. The service writing the ticket row reads it instead of asking the engine's
 * history, which a {@code none} history level does not keep.
 */
@Component
class EndedInstances {

    private static final Object KEY = new Object();

    void record(String processInstanceId, long endStateId) {
        Map<String, Long> ended = TransactionScoped.get(KEY, HashMap::new);
        if (ended != null) { // an engine command run without a transaction records nothing
            ended.put(processInstanceId, endStateId);
        }
    }

    OptionalLong endStateOf(String processInstanceId) {
        Map<String, Long> ended = TransactionScoped.peek(KEY);
        Long state = ended == null ? null : ended.get(processInstanceId);
        return state == null ? OptionalLong.empty() : OptionalLong.of(state);
    }
}
