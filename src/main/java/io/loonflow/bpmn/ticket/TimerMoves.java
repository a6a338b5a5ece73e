package io.loonflow.bpmn.ticket;

import java.util.Optional;

import io.loonflow.bpmn.compiler.BpmnContract;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * A timer transition's boundary event as a robot handle (spec §5.12): when {@code transition_T_timer} fires, the
 * ticket row is locked and the move is registered with {@link EngineMoves}, so the ticket follows the engine with
 * loonflow's {@code 定时器流转} line.
 */
@Component(BpmnContract.TIMER_BEAN)
public class TimerMoves {

    static final String TIMER_SUGGESTION = "定时器流转";

    private final TicketRepository tickets;
    private final EngineMoves moves;

    TimerMoves(TicketRepository tickets, EngineMoves moves) {
        this.tickets = tickets;
        this.moves = moves;
    }

    /** Called by the compiled start listener of the timer of transition {@code transitionId}. */
    public void fire(DelegateExecution execution, long transitionId) {
        // transient like a person's choice: a stored value would clash with the next transient one (ENGINE-17006)
        execution.setVariable(BpmnContract.TRANSITION_VARIABLE, Variables.longValue(transitionId, true));
        // lock before the engine flushes its own rows: the same order as an API call, so the two cannot deadlock
        ticketOf(execution).ifPresent(ticket ->
                moves.register(new EngineMoves.Pending(ticket, transitionId, TIMER_SUGGESTION, true)));
    }

    private Optional<Ticket> ticketOf(DelegateExecution execution) {
        String key = execution.getProcessBusinessKey();
        if (key == null || !key.matches("\\d{1,18}")) {
            return Optional.empty(); // an instance without a ticket (the compiler's own engine tests) just routes
        }
        return tickets.lockActive(Long.parseLong(key));
    }
}
