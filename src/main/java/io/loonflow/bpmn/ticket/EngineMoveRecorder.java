package io.loonflow.bpmn.ticket;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import io.loonflow.bpmn.definition.Transition;
import io.loonflow.bpmn.definition.TransitionRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writes an engine-made move like loonflow's robot handle (spec §5.6.1 with a timer, hook or script flag): the
 * ticket follows its process instance, a {@code loonrobot} flow-log line is filed under the state it left, and
 * notices and the parent check follow as for a person's handle.
 */
@Component
class EngineMoveRecorder {

    static final String ROBOT = io.loonflow.bpmn.api.Caller.ROBOT;

    private final TicketRepository tickets;
    private final TransitionRepository transitions;
    private final TicketArrival arrival;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EngineMoveRecorder(TicketRepository tickets, TransitionRepository transitions, TicketArrival arrival,
                       ApplicationEventPublisher events, Clock clock) {
        this.tickets = tickets;
        this.transitions = transitions;
        this.arrival = arrival;
        this.events = events;
        this.clock = clock;
    }

    void record(EngineMoves.Pending move) {
        // re-read: the job may have changed the row (a script's flag) since the move was registered
        Ticket ticket = tickets.findActive(move.ticket().id()).orElseThrow(
                () -> new IllegalStateException("ticket " + move.ticket().id() + " disappeared during an engine move"));
        Transition transition = transitions.findActive(move.transitionId())
                .or(() -> transitions.findByIdsIncludingDeleted(List.of(move.transitionId())).values().stream()
                        .findFirst())
                .orElseThrow(() -> new IllegalStateException("unknown transition " + move.transitionId()));
        LocalDateTime now = LocalDateTime.now(clock);
        Ticket moved = arrival.record(ticket, ticket.stateId(),
                new TicketArrival.Move(transition, ROBOT, move.suggestion(), false, move.writeLine()), now);
        events.publishEvent(new TicketChanged(moved, TicketChanged.Action.HANDLE));
    }
}
