package io.loonflow.bpmn.ticket;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.StateRepository;
import io.loonflow.bpmn.definition.Transition;
import io.loonflow.bpmn.definition.TransitionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Parent and child tickets (spec §5.16): when a child created or handled into an end state was the last of its
 * siblings (same parent, same parent state) to end, the parent, still waiting in that state with {@code loonrobot}
 * as a participant, moves on by its state's first transition, in the same transaction as the child's change.
 * Unlike loonflow, a parent that has meanwhile left the state the children were created for is not moved, and a
 * parent that is gone or cannot move does not make the child's own action fail.
 */
@Component
class ParentTickets {

    static final String SUGGESTION = "所有子工单处理完毕，自动流转";
    private static final Logger log = LoggerFactory.getLogger(ParentTickets.class);

    private final TicketRepository tickets;
    private final StateRepository states;
    private final TransitionRepository transitions;
    private final TicketAccess access;
    private final TicketEngine engine;
    private final TicketArrival arrival;
    private final TicketUsers users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ParentTickets(TicketRepository tickets, StateRepository states, TransitionRepository transitions,
                  TicketAccess access, TicketEngine engine, TicketArrival arrival, TicketUsers users,
                  ApplicationEventPublisher events, Clock clock) {
        this.tickets = tickets;
        this.states = states;
        this.transitions = transitions;
        this.access = access;
        this.engine = engine;
        this.arrival = arrival;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void onTicketChanged(TicketChanged change) {
        if (change.action() != TicketChanged.Action.CREATE && change.action() != TicketChanged.Action.HANDLE) {
            return;
        }
        Ticket ended = change.ticket();
        if (ended.parentTicketId() == 0 || ended.parentTicketStateId() == 0
                || states.findActive(ended.stateId()).filter(State::isEnd).isEmpty()) {
            return;
        }
        if (tickets.allChildrenEnded(ended.parentTicketId(), ended.parentTicketStateId())) {
            advance(ended.parentTicketId(), ended.parentTicketStateId());
        }
    }

    private void advance(long parentId, long parentStateId) {
        Ticket parent = tickets.lockActive(parentId).orElse(null);
        if (parent == null || parent.stateId() != parentStateId) {
            log.info("children of ticket {} ended, but it is gone or no longer waits in state {}", parentId,
                    parentStateId);
            return;
        }
        State state = states.findActive(parentStateId).orElse(null);
        Transition transition = transitions.findFirstActiveBySource(parentStateId).orElse(null);
        if (state == null || transition == null
                || !access.handleRight(parent, state, EngineMoveRecorder.ROBOT).permitted()) {
            log.info("children of ticket {} ended; its state {} has no transition or no {} participant, it stays",
                    parentId, parentStateId, EngineMoveRecorder.ROBOT);
            return;
        }
        LocalDateTime now = LocalDateTime.now(clock);
        Map<String, Object> request = new HashMap<>();
        request.put("username", EngineMoveRecorder.ROBOT);
        request.put("transition_id", transition.id());
        engine.perform(parent.procInstId(), parentStateId, transition.id(), request);
        users.markWorked(parentId, EngineMoveRecorder.ROBOT, now);
        Ticket moved = arrival.record(tickets.findActive(parentId).orElseThrow(), parentStateId,
                new TicketArrival.Move(transition, EngineMoveRecorder.ROBOT, SUGGESTION, false, true), now);
        // the parent may itself be the last child of its own parent
        events.publishEvent(new TicketChanged(moved, TicketChanged.Action.HANDLE));
    }
}
