package io.loonflow.bpmn.ticket;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.account.AppTokenRepository;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.BodySchema;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.JsonBody;
import io.loonflow.bpmn.api.Rules;
import io.loonflow.bpmn.api.Values;
import io.loonflow.bpmn.definition.CustomField;
import io.loonflow.bpmn.definition.DefinitionMemo;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.StateRepository;
import io.loonflow.bpmn.definition.Transition;
import io.loonflow.bpmn.definition.TransitionRepository;
import io.loonflow.bpmn.definition.WorkflowPermissions;
import io.loonflow.bpmn.definition.WorkflowRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating and handling tickets (spec §4.2, §4.4, §5.6): loonflow's checks and messages in front, the engine's
 * routing behind, and the ticket row, values, handler index and flow log written in the same transaction.
 */
@Service
class TicketCommands {

    /** Keys of a create/handle body that are not field values. */
    private static final Set<String> CONTROL_KEYS = Set.of("workflow_id", "transition_id", "suggestion", "username",
            "parent_ticket_id", "parent_ticket_state_id");

    private static final BodySchema CREATE = BodySchema.allowingExtraKeys()
            .required("workflow_id", positive("workflow_id is needed and type should be int"))
            .required("transition_id", positive("transition_id is needed and type should be int"))
            .optional("title", Rules.text(500))
            .optional("suggestion", Rules.text(FlowLogRepository.MAX_SUGGESTION))
            .optional("parent_ticket_id", Rules.integer())
            .optional("parent_ticket_state_id", Rules.integer());

    private final WorkflowRepository workflows;
    private final StateRepository states;
    private final TransitionRepository transitions;
    private final WorkflowPermissions permissions;
    private final AppTokenRepository appTokens;
    private final TicketRepository tickets;
    private final TicketAccess access;
    private final SerialNumbers serialNumbers;
    private final FieldValueStore fieldValues;
    private final TicketValues values;
    private final TicketEngine engine;
    private final TicketRecorder recorder;
    private final TicketArrival arrival;
    private final AllMustHandle allMustHandle;
    private final TicketUsers users;
    private final LimitExpressionCheck limits;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TicketCommands(WorkflowRepository workflows, StateRepository states, TransitionRepository transitions,
                   WorkflowPermissions permissions, AppTokenRepository appTokens, TicketRepository tickets,
                   TicketAccess access, SerialNumbers serialNumbers, FieldValueStore fieldValues, TicketValues values,
                   TicketEngine engine, TicketRecorder recorder, TicketArrival arrival,
                   AllMustHandle allMustHandle,
                   TicketUsers users, LimitExpressionCheck limits, ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.workflows = workflows;
        this.states = states;
        this.transitions = transitions;
        this.permissions = permissions;
        this.appTokens = appTokens;
        this.tickets = tickets;
        this.access = access;
        this.serialNumbers = serialNumbers;
        this.fieldValues = fieldValues;
        this.values = values;
        this.engine = engine;
        this.recorder = recorder;
        this.arrival = arrival;
        this.allMustHandle = allMustHandle;
        this.users = users;
        this.limits = limits;
        this.clock = clock;
    }

    @Transactional
    long create(Caller caller, String rawBody) {
        DefinitionMemo.open(); // a ticket action reads its workflow's definitions several times and edits none
        JsonBody body = CREATE.validate(rawBody);
        long workflowId = body.integer("workflow_id", 0);
        long transitionId = body.integer("transition_id", 0);
        if (!permissions.appMayUse(caller.appName(), workflowId)) {
            throw new ApiException("APP:" + caller.appName() + " have no permission to create this workflow ticket", "");
        }
        String username = caller.requireUsername();
        requireParent(caller, body.integer("parent_ticket_id", 0), body.integer("parent_ticket_state_id", 0));
        limits.check(workflows.findActive(workflowId)
                .orElseThrow(() -> new ApiException("workflow is not existed or has been deleted")), username);
        State start = startState(workflowId);
        Transition transition = transitions.findActive(transitionId)
                .filter(t -> t.sourceStateId() == start.id())
                .orElseThrow(() -> new ApiException("transition_id is invalid"));
        StateFieldConfig fieldConfig = StateFieldConfig.of(start);
        Map<String, JsonNode> fields = fieldValuesOf(body);
        requireFields(transition, fieldConfig, fields);

        LocalDateTime now = LocalDateTime.now(clock);
        Ticket draft = new Ticket(0, body.text("title", ""), workflowId, serialNumbers.next(snPrefix(caller)),
                start.id(), body.integer("parent_ticket_id", 0), body.integer("parent_ticket_state_id", 0),
                Participants.PERSON, username, username, false, "", true, Participants.NO_MULTI_ALL,
                Ticket.ACT_DRAFT, "", username, now, now, false);
        long ticketId = tickets.insert(draft, now);
        fieldValues.store(ticketId, editable(values.fieldsOf(workflowId), fieldConfig), fields, now);

        Map<String, Object> request = requestValues(body, username, transitionId);
        String processInstanceId = engine.startLeaving(ticketId, workflowId, start.id(), transitionId, request);
        // the row as inserted: the engine's synchronous listeners write no ticket row
        Ticket arrived = arrive(created(draft, ticketId, processInstanceId), start, transition, username,
                body.text("suggestion", ""), true, now);
        events.publishEvent(new TicketChanged(arrived, TicketChanged.Action.CREATE));
        return ticketId;
    }

    @Transactional
    Map<String, Object> handle(Caller caller, long ticketId, String rawBody) {
        DefinitionMemo.open();
        if (rawBody == null || rawBody.isBlank()) {
            throw new ApiException("patch参数为空");
        }
        JsonBody body = JsonBody.parse(rawBody);
        Ticket ticket = access.lockForApp(caller, ticketId, Map.of());
        long transitionId = body.has("transition_id") ? Values.toLong("transition_id", body.get("transition_id")) : 0;
        if (!caller.hasUsername() || transitionId == 0) {
            throw new ApiException("参数不合法,请提供username，transition_id");
        }
        String username = caller.username();
        Rules.checkLength("suggestion", body.text("suggestion", ""), FlowLogRepository.MAX_SUGGESTION);
        State source = states.findActive(ticket.workflowId(), ticket.stateId())
                .orElseThrow(() -> new ApiException("the ticket's current state has been deleted"));
        access.requireHandler(ticket, source, username);
        // a timer transition is the engine's to take (loonflow also let people take it, though it offered no button);
        // the state's transitions were just read for the permission check (DefinitionMemo answers again)
        Transition transition = transitions.findActiveBySource(source.id()).stream()
                .filter(t -> t.id() == transitionId && !t.isTimer()).findFirst()
                .orElseThrow(() -> new ApiException("transition_id is invalid"));
        StateFieldConfig fieldConfig = StateFieldConfig.of(source);
        Map<String, JsonNode> fields = fieldValuesOf(body);
        requireFields(transition, fieldConfig, fields);

        Optional<AllMustHandle.Vote> vote = allMustHandle.vote(ticket, username, transition);

        LocalDateTime now = LocalDateTime.now(clock);
        fieldValues.store(ticketId, editable(values.fieldsOf(ticket.workflowId()), fieldConfig), fields, now);
        if (vote.isPresent() && !vote.get().advances()) {
            // an all-must-handle state waits for the others (or is left for an administrator when choices differ)
            users.markWorked(ticketId, username, now);
            allMustHandle.stay(ticket, source, transition, username, body.text("suggestion", ""), vote.get(), now);
            events.publishEvent(new TicketChanged(ticket, TicketChanged.Action.HANDLE)); // same state, workflow, parent
            return Map.of("value", true);
        }
        engine.perform(ticket.procInstId(), source.id(), transitionId, requestValues(body, username, transitionId));
        users.markWorked(ticketId, username, now);
        // the row as locked above: the engine's synchronous listeners write no ticket row (hooks and scripts run later)
        Ticket arrived = arrive(ticket, source, transition, username, body.text("suggestion", ""), false, now);
        events.publishEvent(new TicketChanged(arrived, TicketChanged.Action.HANDLE));
        return Map.of("value", true);
    }

    /** Writes where the engine took the ticket: state, participants, progress, handlers and the flow-log line. */
    private Ticket arrive(Ticket ticket, State source, Transition transition, String actor, String suggestion,
                          boolean creation, LocalDateTime now) {
        return arrival.record(ticket, source.id(), new TicketArrival.Move(transition, actor, suggestion, creation, true), now);
    }

    /** The flow log's {@code ticket_data}: every value after the action, unset ones as "None" like loonflow. */
    String snapshot(Ticket ticket) {
        return recorder.snapshot(ticket);
    }

    /** loonflow stored any parent ids unchecked; a child of a missing parent would wait for nothing. */
    private void requireParent(Caller caller, long parentId, long parentStateId) {
        if (parentId == 0 && parentStateId == 0) {
            return;
        }
        if (parentId == 0 || parentStateId == 0) {
            throw ApiException.invalidParameter("parent_ticket_id and parent_ticket_state_id must be given together");
        }
        Ticket parent = tickets.findActive(parentId)
                .orElseThrow(() -> new ApiException("parent ticket " + parentId + " is not existed or has been deleted"));
        if (!permissions.appMayUse(caller.appName(), parent.workflowId())) {
            throw new ApiException("the app has no permission to the parent ticket's workflow");
        }
        states.findActive(parentStateId).filter(state -> state.workflowId() == parent.workflowId())
                .orElseThrow(() -> new ApiException("parent_ticket_state_id " + parentStateId
                        + " is not a state of the parent ticket's workflow"));
    }

    private State startState(long workflowId) {
        return states.findActiveByWorkflow(workflowId).stream().filter(State::isStart)
                .min(Comparator.comparingLong(State::id))
                .orElseThrow(() -> new ApiException("This workflow have no init state, please check the config"));
    }

    static void requireFields(Transition transition, StateFieldConfig config, Map<String, JsonNode> present) {
        if (!transition.fieldRequireCheck()) {
            return;
        }
        List<String> required = config.required();
        for (String key : required) {
            if (!present.containsKey(key)) {
                throw new ApiException("此工单的必填字段为:" + String.join(",", required));
            }
        }
    }

    static List<CustomField> editable(List<CustomField> fields, StateFieldConfig config) {
        List<CustomField> result = new ArrayList<>();
        for (CustomField field : fields) {
            if (config.editable(field.fieldKey())) {
                result.add(field);
            }
        }
        return result;
    }

    private static Map<String, JsonNode> fieldValuesOf(JsonBody body) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!CONTROL_KEYS.contains(entry.getKey())) {
                fields.put(entry.getKey(), entry.getValue());
            }
        }
        return fields;
    }

    private static Map<String, Object> requestValues(JsonBody body, String username, long transitionId) {
        Map<String, Object> request = TicketValues.toJavaMap(body.node());
        request.put("username", username);
        request.put("transition_id", transitionId);
        return request;
    }

    private String snPrefix(Caller caller) {
        if (Caller.CONSOLE_APP.equals(caller.appName())) {
            return Caller.CONSOLE_APP; // loonflow needed a token row named "loonflow" here and failed without one
        }
        return appTokens.findActiveByAppName(caller.appName()).map(token -> token.ticketSnPrefix())
                .filter(prefix -> !prefix.isEmpty()).orElse(Caller.CONSOLE_APP);
    }

    private static Ticket created(Ticket t, long ticketId, String processInstanceId) {
        return new Ticket(ticketId, t.title(), t.workflowId(), t.sn(), t.stateId(), t.parentTicketId(),
                t.parentTicketStateId(), t.participantTypeId(), t.participant(), t.relation(), t.inAddNode(),
                t.addNodeMan(), t.scriptRunLastResult(), t.multiAllPerson(), t.actStateId(), processInstanceId,
                t.creator(), t.gmtCreated(), t.gmtModified(), t.deleted());
    }

    private static BodySchema.Rule positive(String message) {
        return (key, value) -> {
            if (!(value.isIntegralNumber() || value.isBoolean()) || value.asLong() == 0) {
                throw ApiException.invalidParameter(message);
            }
        };
    }
}
