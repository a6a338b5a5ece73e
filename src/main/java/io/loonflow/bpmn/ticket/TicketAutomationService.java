package io.loonflow.bpmn.ticket;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;

import io.loonflow.bpmn.definition.Transition;
import io.loonflow.bpmn.definition.TransitionRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Service;

/** The ticket side of hook and script jobs and incidents; see {@link TicketAutomation}. */
@Service
class TicketAutomationService implements TicketAutomation {

    private final TicketRepository tickets;
    private final TransitionRepository transitions;
    private final TicketValues values;
    private final TicketRecorder recorder;
    private final FlowLogRepository flowLogs;
    private final EngineMoves moves;
    private final Clock clock;

    TicketAutomationService(TicketRepository tickets, TransitionRepository transitions, TicketValues values,
                            TicketRecorder recorder, FlowLogRepository flowLogs, EngineMoves moves, Clock clock) {
        this.tickets = tickets;
        this.transitions = transitions;
        this.values = values;
        this.recorder = recorder;
        this.flowLogs = flowLogs;
        this.moves = moves;
        this.clock = clock;
    }

    @Override
    public Ticket ticketOf(DelegateExecution execution) {
        return ticket(Long.parseLong(execution.getProcessBusinessKey()));
    }

    @Override
    public Ticket ticket(long ticketId) {
        return tickets.findActive(ticketId)
                .orElseThrow(() -> new IllegalStateException("ticket " + ticketId + " does not exist or is deleted"));
    }

    @Override
    public long firstTransitionOf(long stateId) {
        return transitions.findFirstActiveBySource(stateId).map(Transition::id).orElseThrow(() -> new IllegalStateException("state " + stateId + " has no outgoing transition"));
    }

    @Override
    public Map<String, Object> hookPayload(long ticketId) {
        return values.of(ticket(ticketId));
    }

    @Override
    public String snapshot(long ticketId, Map<String, Object> extra) {
        return recorder.snapshot(ticket(ticketId), extra);
    }

    @Override
    public void log(FlowLogLine line) {
        flowLogs.insert(line, LocalDateTime.now(clock));
    }

    @Override
    public void setScriptRunLastResult(long ticketId, boolean succeeded) {
        Ticket ticket = tickets.lockActive(ticketId)
                .orElseThrow(() -> new IllegalStateException("ticket " + ticketId + " does not exist or is deleted"));
        if (ticket.scriptRunLastResult() != succeeded) {
            LocalDateTime now = LocalDateTime.now(clock);
            tickets.update(TicketEdit.of(ticket).scriptRunLastResult(succeeded).build(now), now);
        }
    }

    @Override
    public void movingOn(DelegateExecution execution, long transitionId, String suggestion, boolean writeLine) {
        long ticketId = Long.parseLong(execution.getProcessBusinessKey());
        Ticket ticket = tickets.lockActive(ticketId)
                .orElseThrow(() -> new IllegalStateException("ticket " + ticketId + " does not exist or is deleted"));
        moves.register(new EngineMoves.Pending(ticket, transitionId, suggestion == null ? "" : suggestion, writeLine));
    }
}
