package io.loonflow.bpmn.definition;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.loonflow.bpmn.api.ApiTime;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.Paging;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Transition list (§2.14). loonflow served it to workflow-admin sessions only; here a signed caller whose app
 * may use the workflow reads it too, and a console session must administer the workflow.
 */
@Service
class TransitionQueryService {

    static final String UNKNOWN_STATE = "未知";
    static final String SEE_CONDITIONS = "见条件表达式";
    static final String NO_TARGET = "请指定目标状态或设置条件表达式";

    private final WorkflowPermissions permissions;
    private final StateRepository states;
    private final TransitionRepository transitions;

    TransitionQueryService(WorkflowPermissions permissions, StateRepository states, TransitionRepository transitions) {
        this.permissions = permissions;
        this.states = states;
        this.transitions = transitions;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> list(Caller caller, long workflowId, String searchValue, Paging paging) {
        if (caller.session()) {
            permissions.requireAdministers(caller, workflowId);
        } else {
            permissions.requireAppMayUse(caller, workflowId, Map.of());
        }
        List<Transition> matching = transitions.findActiveByWorkflow(workflowId).stream()
                .filter(transition -> StateQueryService.containsIgnoringCase(transition.name(), searchValue))
                .toList();
        int from = (int) Math.min(paging.offset(matching.size()), matching.size());
        int to = Math.min(from + paging.perPage(), matching.size());
        Map<Long, Optional<State>> stateCache = new HashMap<>();
        List<Map<String, Object>> page = matching.subList(from, to).stream()
                .map(transition -> item(transition, stateCache)).toList();
        return paging.result(page, matching.size());
    }

    private Map<String, Object> item(Transition transition, Map<Long, Optional<State>> stateCache) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", transition.id());
        view.put("creator", transition.creator());
        view.put("gmt_created", ApiTime.format(transition.gmtCreated()));
        view.put("gmt_modified", ApiTime.format(transition.gmtModified()));
        view.put("is_deleted", transition.deleted());
        view.put("name", transition.name());
        view.put("workflow_id", transition.workflowId());
        view.put("transition_type_id", transition.transitionTypeId());
        view.put("timer", transition.timer());
        view.put("source_state_id", transition.sourceStateId());
        view.put("destination_state_id", transition.destinationStateId());
        view.put("condition_expression", transition.conditionExpression());
        view.put("attribute_type_id", transition.attributeTypeId());
        view.put("field_require_check", transition.fieldRequireCheck());
        view.put("alert_enable", transition.alertEnable());
        view.put("alert_text", transition.alertText());

        Optional<State> source = stateCache.computeIfAbsent(transition.sourceStateId(), states::findActive);
        view.put("source_state_info", stateInfo(source.map(State::name).orElse(UNKNOWN_STATE),
                transition.sourceStateId()));
        Optional<State> destination = transition.destinationStateId() == 0 ? Optional.empty()
                : stateCache.computeIfAbsent(transition.destinationStateId(), states::findActive);
        String destinationName = destination.map(State::name)
                .orElse("[]".equals(transition.conditionExpression()) ? NO_TARGET : SEE_CONDITIONS);
        view.put("destination_state_info", stateInfo(destinationName, transition.destinationStateId()));
        return view;
    }

    private static Map<String, Object> stateInfo(String name, long id) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", name);
        info.put("id", id);
        return info;
    }
}
