package io.loonflow.bpmn.automation.script;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.loonflow.bpmn.compiler.BpmnContract;
import io.loonflow.bpmn.definition.WorkflowScript;
import io.loonflow.bpmn.definition.WorkflowScriptRepository;
import io.loonflow.bpmn.ticket.FlowLogLine;
import io.loonflow.bpmn.ticket.FlowLogRepository;
import io.loonflow.bpmn.ticket.Participants;
import io.loonflow.bpmn.ticket.Ticket;
import io.loonflow.bpmn.ticket.TicketAutomation;

/**
 * The job of a script state (spec ticket-api §5.13): runs the state's uploaded script for the ticket in a separate
 * Python process ({@link ScriptRunner}) and, when it succeeds, writes the script line and lets the ticket leave by the
 * state's first transition. The compiled service task is asynchronous, so this runs on the job executor, never in an
 * API request thread.
 *
 * <p>Every failure throws: the engine retries the job per {@code loonflow.bpmn.failed-job-retry-time-cycle} and then
 * raises an incident, whose handler writes the failure line and clears {@code script_run_last_result}. That includes
 * the cases loonflow ended silently (ticket no longer in this script state, script missing, deleted or inactive): a
 * job that returned would let the engine take the gateway with whatever {@code transition_id} is lying around, and a
 * ticket stuck without a trace is harder to find than an incident.
 */
@Component(BpmnContract.SCRIPT_DELEGATE_BEAN)
class ScriptDelegate implements JavaDelegate {

    /**
     * Optional process variable: the {@code action_from} of the next run ({@code <username>_retry}, set by the
     * retry_script endpoint). Consumed by a successful run; without it scripts see {@code loonrobot}.
     */
    public static final String ACTION_FROM_VARIABLE = "loonflow_action_from";

    static final String ROBOT = "loonrobot";
    static final String MOVE_SUGGESTION = "脚本执行完成后自行流转";
    private static final String TRUNCATED = "\n[truncated to fit the flow log]";

    private static final Logger log = LoggerFactory.getLogger(ScriptDelegate.class);

    private final TicketAutomation automation;
    private final WorkflowScriptRepository scripts;
    private final ScriptRunner runner;

    ScriptDelegate(TicketAutomation automation, WorkflowScriptRepository scripts, ScriptRunner runner) {
        this.automation = automation;
        this.scripts = scripts;
        this.runner = runner;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String activityId = execution.getCurrentActivityId();
        long stateId = BpmnContract.stateId(activityId).orElseThrow(() -> new IllegalStateException(
                "the script delegate runs on " + activityId + ", which is not a state"));
        Ticket ticket = automation.ticketOf(execution);
        if (ticket.stateId() != stateId || ticket.participantTypeId() != Participants.SCRIPT) {
            throw new IllegalStateException("ticket " + ticket.id() + " is in state " + ticket.stateId()
                    + " with participant type " + ticket.participantTypeId() + ", not in script state " + stateId
                    + " where the engine is; not running the script");
        }
        WorkflowScript script = script(ticket.participant(), stateId);
        // before running: a state without a way out cannot use the script's result (loonflow's job crashed after it)
        long transitionId = automation.firstTransitionOf(stateId);

        Object requested = execution.getVariable(ACTION_FROM_VARIABLE);
        String actionFrom = requested instanceof String text && !text.isBlank() ? text : ROBOT;
        log.info("running script {} ({}) for ticket {} in state {} as {}", script.id(), script.name(), ticket.id(),
                stateId, actionFrom);
        String output = runner.run(script.content(),
                new ScriptInput(ticket.id(), actionFrom, automation.hookPayload(ticket.id())));

        automation.log(new FlowLogLine(ticket.id(), transitionId, fitFlowLog(output), Participants.SCRIPT,
                participantLabel(script), stateId, FlowLogLine.INTERVENE_NONE, "", ROBOT));
        if (requested != null) {
            execution.removeVariable(ACTION_FROM_VARIABLE);
        }
        execution.setVariable(BpmnContract.TRANSITION_VARIABLE, Variables.longValue(transitionId, true));
        automation.movingOn(execution, transitionId, MOVE_SUGGESTION, false);
    }

    /** loonflow's participant text of script lines: {@code 脚本:(id:1, name:notify)}. */
    static String participantLabel(WorkflowScript script) {
        return "脚本:(id:" + script.id() + ", name:" + script.name() + ")";
    }

    private WorkflowScript script(String participant, long stateId) {
        String text = participant == null ? "" : participant.strip();
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("script state " + stateId + " names no script id: '" + text + "'");
        }
        Optional<WorkflowScript> found = scripts.findActive(id);
        if (found.isEmpty()) {
            throw new IllegalStateException("script " + id + " of state " + stateId
                    + " does not exist or has been deleted");
        }
        WorkflowScript script = found.get();
        if (!script.active()) {
            throw new IllegalStateException("script " + id + " (" + script.name() + ") of state " + stateId
                    + " is not active");
        }
        return script;
    }

    private static String fitFlowLog(String output) {
        if (output.length() <= FlowLogRepository.MAX_SUGGESTION) {
            return output;
        }
        return output.substring(0, FlowLogRepository.MAX_SUGGESTION - TRUNCATED.length()) + TRUNCATED;
    }
}
