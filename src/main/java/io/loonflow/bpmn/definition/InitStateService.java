package io.loonflow.bpmn.definition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a caller needs to create a ticket: the start state, its fields and its transitions (§2.3). */
@Service
class InitStateService {

    static final String NO_START_STATE = "该工作流尚未配置初始状态";
    static final String WORKFLOW_NOT_FOUND = "workflow is not existed or has been deleted";

    private final WorkflowPermissions permissions;
    private final WorkflowRepository workflows;
    private final StateRepository states;
    private final TransitionRepository transitions;
    private final CustomFieldRepository customFields;

    InitStateService(WorkflowPermissions permissions, WorkflowRepository workflows, StateRepository states,
                     TransitionRepository transitions, CustomFieldRepository customFields) {
        this.permissions = permissions;
        this.workflows = workflows;
        this.states = states;
        this.transitions = transitions;
        this.customFields = customFields;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> initState(Caller caller, long workflowId) {
        permissions.requireAppMayUse(caller, workflowId, "");
        caller.requireUsername();
        if (workflows.findActive(workflowId).isEmpty()) {
            throw new ApiException(WORKFLOW_NOT_FOUND, "");
        }
        State start = states.findActiveByWorkflow(workflowId).stream().filter(State::isStart)
                .min(Comparator.comparingLong(State::id))
                .orElseThrow(() -> new ApiException(NO_START_STATE, ""));

        Map<String, Object> data = StateViews.record(start);
        data.remove("state_field_str");
        data.put("field_list", fieldList(workflowId, StateViews.stateFields(start)));
        List<Map<String, Object>> offered = new ArrayList<>();
        for (Transition transition : transitions.findActiveBySource(start.id())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("transition_id", transition.id());
            item.put("transition_name", transition.name());
            offered.add(item);
        }
        data.put("transition", offered);
        return data;
    }

    /** The built-in {@code title} and the custom fields the start state lists, by {@code order_id} (stable). */
    private List<Map<String, Object>> fieldList(long workflowId, ObjectNode stateFields) {
        List<Map<String, Object>> fields = new ArrayList<>();
        JsonNode titleAttribute = stateFields.get(BuiltInFields.TITLE);
        if (titleAttribute != null) {
            fields.add(BuiltInFields.title().asField(titleAttribute));
        }
        for (CustomField field : customFields.findActiveByWorkflow(workflowId)) {
            JsonNode attribute = stateFields.get(field.fieldKey());
            if (attribute != null) {
                fields.add(customField(field, attribute));
            }
        }
        fields.sort(Comparator.comparingInt(field -> (Integer) field.get("order_id")));
        return fields;
    }

    private static Map<String, Object> customField(CustomField field, JsonNode attribute) {
        String where = " of custom field " + field.id();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("field_key", field.fieldKey());
        view.put("field_name", field.fieldName());
        view.put("field_value", null);
        view.put("order_id", field.orderId());
        view.put("field_type_id", field.fieldTypeId());
        view.put("field_attribute", attribute);
        view.put("description", field.description());
        view.put("field_choice", StateJson.objectOrEmpty(field.fieldChoice(), "field_choice" + where));
        view.put("boolean_field_display",
                StateJson.objectOrEmpty(field.booleanFieldDisplay(), "boolean_field_display" + where));
        view.put("default_value", field.defaultValue());
        view.put("field_template", field.fieldTemplate());
        view.put("label", StateJson.objectOrEmpty(field.label(), "label" + where));
        return view;
    }
}
