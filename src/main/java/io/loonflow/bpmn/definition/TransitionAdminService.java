package io.loonflow.bpmn.definition;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Caller;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Create, edit and delete transitions (§2.15–2.17) for callers who administer the workflow. Every state a
 * transition names (source, destination, condition targets) must be a live state of the same workflow.
 */
@Service
class TransitionAdminService {

    private final WorkflowPermissions permissions;
    private final WorkflowRepository workflows;
    private final StateRepository states;
    private final TransitionRepository transitions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TransitionAdminService(WorkflowPermissions permissions, WorkflowRepository workflows, StateRepository states,
                           TransitionRepository transitions, ApplicationEventPublisher events, Clock clock) {
        this.permissions = permissions;
        this.workflows = workflows;
        this.states = states;
        this.transitions = transitions;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Map<String, Object> create(Caller caller, long workflowId, String body) {
        TransitionRequest.Parsed request = TransitionRequest.parse(body, workflowId);
        permissions.requireAdministers(caller, workflowId);
        lockWorkflow(workflowId);
        validate(request);
        long id = transitions.insert(request.draft(), caller.username(), now());
        events.publishEvent(new WorkflowDefinitionChanged(workflowId));
        return Map.of("value", Map.of("transition_id", id));
    }

    @Transactional
    public Map<String, Object> update(Caller caller, long workflowId, long transitionId, String body) {
        TransitionRequest.Parsed request = TransitionRequest.parse(body, workflowId);
        permissions.requireAdministers(caller, workflowId);
        lockWorkflow(workflowId);
        transitionOf(workflowId, transitionId);
        validate(request);
        transitions.update(transitionId, request.draft(), now());
        events.publishEvent(new WorkflowDefinitionChanged(workflowId));
        return Map.of();
    }

    @Transactional
    public Map<String, Object> delete(Caller caller, long workflowId, long transitionId) {
        permissions.requireAdministers(caller, workflowId);
        lockWorkflow(workflowId);
        transitionOf(workflowId, transitionId);
        transitions.softDelete(transitionId, now());
        events.publishEvent(new WorkflowDefinitionChanged(workflowId));
        return Map.of();
    }

    private void validate(TransitionRequest.Parsed request) {
        TransitionDraft draft = request.draft();
        long workflowId = draft.workflowId();
        State source = stateOf(workflowId, draft.sourceStateId(), "source_state_id");
        if (source.isEnd()) {
            throw new ApiException("source state " + source.id() + " is an end state (type_id 2); "
                    + "no transition may leave an end state");
        }
        if (draft.destinationStateId() != 0) {
            stateOf(workflowId, draft.destinationStateId(), "destination_state_id");
        } else if (request.conditionTargets().isEmpty()) {
            throw new ApiException("destination_state_id is needed unless condition_expression names the target states");
        }
        for (long target : request.conditionTargets()) {
            stateOf(workflowId, target, "condition_expression target_state_id");
        }
        if (draft.transitionTypeId() == Transition.TYPE_TIMER && draft.timer() <= 0) {
            throw new ApiException("a timer transition (transition_type_id 2) needs timer > 0 (seconds)");
        }
    }

    private State stateOf(long workflowId, long stateId, String key) {
        Optional<State> state = states.findActive(stateId);
        if (state.isEmpty()) {
            throw new ApiException(key + " " + stateId + " is not existed or has been deleted");
        }
        if (state.get().workflowId() != workflowId) {
            throw new ApiException(key + " " + stateId + " is a state of another workflow, not of workflow "
                    + workflowId);
        }
        return state.get();
    }

    private void lockWorkflow(long workflowId) {
        workflows.lockActive(workflowId)
                .orElseThrow(() -> new ApiException(InitStateService.WORKFLOW_NOT_FOUND));
    }

    /** The non-deleted transition, which must belong to the workflow of the URL. */
    private Transition transitionOf(long workflowId, long transitionId) {
        Transition transition = transitions.findActive(transitionId).orElseThrow(() -> new ApiException(
                "transition " + transitionId + " is not existed or has been deleted"));
        if (transition.workflowId() != workflowId) {
            throw new ApiException("transition " + transitionId + " does not belong to workflow " + workflowId);
        }
        return transition;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).withNano(0);
    }
}
