package io.loonflow.bpmn.ticket;

import java.util.Map;
import java.util.function.Supplier;

import io.loonflow.bpmn.compiler.BpmnContract;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.StateRepository;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Runs when a ticket's process enters a state's user task: resolves who handles the ticket there (spec §5.2),
 * makes them the task's assignee or candidate users (so the engine's own task queries agree with loonflow's
 * participant text), and leaves the result in the {@link ArrivalLog} for the service writing the ticket row.
 */
@Component(BpmnContract.PARTICIPANT_RESOLVER_BEAN)
class StateArrivalListener implements TaskListener {

    private final TicketRepository tickets;
    private final StateRepository states;
    private final TicketValues values;
    private final ParticipantResolver resolver;
    private final ArrivalLog arrivals;
    private final FlowLogRepository flowLogs;

    StateArrivalListener(TicketRepository tickets, StateRepository states, TicketValues values,
                         ParticipantResolver resolver, ArrivalLog arrivals, FlowLogRepository flowLogs) {
        this.flowLogs = flowLogs;
        this.tickets = tickets;
        this.states = states;
        this.values = values;
        this.resolver = resolver;
        this.arrivals = arrivals;
    }

    @Override
    public void notify(DelegateTask task) {
        long stateId = BpmnContract.stateId(task.getTaskDefinitionKey()).orElseThrow(
                () -> new IllegalStateException("not a state task: " + task.getTaskDefinitionKey()));
        State state = states.findActive(stateId)
                .orElseThrow(() -> new IllegalStateException("state " + stateId + " has been deleted"));
        Ticket ticket = tickets.findActive(Long.parseLong(task.getExecution().getProcessBusinessKey()))
                .orElseThrow(() -> new IllegalStateException("no ticket for " + task.getProcessInstanceId()));
        Object request = task.getExecution().getVariable(BpmnContract.REQUEST_VALUES_VARIABLE);
        Participants participants = resolver.resolve(state, context(ticket, request));
        if (participants.typeId() == Participants.PERSON && !participants.participant().isEmpty()) {
            task.setAssignee(participants.participant());
        } else if (participants.typeId() == Participants.PEOPLE) {
            task.addCandidateUsers(participants.usernames());
        }
        arrivals.record(task.getProcessInstanceId(), new ArrivalLog.Arrival(stateId, participants));
    }

    private ParticipantResolver.Context context(Ticket ticket, Object request) {
        Supplier<Map<String, Object>> stored = memoize(() -> values.of(ticket));
        Supplier<Map<String, Object>> parent = memoize(() -> tickets.findActive(ticket.parentTicketId())
                .map(values::of).orElse(Map.of()));
        return new ParticipantResolver.Context() {
            @Override
            public String creator() {
                return ticket.creator();
            }

            @Override
            public String fieldValue(String fieldKey) {
                if (request instanceof Map<?, ?> map && truthy(map.get(fieldKey))) {
                    return String.valueOf(map.get(fieldKey));
                }
                Object value = stored.get().get(fieldKey);
                return value == null ? null : String.valueOf(value);
            }

            @Override
            public String parentFieldValue(String fieldKey) {
                Object value = parent.get().get(fieldKey);
                return value == null ? null : String.valueOf(value);
            }

            @Override
            public String lastPersonIn(long stateId) {
                return flowLogs.lastPersonIn(ticket.id(), stateId);
            }
        };
    }

    private static boolean truthy(Object value) {
        return value != null && !(value instanceof String s && s.isEmpty());
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
