package io.loonflow.bpmn.ticket;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.JsonBody;
import io.loonflow.bpmn.api.Rules;
import io.loonflow.bpmn.api.Values;
import io.loonflow.bpmn.compiler.BpmnCompilerProperties;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.StateRepository;
import io.loonflow.bpmn.definition.Transition;
import io.loonflow.bpmn.definition.TransitionRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The two endpoints that act on a ticket's automation: a hook target's callback (spec §4.17) and the retry of a
 * failed hook or script (§4.15).
 */
@Service
class TicketHookCallbacks {

    static final String HOOK_PARTICIPANT = "hook";
    /** Variable the script job reads as loonflow's {@code action_from} ({@code loonrobot} when absent). */
    static final String ACTION_FROM_VARIABLE = "loonflow_action_from";

    private final TicketAccess access;
    private final StateRepository states;
    private final TransitionRepository transitions;
    private final TicketRepository tickets;
    private final TicketEngine engine;
    private final TicketArrival arrival;
    private final TicketRecorder recorder;
    private final TicketValues values;
    private final FieldValueStore fieldValues;
    private final BpmnCompilerProperties compilerProperties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TicketHookCallbacks(TicketAccess access, StateRepository states, TransitionRepository transitions,
                        TicketRepository tickets, TicketEngine engine, TicketArrival arrival, TicketRecorder recorder,
                        TicketValues values, FieldValueStore fieldValues, BpmnCompilerProperties compilerProperties,
                        ApplicationEventPublisher events, Clock clock) {
        this.access = access;
        this.states = states;
        this.transitions = transitions;
        this.tickets = tickets;
        this.engine = engine;
        this.arrival = arrival;
        this.recorder = recorder;
        this.values = values;
        this.fieldValues = fieldValues;
        this.compilerProperties = compilerProperties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A positive result moves the ticket on by the hook state's first transition as {@code loonrobot}, storing the
     * editable fields of {@code field_value}; a negative one marks the hook failed and keeps the ticket where it is.
     */
    @Transactional
    void callBack(Caller caller, long ticketId, String rawBody) {
        if (rawBody == null || rawBody.isBlank()) {
            throw new ApiException("post参数为空", Map.of());
        }
        JsonBody body = JsonBody.parse(rawBody);
        String message = body.text("msg", "");
        Rules.checkLength("msg", message, FlowLogRepository.MAX_SUGGESTION);
        Map<String, JsonNode> fields = fieldValuesOf(body);
        Ticket ticket = access.lockForApp(caller, ticketId, "");
        if (ticket.participantTypeId() != Participants.HOOK) {
            throw new ApiException("工单当前处理人类型非hook，不执行回调操作", "");
        }
        State state = states.findActive(ticket.stateId())
                .orElseThrow(() -> new ApiException("the ticket's current state has been deleted", ""));
        LocalDateTime now = LocalDateTime.now(clock);
        // absent means success; Python truthiness otherwise (the string "false" is true, as in loonflow)
        if (body.node().has("result") && !Values.pythonTruthy(body.get("result"))) {
            Ticket failed = TicketEdit.of(ticket).scriptRunLastResult(false).build(now);
            tickets.update(failed, now);
            recorder.logLine(new FlowLogLine(ticketId, 0, message, Participants.HOOK, HOOK_PARTICIPANT, state.id(),
                    FlowLogLine.INTERVENE_HOOK, recorder.snapshot(failed), HOOK_PARTICIPANT), now);
            return;
        }
        Transition transition = transitions.findFirstActiveBySource(state.id())
                .orElseThrow(() -> new ApiException("the hook state " + state.id() + " has no transition to leave by",
                        ""));
        StateFieldConfig fieldConfig = StateFieldConfig.of(state);
        TicketCommands.requireFields(transition, fieldConfig, fields);
        fieldValues.store(ticketId, TicketCommands.editable(values.fieldsOf(ticket.workflowId()), fieldConfig),
                fields, now);
        Map<String, Object> request = new LinkedHashMap<>();
        fields.forEach((key, value) -> request.put(key, TicketValues.toJava(value)));
        request.put("username", EngineMoveRecorder.ROBOT);
        request.put("transition_id", transition.id());
        request.put("suggestion", message);
        engine.releaseHook(ticket.procInstId(), state.id(), transition.id(), request);
        Ticket moved = arrival.record(tickets.findActive(ticketId).orElseThrow(), state.id(),
                new TicketArrival.Move(transition, EngineMoveRecorder.ROBOT, message, false, true), now);
        events.publishEvent(new TicketChanged(moved, TicketChanged.Action.HANDLE));
    }

    /**
     * Runs the hook or script of the ticket's state again. loonflow let any app user do this (its username check had
     * no effect); here the caller must be a manager of the ticket's workflow, as for the other interventions.
     */
    @Transactional
    void retry(Caller caller, long ticketId) {
        Ticket ticket = access.lockForApp(caller, ticketId, "");
        if (ticket.participantTypeId() != Participants.SCRIPT && ticket.participantTypeId() != Participants.HOOK) {
            throw new ApiException("The ticket's participant_type is not robot or hook, do not allow retry", Map.of());
        }
        if (!caller.hasUsername()) {
            throw new ApiException("username is needed: only a manager of the ticket's workflow may retry", "");
        }
        access.requireManager(ticket, caller.username(), "");
        LocalDateTime now = LocalDateTime.now(clock);
        tickets.update(TicketEdit.of(ticket).scriptRunLastResult(true).build(now), now);
        Map<String, Object> variables = new LinkedHashMap<>();
        if (ticket.participantTypeId() == Participants.SCRIPT) {
            variables.put(ACTION_FROM_VARIABLE, caller.username() + "_retry");
        }
        engine.refire(ticket.procInstId(), ticket.stateId(), compilerProperties.retries(), variables);
    }

    private static Map<String, JsonNode> fieldValuesOf(JsonBody body) {
        JsonNode value = body.get("field_value");
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return fields;
        }
        if (!value.isObject()) {
            throw ApiException.invalidParameter("field_value should be a JSON object of field_key: value");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            fields.put(entry.getKey(), entry.getValue());
        }
        return fields;
    }
}
