package io.loonflow.bpmn.automation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.compiler.BpmnContract;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.StateRepository;
import io.loonflow.bpmn.ticket.FlowLogLine;
import io.loonflow.bpmn.ticket.Ticket;
import io.loonflow.bpmn.ticket.TicketAutomation;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The job of a hook state (spec ticket-api §5.14), run by the job executor, never by an API thread. It posts the
 * ticket to the hook target and, on success, either writes the wait line (the engine then waits in the callback
 * receive task) or moves the ticket on by the state's first transition. Any failure is thrown: the engine retries
 * per {@code loonflow.bpmn.failed-job-retry-time-cycle} and at last raises an incident, which
 * {@link TicketIncidents} turns into loonflow's failure line and {@code script_run_last_result = false}.
 */
@Component(BpmnContract.HOOK_DELEGATE_BEAN)
class HookDelegate implements JavaDelegate {

    static final int HOOK_PARTICIPANT_TYPE = 10;
    static final String ROBOT = "loonrobot";
    static final String HOOK_PARTICIPANT = "hook";

    private static final Logger log = LoggerFactory.getLogger(HookDelegate.class);

    private final TicketAutomation tickets;
    private final StateRepository states;
    private final HookClient client;
    private final ObjectMapper json;
    private final AutomationMetrics metrics;
    private final ManagementService management;

    HookDelegate(TicketAutomation tickets, StateRepository states, HookClient client, ObjectMapper json,
                 AutomationMetrics metrics, ManagementService management) {
        this.tickets = tickets;
        this.states = states;
        this.client = client;
        this.json = json;
        this.metrics = metrics;
        this.management = management;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long stateId = BpmnContract.stateId(execution.getCurrentActivityId()).orElseThrow(() ->
                new IllegalStateException("the hook delegate runs on state activities, not on "
                        + execution.getCurrentActivityId()));
        Ticket ticket = tickets.ticketOf(execution);
        State state = states.findActive(stateId).orElse(null);
        if (ticket.stateId() != stateId || state == null || state.participantTypeId() != HOOK_PARTICIPANT_TYPE) {
            // loonflow's job stops when the ticket has left the hook state. Here the engine would move on once this
            // returns, so the job fails instead (the incident shows operators the stray job) and nothing is sent
            // or written on the ticket.
            throw new HookFailure("hook not sent: ticket " + ticket.id() + " is in state " + ticket.stateId()
                    + ", not in hook state " + stateId);
        }
        HookConfig config = HookConfig.parse(state.participant(), json);
        // fail before calling out when the ticket could never move on afterwards (loonflow posted, then crashed)
        long transitionId = config.waitForCallback() ? 0 : tickets.firstTransitionOf(stateId);

        Map<String, Object> body = new LinkedHashMap<>(tickets.hookPayload(ticket.id()));
        Object extraInfo = config.extraInfo() == null ? null : json.convertValue(config.extraInfo(), Object.class);
        if (extraInfo != null) {
            body.put("extra_info", extraInfo);
        }
        List<Job> jobs = management.createJobQuery().executionId(execution.getId()).list();
        boolean retry = jobs.stream().anyMatch(job -> job.getExceptionMessage() != null);
        // one id per firing of the hook, kept by its retries: receivers can drop a repeated delivery
        String messageId = "hook_" + ticket.id() + "_" + (jobs.isEmpty() ? execution.getActivityInstanceId()
                : jobs.get(0).getId());
        HookReply reply;
        try {
            HookClient.Answer answer = client.post(config.url(), config.token(), PythonStyleJson.write(json, body),
                    messageId);
            reply = HookReply.judge(answer.status(), answer.body(), json);
        } catch (HookFailure failure) {
            metrics.hookCall(false, retry);
            log.info("hook of ticket {} in state {} failed: {}", ticket.id(), stateId, failure.getMessage());
            throw failure;
        }
        metrics.hookCall(true, retry);

        if (config.waitForCallback()) {
            Map<String, Object> extra = extraInfo == null ? Map.of() : Map.of("extra_info", extraInfo);
            tickets.log(new FlowLogLine(ticket.id(), 0, reply.msg(), HOOK_PARTICIPANT_TYPE, HOOK_PARTICIPANT, stateId,
                    FlowLogLine.INTERVENE_NONE, tickets.snapshot(ticket.id(), extra), ROBOT));
            return;
        }
        execution.setVariable(BpmnContract.TRANSITION_VARIABLE, Variables.longValue(transitionId, true));
        // loonflow passed the signature headers as the suggestion (leaking the signature); the target's msg it is
        tickets.movingOn(execution, transitionId, reply.msg(), true);
    }
}
