package io.loonflow.bpmn.ticket;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * What the engine's own work (hook and script jobs, boundary timers, incidents) may do to a ticket. Every method
 * joins the current transaction: in a job that is the job's transaction, so a failing job leaves no trace here and
 * the engine retries it.
 */
public interface TicketAutomation {

    /** The ticket row behind a process instance, by its business key; fails when the ticket is gone or deleted. */
    Ticket ticketOf(DelegateExecution execution);

    /** The ticket row by id (not deleted). */
    Ticket ticket(long ticketId);

    /**
     * The first (lowest id, not deleted) transition leaving the state: what loonflow's hook, script and callback
     * moves take. Throws {@link IllegalStateException} when the state has none (the job fails and raises an
     * incident instead of ending the process).
     */
    long firstTransitionOf(long stateId);

    /**
     * loonflow's hook body (spec ticket-api §5.14): the ticket dict, then every custom field key of the workflow with
     * its raw value (null when unset, dates and datetimes as text), in an insertion-ordered map.
     */
    Map<String, Object> hookPayload(long ticketId);

    /** The flow-log {@code ticket_data} snapshot of the ticket now, with {@code extra} entries appended. */
    String snapshot(long ticketId, Map<String, Object> extra);

    /** Writes one flow-log line (spec §5.10.1: hook, script and robot lines). */
    void log(FlowLogLine line);

    /** Sets {@code script_run_last_result} (false when a hook or script failed, true when retried). */
    void setScriptRunLastResult(long ticketId, boolean succeeded);

    /**
     * Called by a hook or script job that is about to let the engine leave the ticket's current state by
     * {@code transitionId} (set {@code transition_id} on the execution yourself, as the BPMN contract says). When
     * the job's transaction commits, the ticket row follows the engine to wherever it stopped (participants,
     * act_state, handlers), a {@code loonrobot} flow-log line with {@code suggestion} is written under the state
     * left when {@code writeLine} (script completions write their own line instead), and notices are queued.
     */
    void movingOn(DelegateExecution execution, long transitionId, String suggestion, boolean writeLine);
}
