package io.loonflow.bpmn.automation;

import java.util.Map;
import java.util.OptionalLong;

import io.loonflow.bpmn.compiler.BpmnContract;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.StateRepository;
import io.loonflow.bpmn.definition.WorkflowScript;
import io.loonflow.bpmn.definition.WorkflowScriptRepository;
import io.loonflow.bpmn.ticket.FlowLogLine;
import io.loonflow.bpmn.ticket.Ticket;
import io.loonflow.bpmn.ticket.TicketAutomation;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a ticket shows when the job of its hook or script state has run out of retries: loonflow's failure line
 * (spec ticket-api §5.10.1) and {@code script_run_last_result = false}. Runs inside the engine command that raises
 * the incident, so the line, the flag and the incident commit together.
 */
@Component
class TicketIncidents {

    static final int SCRIPT_PARTICIPANT_TYPE = 6;
    static final int MAX_SUGGESTION = 1000;

    private static final Logger log = LoggerFactory.getLogger(TicketIncidents.class);

    private final TicketAutomation tickets;
    private final StateRepository states;
    private final WorkflowScriptRepository scripts;
    private final AutomationMetrics metrics;

    TicketIncidents(TicketAutomation tickets, StateRepository states, WorkflowScriptRepository scripts,
                    AutomationMetrics metrics) {
        this.tickets = tickets;
        this.states = states;
        this.scripts = scripts;
        this.metrics = metrics;
    }

    /** The kind of automatic work a state's job does: {@code hook}, {@code script}, else {@code other}. */
    static String kind(State state) {
        if (state == null) {
            return "other";
        }
        if (state.participantTypeId() == HookDelegate.HOOK_PARTICIPANT_TYPE) {
            return "hook";
        }
        return state.participantTypeId() == SCRIPT_PARTICIPANT_TYPE ? "script" : "other";
    }

    /**
     * A failed-job incident was raised at {@code activityId} of {@code execution}. Never throws: a failure here
     * must not keep the engine from recording the incident.
     */
    void raised(DelegateExecution execution, String activityId, String message) {
        String kind = "other";
        try {
            OptionalLong stateId = BpmnContract.stateId(activityId);
            State state = stateId.isPresent() ? states.findActive(stateId.getAsLong()).orElse(null) : null;
            kind = kind(state);
            if (execution != null && state != null && !"other".equals(kind)) {
                record(execution, state, kind, message);
            }
        } catch (RuntimeException e) {
            log.error("could not record the {} incident of process instance {} on its ticket", kind,
                    execution == null ? null : execution.getProcessInstanceId(), e);
        }
        metrics.incident(kind);
    }

    private void record(DelegateExecution execution, State state, String kind, String message) {
        String businessKey = execution.getProcessBusinessKey();
        if (businessKey == null || !businessKey.matches("\\d{1,18}")) {
            return; // not a ticket's process instance
        }
        Ticket ticket = tickets.ticketOf(execution);
        if (ticket.stateId() != state.id()) {
            return; // the ticket is elsewhere: nothing of this job belongs on it
        }
        String text = abbreviate(message == null ? "" : message);
        tickets.setScriptRunLastResult(ticket.id(), false);
        if ("hook".equals(kind)) {
            tickets.log(new FlowLogLine(ticket.id(), 0, text, HookDelegate.HOOK_PARTICIPANT_TYPE,
                    HookDelegate.HOOK_PARTICIPANT, state.id(), FlowLogLine.INTERVENE_NONE,
                    tickets.snapshot(ticket.id(), Map.of()), HookDelegate.ROBOT));
        } else {
            tickets.log(new FlowLogLine(ticket.id(), firstTransition(state.id()), text, SCRIPT_PARTICIPANT_TYPE,
                    scriptParticipant(state.participant()), state.id(), FlowLogLine.INTERVENE_NONE, "",
                    HookDelegate.ROBOT));
        }
    }

    private long firstTransition(long stateId) {
        try {
            return tickets.firstTransitionOf(stateId);
        } catch (IllegalStateException e) {
            return 0; // no way out of the state: the line is filed without a transition
        }
    }

    /** loonflow's {@code 脚本:(id:{id}, name:{name})}; the name is empty when the script is gone. */
    private String scriptParticipant(String participant) {
        String id = participant == null ? "" : participant.trim();
        String name = "";
        if (id.matches("\\d{1,18}")) {
            name = scripts.findActive(Long.parseLong(id)).map(WorkflowScript::name).orElse("");
        }
        return "脚本:(id:" + id + ", name:" + name + ")";
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_SUGGESTION ? text : text.substring(0, MAX_SUGGESTION - 3) + "...";
    }
}
