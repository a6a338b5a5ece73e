package io.loonflow.bpmn.ticket;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.BodySchema;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.JsonBody;
import io.loonflow.bpmn.api.Rules;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.StateRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves outside the workflow's transitions (spec §4.5, §4.9, §4.19, §4.20): force state, close, retreat and
 * delete. The engine's process instance is modified in the same transaction (cancel what it waits in, start before
 * the target state's activity), so the ticket row and the engine never disagree. Unlike loonflow, every move resets
 * the co-sign and all-must-handle progress of the state the ticket leaves (loonflow bug 15).
 */
@Service
class TicketStateMoves {

    private static final BodySchema FORCE_STATE = BodySchema.strict()
            .required("state_id", (key, value) -> {
                if (!(value.isIntegralNumber() || value.isBoolean()) || value.asLong() == 0) {
                    throw ApiException.invalidParameter("state_id is needed and type should be int");
                }
            })
            .optional("suggestion", Rules.text(FlowLogRepository.MAX_SUGGESTION));
    /** close and retreat read an optional suggestion from a JSON object and ignore anything else, as loonflow. */
    private static final BodySchema SUGGESTION_ONLY = BodySchema.allowingExtraKeys()
            .optional("suggestion", Rules.text(FlowLogRepository.MAX_SUGGESTION));

    private final TicketAccess access;
    private final StateRepository states;
    private final TicketEngine engine;
    private final TicketUsers users;
    private final TicketRepository tickets;
    private final TicketRecorder recorder;
    private final Clock clock;

    TicketStateMoves(TicketAccess access, StateRepository states, TicketEngine engine, TicketUsers users,
                     TicketRepository tickets, TicketRecorder recorder, Clock clock) {
        this.access = access;
        this.states = states;
        this.engine = engine;
        this.users = users;
        this.tickets = tickets;
        this.recorder = recorder;
        this.clock = clock;
    }

    /**
     * Force state (§4.9), workflow managers only. The target's participants are resolved as on any arrival (its
     * user task's listener); act_state: END → 5 (closed), START → 0, otherwise unchanged as in loonflow r1.0.14,
     * except that a finished or closed ticket moved to a middle state is ongoing (1) again. A ticket whose instance
     * has ended gets a new instance started in the target state.
     */
    @Transactional
    Map<String, Object> forceState(Caller caller, long ticketId, String rawBody) {
        JsonBody body = FORCE_STATE.validate(rawBody);
        Ticket ticket = access.lockForApp(caller, ticketId, "");
        access.requireManager(ticket, caller.username(), Map.of());
        long targetId = body.integer("state_id", 0);
        State target = states.findActive(targetId).filter(s -> s.workflowId() == ticket.workflowId())
                .orElseThrow(() -> new ApiException("state_id " + targetId
                        + " is not a state of this ticket's workflow (not existed or has been deleted)"));
        LocalDateTime now = LocalDateTime.now(clock);
        String processInstanceId = engine.moveTo(ticket.id(), ticket.workflowId(), ticket.procInstId(), target.id(),
                target.isEnd());
        Participants participants = recorder.participantsAt(processInstanceId, target, ticket.creator());
        int act = target.isEnd() ? Ticket.ACT_CLOSED : target.isStart() ? Ticket.ACT_DRAFT : ticket.actStateId();
        if (act == Ticket.ACT_FINISH || (act == Ticket.ACT_CLOSED && !target.isEnd())) {
            act = Ticket.ACT_ONGOING; // reopened: loonflow kept 4/5, which hid the ticket from its handlers' duty list
        }
        String relation = users.setHandlers(ticketId, ticket.relation(), participants.usernames(), now);
        Ticket moved = TicketEdit.of(ticket).state(target.id())
                .participant(participants.typeId(), participants.participant()).relation(relation)
                .coSign(false, "").multiAllPerson(participants.multiAllPerson()).act(act).procInst(processInstanceId)
                .build(now);
        tickets.update(moved, now);
        recorder.log(ticketId, 0, body.text("suggestion", ""), caller.username(), ticket.stateId(),
                FlowLogLine.INTERVENE_ALTER_STATE, recorder.snapshot(moved), now);
        return Map.of();
    }

    /**
     * Close (§4.19): a workflow manager in any state, or the creator in the start state, moves the ticket to the
     * workflow's end state (the instance ends); nobody handles it any more; act_state 5. The line is filed under
     * the end state with the snapshot taken before closing, as loonflow.
     */
    @Transactional
    String close(Caller caller, long ticketId, String rawBody) {
        JsonBody body = SUGGESTION_ONLY.validate(rawBody);
        Ticket ticket = access.lockForApp(caller, ticketId, Map.of());
        String actor = caller.hasUsername() ? caller.username() : "";
        boolean creatorInStart = actor.equals(ticket.creator()) && firstOfType(ticket.workflowId(), State.TYPE_START)
                .map(s -> s.id() == ticket.stateId()).orElse(false);
        if (!creatorInStart && !access.isManager(ticket, caller.username())) {
            throw new ApiException("just ticket's creator can close ticket in start state or workflow_admin can close"
                    + " ticket in any state");
        }
        State end = firstOfType(ticket.workflowId(), State.TYPE_END)
                .orElseThrow(() -> new ApiException("该工作流未配置结束状态，请检查工作流配置"));
        String snapshot = recorder.snapshot(ticket);
        LocalDateTime now = LocalDateTime.now(clock);
        String processInstanceId = engine.moveTo(ticket.id(), ticket.workflowId(), ticket.procInstId(), end.id(), true);
        users.clearHandlers(ticketId, now);
        Ticket closed = TicketEdit.of(ticket).state(end.id()).participant(Participants.NONE, "").coSign(false, "")
                .multiAllPerson(Participants.NO_MULTI_ALL).act(Ticket.ACT_CLOSED).procInst(processInstanceId)
                .build(now);
        tickets.update(closed, now);
        recorder.log(ticketId, 0, "强制关闭工单:" + body.text("suggestion", ""), actor, end.id(),
                FlowLogLine.INTERVENE_CLOSE, snapshot, now);
        return "";
    }

    /**
     * Retreat (撤回, §4.20): the creator takes the ticket back to the start state while the current state allows
     * it; act_state 3; the line is filed under the start state.
     */
    @Transactional
    Map<String, Object> retreat(Caller caller, long ticketId, String rawBody) {
        JsonBody body = SUGGESTION_ONLY.validate(rawBody);
        Ticket ticket = access.lockForApp(caller, ticketId, Map.of());
        String actor = caller.hasUsername() ? caller.username() : "";
        if (!actor.equals(ticket.creator())) {
            throw new ApiException("just ticket's creator can retreat ticket in specific state that enable retreat");
        }
        if (!states.findActive(ticket.stateId()).map(State::enableRetreat).orElse(false)) {
            throw new ApiException("now state can not be retreat");
        }
        State start = firstOfType(ticket.workflowId(), State.TYPE_START)
                .orElseThrow(() -> new ApiException("This workflow have no init state, please check the config"));
        LocalDateTime now = LocalDateTime.now(clock);
        String processInstanceId = engine.moveTo(ticket.id(), ticket.workflowId(), ticket.procInstId(), start.id(),
                false);
        Participants participants = recorder.participantsAt(processInstanceId, start, ticket.creator());
        String relation = users.setHandlers(ticketId, ticket.relation(), participants.usernames(), now);
        Ticket retreated = TicketEdit.of(ticket).state(start.id())
                .participant(participants.typeId(), participants.participant()).relation(relation)
                .coSign(false, "").multiAllPerson(Participants.NO_MULTI_ALL).act(Ticket.ACT_RETREAT)
                .procInst(processInstanceId).build(now);
        tickets.update(retreated, now);
        recorder.log(ticketId, 0, body.text("suggestion", ""), actor, start.id(), FlowLogLine.INTERVENE_RETREAT,
                recorder.snapshot(retreated), now);
        return Map.of();
    }

    /**
     * Delete (§4.5), workflow managers only: the ticket is soft-deleted and its process instance is deleted with a
     * reason (kept in the engine's history), so that no timer, hook or script job acts on a deleted ticket.
     */
    @Transactional
    Map<String, Object> delete(Caller caller, long ticketId, String rawBody) {
        String suggestion = "";
        if (rawBody != null && !rawBody.isBlank()) {
            suggestion = SUGGESTION_ONLY.validate(rawBody).text("suggestion", "");
        }
        Ticket ticket = access.lockForApp(caller, ticketId, Map.of());
        access.requireManager(ticket, caller.username(), Map.of());
        LocalDateTime now = LocalDateTime.now(clock);
        recorder.log(ticketId, 0, suggestion, caller.username(), ticket.stateId(), FlowLogLine.INTERVENE_DELETE,
                recorder.snapshot(ticket), now);
        engine.cancel(ticket.procInstId(), "loonflow: ticket " + ticketId + " deleted by " + caller.username());
        tickets.update(TicketEdit.of(ticket).deleted(true).build(now), now);
        return Map.of();
    }

    /** The workflow's first (lowest id) state of a type, as loonflow's "first found". */
    private Optional<State> firstOfType(long workflowId, int typeId) {
        return states.findActiveByWorkflow(workflowId).stream().filter(s -> s.typeId() == typeId)
                .min(Comparator.comparingLong(State::id));
    }
}
