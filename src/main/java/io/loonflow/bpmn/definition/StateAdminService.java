package io.loonflow.bpmn.definition;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Caller;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Create, edit and delete states (§2.11–2.13) for callers who administer the workflow. Each change locks the
 * workflow row (concurrent edits of one workflow serialise, so "one start state" holds), validates references
 * inside the workflow and announces {@link WorkflowDefinitionChanged} in its transaction.
 */
@Service
class StateAdminService {

    private final WorkflowPermissions permissions;
    private final WorkflowRepository workflows;
    private final StateRepository states;
    private final TransitionRepository transitions;
    private final ParticipantRules participants;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StateAdminService(WorkflowPermissions permissions, WorkflowRepository workflows, StateRepository states,
                      TransitionRepository transitions, ParticipantRules participants,
                      ApplicationEventPublisher events, Clock clock) {
        this.permissions = permissions;
        this.workflows = workflows;
        this.states = states;
        this.transitions = transitions;
        this.participants = participants;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Map<String, Object> create(Caller caller, long workflowId, String body) {
        StateDraft requested = StateRequest.parse(body, workflowId);
        permissions.requireAdministers(caller, workflowId);
        lockWorkflow(workflowId);
        StateDraft draft = validated(requested, null);
        long id = states.insert(draft, caller.username(), now());
        events.publishEvent(new WorkflowDefinitionChanged(workflowId));
        return Map.of("state_id", id);
    }

    @Transactional
    public Map<String, Object> update(Caller caller, long workflowId, long stateId, String body) {
        StateDraft requested = StateRequest.parse(body, workflowId);
        permissions.requireAdministers(caller, workflowId);
        lockWorkflow(workflowId);
        State existing = stateOf(workflowId, stateId);
        StateDraft draft = validated(requested, existing);
        if (draft.typeId() == State.TYPE_END && existing.typeId() != State.TYPE_END) {
            List<Transition> leaving = activeTransitions(workflowId).stream()
                    .filter(transition -> transition.sourceStateId() == stateId).toList();
            if (!leaving.isEmpty()) {
                throw new ApiException("state " + stateId + " cannot become an end state while transitions leave it: "
                        + describe(leaving));
            }
        }
        states.update(stateId, draft, now());
        events.publishEvent(new WorkflowDefinitionChanged(workflowId));
        return Map.of();
    }

    /** Refused while a transition of the workflow still starts at, leads to or conditionally targets the state. */
    @Transactional
    public Map<String, Object> delete(Caller caller, long workflowId, long stateId) {
        permissions.requireAdministers(caller, workflowId);
        lockWorkflow(workflowId);
        stateOf(workflowId, stateId);
        List<Transition> using = activeTransitions(workflowId).stream()
                .filter(transition -> transition.sourceStateId() == stateId
                        || transition.destinationStateId() == stateId
                        || TransitionConditions.storedTargets(transition.conditionExpression()).contains(stateId))
                .toList();
        if (!using.isEmpty()) {
            throw new ApiException("state " + stateId + " is still used by transitions " + describe(using)
                    + "; delete or change them first");
        }
        states.softDelete(stateId, now());
        events.publishEvent(new WorkflowDefinitionChanged(workflowId));
        return Map.of();
    }

    private StateDraft validated(StateDraft requested, State existing) {
        if (requested.typeId() == State.TYPE_START) {
            List<State> otherStarts = states.findActiveByWorkflow(requested.workflowId()).stream()
                    .filter(State::isStart).filter(state -> existing == null || state.id() != existing.id()).toList();
            if (!otherStarts.isEmpty()) {
                throw new ApiException("workflow " + requested.workflowId() + " already has a start state (type_id 1): "
                        + otherStarts.stream().map(state -> state.id() + "(" + state.name() + ")")
                        .collect(Collectors.joining(", ")));
            }
        }
        return requested.withParticipant(participants.check(requested.participantTypeId(), requested.participant(),
                requested.workflowId(), existing));
    }

    private void lockWorkflow(long workflowId) {
        workflows.lockActive(workflowId)
                .orElseThrow(() -> new ApiException(InitStateService.WORKFLOW_NOT_FOUND));
    }

    /** The non-deleted state, which must belong to the workflow of the URL (loonflow moved it there instead). */
    private State stateOf(long workflowId, long stateId) {
        State state = states.findActive(stateId)
                .orElseThrow(() -> new ApiException("state " + stateId + " is not existed or has been deleted"));
        if (state.workflowId() != workflowId) {
            throw new ApiException("state " + stateId + " does not belong to workflow " + workflowId);
        }
        return state;
    }

    private List<Transition> activeTransitions(long workflowId) {
        return transitions.findActiveByWorkflow(workflowId);
    }

    static String describe(List<Transition> list) {
        return list.stream().map(transition -> transition.id() + "(" + transition.name() + ")")
                .collect(Collectors.joining(", "));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).withNano(0);
    }
}
