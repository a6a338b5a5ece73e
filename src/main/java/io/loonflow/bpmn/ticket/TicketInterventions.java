package io.loonflow.bpmn.ticket;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import io.loonflow.bpmn.account.AccountDirectory;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.BodySchema;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.JsonBody;
import io.loonflow.bpmn.api.Rules;
import io.loonflow.bpmn.api.Values;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.StateRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a current handler does besides choosing a transition (spec §4.11–§4.14, §4.16): accept (claim the task),
 * deliver (hand it over), co-sign (delegate the task and get it back) and comment. Each call locks the ticket row,
 * changes the engine's task and the ticket row together, and writes loonflow's flow-log line.
 */
@Service
class TicketInterventions {

    private static final BodySchema DELIVER = BodySchema.strict()
            .required("target_username", Rules.nonEmptyText(50, "target_username is needed"))
            .optional("from_admin", Rules.integer())
            .optional("suggestion", Rules.text(FlowLogRepository.MAX_SUGGESTION));
    private static final BodySchema ADD_NODE = BodySchema.strict()
            .required("target_username", Rules.nonEmptyText(50, "target_username is needed"))
            .optional("suggestion", Rules.text(FlowLogRepository.MAX_SUGGESTION));
    private static final BodySchema ADD_NODE_END = BodySchema.strict()
            .optional("suggestion", Rules.text(FlowLogRepository.MAX_SUGGESTION));
    private static final BodySchema COMMENT = BodySchema.strict()
            .required("suggestion", Rules.nonEmptyText(FlowLogRepository.MAX_SUGGESTION, "suggestion is needed"));

    static final String IN_ADD_NODE = "工单当前处于加签中，只允许加签完成操作";

    private final TicketAccess access;
    private final StateRepository states;
    private final TicketEngine engine;
    private final TicketUsers users;
    private final TicketRepository tickets;
    private final TicketRecorder recorder;
    private final AllMustHandle allMustHandle;
    private final AccountDirectory accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TicketInterventions(TicketAccess access, StateRepository states, TicketEngine engine, TicketUsers users,
                        TicketRepository tickets, TicketRecorder recorder, AllMustHandle allMustHandle,
                        AccountDirectory accounts, ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.access = access;
        this.states = states;
        this.engine = engine;
        this.users = users;
        this.tickets = tickets;
        this.recorder = recorder;
        this.allMustHandle = allMustHandle;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Accept (接单, §4.11): one of several candidates of an accept-first state claims the ticket. */
    @Transactional
    Map<String, Object> accept(Caller caller, long ticketId) {
        Ticket ticket = access.lockForApp(caller, ticketId, "");
        String actor = actor(caller);
        State state = currentState(ticket, "");
        TicketAccess.HandleRight right = permittedHandler(ticket, state, actor, "");
        if (!right.needAccept()) {
            throw new ApiException("participant is one people, do not accept ticket first", "");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        engine.claim(ticket.procInstId(), state.id(), actor);
        String relation = users.setHandlers(ticketId, ticket.relation(), List.of(actor), now);
        Ticket accepted = TicketEdit.of(ticket).participant(Participants.PERSON, actor).relation(relation).build(now);
        tickets.update(accepted, now);
        recorder.log(ticketId, 0, "接单处理", actor, state.id(), FlowLogLine.INTERVENE_ACCEPT,
                recorder.snapshot(accepted), now);
        return Map.of();
    }

    /**
     * Deliver (转交, §4.12). A current handler hands the ticket to the target: in co-sign the co-sign duty moves
     * (the task stays delegated), in an all-must-handle state the target takes the handler's place among those
     * still to choose, otherwise the target becomes the only handler. A workflow manager ({@code from_admin}) makes
     * the target the only handler whatever the ticket was waiting for: co-sign and all-must-handle progress end.
     */
    @Transactional
    boolean deliver(Caller caller, long ticketId, String rawBody) {
        JsonBody body = DELIVER.validate(rawBody);
        Ticket ticket = access.lockForApp(caller, ticketId, Map.of());
        String actor = actor(caller);
        boolean fromAdmin = body.has("from_admin") && Values.toLong("from_admin", body.get("from_admin")) != 0;
        State state = currentState(ticket, Map.of());
        if (fromAdmin) {
            access.requireManager(ticket, caller.username(), Map.of());
        } else {
            permittedHandler(ticket, state, actor, Map.of());
        }
        String target = liveUser(body.text("target_username", ""));
        LocalDateTime now = LocalDateTime.now(clock);
        TicketEdit edit = TicketEdit.of(ticket);
        List<String> handlers = List.of(target);
        if (fromAdmin) {
            engine.resolve(ticket.procInstId(), state.id());
            engine.assign(ticket.procInstId(), state.id(), handlers);
            edit.participant(Participants.PERSON, target).coSign(false, "").multiAllPerson(Participants.NO_MULTI_ALL);
        } else if (ticket.inAddNode()) {
            engine.handOverDelegation(ticket.procInstId(), state.id(), target);
            edit.participant(Participants.PERSON, target);
        } else if (allMustHandle.active(ticket)) {
            if (!allMustHandle.pending(ticket).contains(actor)) {
                throw new ApiException("not crrent participant, no permission", Map.of());
            }
            if (allMustHandle.participates(ticket, target)) {
                throw new ApiException("target_username: " + target + " already takes part in this state", "");
            }
            Ticket handedOver = edit.multiAllPerson(allMustHandle.handOver(ticket, actor, target)).build(now);
            handlers = allMustHandle.pending(handedOver);
            engine.assign(ticket.procInstId(), state.id(), handlers);
            edit.participant(ticket.participantTypeId(), String.join(",", handlers));
        } else {
            engine.assign(ticket.procInstId(), state.id(), handlers);
            edit.participant(Participants.PERSON, target);
        }
        String relation = users.setHandlers(ticketId, ticket.relation(), handlers, now);
        Ticket delivered = edit.relation(relation).build(now);
        tickets.update(delivered, now);
        recorder.log(ticketId, 0, body.text("suggestion", ""), actor, state.id(), FlowLogLine.INTERVENE_DELIVER,
                recorder.snapshot(delivered), now);
        events.publishEvent(new TicketChanged(delivered, TicketChanged.Action.DELIVER));
        return true;
    }

    /**
     * Co-sign (加签, §4.13): the handler delegates the task to the target, who alone may act until add_node_end.
     * A ticket already in co-sign is refused (loonflow let the co-signer nest one, overwriting the original
     * requester, who then never got the ticket back).
     */
    @Transactional
    Map<String, Object> addNode(Caller caller, long ticketId, String rawBody) {
        JsonBody body = ADD_NODE.validate(rawBody);
        Ticket ticket = access.lockForApp(caller, ticketId, "");
        String actor = actor(caller);
        State state = currentState(ticket, "");
        permittedHandler(ticket, state, actor, "");
        if (ticket.inAddNode()) {
            throw new ApiException(IN_ADD_NODE, "");
        }
        String target = liveUser(body.text("target_username", ""));
        LocalDateTime now = LocalDateTime.now(clock);
        engine.delegate(ticket.procInstId(), state.id(), actor, target);
        String relation = users.setHandlers(ticketId, ticket.relation(), List.of(target), now);
        Ticket delegated = TicketEdit.of(ticket).participant(Participants.PERSON, target).coSign(true, actor)
                .relation(relation).build(now);
        tickets.update(delegated, now);
        recorder.log(ticketId, 0, body.text("suggestion", ""), actor, state.id(), FlowLogLine.INTERVENE_ADD_NODE,
                recorder.snapshot(delegated), now);
        events.publishEvent(new TicketChanged(delegated, TicketChanged.Action.ADD_NODE));
        return Map.of();
    }

    /**
     * Co-sign done (加签完成, §4.14): the delegation is resolved and the requester handles the ticket again (in an
     * all-must-handle state: everyone still to choose). Refused when the ticket is not in co-sign (loonflow then
     * set the participant to "" and the ticket was stuck).
     */
    @Transactional
    Map<String, Object> addNodeEnd(Caller caller, long ticketId, String rawBody) {
        JsonBody body = ADD_NODE_END.validate(rawBody);
        Ticket ticket = access.lockForApp(caller, ticketId, "");
        String actor = actor(caller);
        State state = currentState(ticket, "");
        permittedHandler(ticket, state, actor, "");
        if (!ticket.inAddNode() || ticket.addNodeMan().isEmpty()) {
            throw new ApiException("the ticket is not in add_node (co-sign), there is nothing to end", "");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        TicketEdit edit = TicketEdit.of(ticket).coSign(false, "");
        List<String> handlers;
        if (allMustHandle.active(ticket)) {
            handlers = allMustHandle.pending(ticket);
            edit.participant(Participants.PEOPLE, String.join(",", handlers));
        } else {
            handlers = List.of(ticket.addNodeMan());
            edit.participant(Participants.PERSON, ticket.addNodeMan());
        }
        engine.resolve(ticket.procInstId(), state.id());
        engine.assign(ticket.procInstId(), state.id(), handlers);
        String relation = users.setHandlers(ticketId, ticket.relation(), handlers, now);
        Ticket resolved = edit.relation(relation).build(now);
        tickets.update(resolved, now);
        recorder.log(ticketId, 0, body.text("suggestion", ""), actor, state.id(),
                FlowLogLine.INTERVENE_ADD_NODE_END, recorder.snapshot(resolved), now);
        return Map.of();
    }

    /** Comment (§4.16): a flow-log line under the current state; the ticket itself does not change. */
    @Transactional
    void comment(Caller caller, long ticketId, String rawBody) {
        JsonBody body = COMMENT.validate(rawBody);
        if (!caller.hasUsername()) {
            throw new ApiException("ticket_id and username should not be null", "");
        }
        Ticket ticket = access.lockForApp(caller, ticketId, "");
        LocalDateTime now = LocalDateTime.now(clock);
        recorder.log(ticketId, 0, body.text("suggestion", ""), caller.username(), ticket.stateId(),
                FlowLogLine.INTERVENE_COMMENT, recorder.snapshot(ticket), now);
    }

    /** loonflow's handle-permission check (§5.1.1); a caller without a username is nobody's handler. */
    private TicketAccess.HandleRight permittedHandler(Ticket ticket, State state, String actor, Object failureData) {
        TicketAccess.HandleRight right = actor.isEmpty()
                ? new TicketAccess.HandleRight(false, "not current participant, no permission", false, false)
                : access.handleRight(ticket, state, actor);
        if (!right.permitted()) {
            throw new ApiException(right.reason(), failureData);
        }
        return right;
    }

    private State currentState(Ticket ticket, Object failureData) {
        return states.findActive(ticket.stateId())
                .orElseThrow(() -> new ApiException("the ticket's current state has been deleted", failureData));
    }

    /**
     * The target of a deliver or co-sign must be a live user (loonflow accepted any text, and a typo left the
     * ticket with a handler nobody is); the stored name is the account's own spelling.
     */
    private String liveUser(String username) {
        AccountDirectory.UserFlags user = accounts.findUser(username).orElseThrow(() -> new ApiException(
                "target_username: " + username + " is not existed or has been deleted", ""));
        if (!user.active()) {
            throw new ApiException("target_username: " + username + " is not active", "");
        }
        return user.username();
    }

    private static String actor(Caller caller) {
        return caller.hasUsername() ? caller.username() : "";
    }
}
