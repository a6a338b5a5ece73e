package io.loonflow.bpmn.ticket;

import java.time.LocalDateTime;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.StateRepository;
import io.loonflow.bpmn.definition.Transition;
import org.springframework.stereotype.Component;

/**
 * Writes where the engine took a ticket after a transition (spec §5.6.1 steps 6–12): state, participants,
 * act_state, handlers and the flow-log line. Shared by people's actions (create, handle, hook callback) and the
 * engine's own moves (timers, hook and script jobs, parent auto-advance), so both leave the same trace.
 */
@Component
class TicketArrival {

    private final TicketEngine engine;
    private final StateRepository states;
    private final TicketRepository tickets;
    private final TicketUsers users;
    private final TicketRecorder recorder;

    TicketArrival(TicketEngine engine, StateRepository states, TicketRepository tickets, TicketUsers users,
                  TicketRecorder recorder) {
        this.engine = engine;
        this.states = states;
        this.tickets = tickets;
        this.users = users;
        this.recorder = recorder;
    }

    /** What moved the ticket: who the flow-log line names, with which suggestion, and whether to write one. */
    record Move(Transition transition, String actor, String suggestion, boolean creation, boolean writeLine) {
    }

    /**
     * Records the arrival of {@code ticket} (as read before the move) in the state its process waits in now.
     * Returns the ticket as written.
     */
    Ticket record(Ticket ticket, long sourceStateId, Move move, LocalDateTime now) {
        long destinationId = engine.currentStateId(ticket.procInstId());
        State destination = states.findActive(destinationId)
                .orElseThrow(() -> new ApiException("destination state " + destinationId + " has been deleted"));
        // the destination's own resolution: entering another all-must-handle state starts a new vote (loonflow bug 13
        // discarded it, so the second state behaved as a plain multi-person state)
        Participants participants = recorder.participantsAt(ticket.procInstId(), destination, ticket.creator());
        int act = destination.isEnd() ? Ticket.ACT_FINISH : destination.isStart() ? Ticket.ACT_DRAFT : Ticket.ACT_ONGOING;
        if (!move.creation() && move.transition().attributeTypeId() == 2) {
            act = Ticket.ACT_BACK;
        }
        String relation = move.creation()
                ? users.setFirstHandlers(ticket.id(), ticket.relation(), ticket.creator(), participants.usernames(), now)
                : users.setHandlers(ticket.id(), ticket.relation(), participants.usernames(), now);
        Ticket moved = TicketEdit.of(ticket).state(destinationId).participant(participants.typeId(),
                participants.participant()).relation(relation).coSign(false, "")
                .multiAllPerson(participants.multiAllPerson()).act(act).build(now);
        tickets.update(moved, now);
        if (move.writeLine()) {
            recorder.log(ticket.id(), move.transition().id(), move.suggestion(), move.actor(), sourceStateId,
                    FlowLogLine.INTERVENE_NONE, recorder.snapshot(moved), now);
        }
        return moved;
    }
}
