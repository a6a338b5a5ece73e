package io.loonflow.bpmn.ticket;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.ApiTime;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.definition.CustomField;
import io.loonflow.bpmn.definition.DefinitionMemo;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.StateRepository;
import io.loonflow.bpmn.definition.Workflow;
import io.loonflow.bpmn.definition.WorkflowRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ticket detail (spec §4.3): the ticket dict, its form (`field_list`: the current state's fields for a
 * handler, the workflow's display form for other readers), the creator and the current state.
 */
@Service
@Transactional(readOnly = true)
class TicketDetail {

    private record BaseField(String key, String name, int orderId, String description) {
    }

    private static final List<BaseField> BASE_FIELDS = List.of(
            new BaseField("sn", "流水号", 10, "工单的流水号"),
            new BaseField("title", "标题", 20, "工单的标题"),
            new BaseField("state_id", "状态id", 40, "工单当前状态的id"),
            new BaseField("state.state_name", "状态名", 41, "工单当前状态的名称"),
            new BaseField("participant_info.participant_name", "当前处理人", 50, "工单的当前处理人"),
            new BaseField("participant_info.participant_alias", "当前处理人", 55, "工单当前处理人(alias)"),
            new BaseField("workflow.workflow_name", "工作流名称", 60, "工单所属工作流的名称"),
            new BaseField("creator", "创建人", 80, "工单的创建人"),
            new BaseField("gmt_created", "创建时间", 100, "工单的创建时间"),
            new BaseField("gmt_modified", "更新时间", 120, "工单的更新时间"));

    private final TicketAccess access;
    private final TicketViewPermission viewPermission;
    private final StateRepository states;
    private final WorkflowRepository workflows;
    private final TicketValues values;
    private final TicketViews views;
    private final ObjectMapper json;

    TicketDetail(TicketAccess access, TicketViewPermission viewPermission, StateRepository states,
                 WorkflowRepository workflows, TicketValues values, TicketViews views, ObjectMapper json) {
        this.access = access;
        this.viewPermission = viewPermission;
        this.states = states;
        this.workflows = workflows;
        this.values = values;
        this.views = views;
        this.json = json;
    }

    Map<String, Object> detail(Caller caller, long ticketId) {
        DefinitionMemo.open();
        Ticket ticket = access.forApp(caller, ticketId, "");
        if (!caller.hasUsername()) {
            throw new ApiException("参数不全，请提供username", "");
        }
        boolean handler = viewPermission.requireViewer(ticket, caller.username());
        State state = states.findActive(ticket.stateId())
                .orElseThrow(() -> new ApiException("the ticket's current state has been deleted"));
        Workflow workflow = workflows.findActive(ticket.workflowId())
                .orElseThrow(() -> new ApiException("workflow is not existed or has been deleted"));

        Map<String, Integer> shown = new LinkedHashMap<>();
        if (handler) {
            shown.putAll(StateFieldConfig.of(state).attributes());
        } else {
            for (JsonNode key : parse(workflow.displayFormStr(), "[]")) {
                shown.put(key.asText(), StateFieldConfig.READ_ONLY);
            }
        }
        // one rendering for the participant and the creator (each alone would look the names up again)
        TicketViews.Rendered rendered = views.render(List.of(ticket));
        Map<String, Object> value = TicketDict.of(ticket);
        value.put("field_list", fieldList(ticket, state, workflow, shown, rendered));
        value.put("creator_info", rendered.creatorInfo(ticket));
        value.put("state_info", stateInfo(state));
        return Map.of("value", value);
    }

    private List<Map<String, Object>> fieldList(Ticket ticket, State state, Workflow workflow,
                                                Map<String, Integer> shown, TicketViews.Rendered rendered) {
        Map<String, Object> participant = participantInfo(ticket, rendered);
        Map<String, Object> baseValues = new LinkedHashMap<>();
        baseValues.put("sn", ticket.sn());
        baseValues.put("title", ticket.title());
        baseValues.put("state_id", ticket.stateId());
        baseValues.put("state.state_name", state.name());
        baseValues.put("participant_info.participant_name", participant.get("participant_name"));
        baseValues.put("participant_info.participant_alias", participant.get("participant_alias"));
        baseValues.put("workflow.workflow_name", workflow.name());
        baseValues.put("creator", ticket.creator());
        baseValues.put("gmt_created", ApiTime.format(ticket.gmtCreated()));
        baseValues.put("gmt_modified", ApiTime.format(ticket.gmtModified()));

        List<Map<String, Object>> fields = new ArrayList<>();
        for (BaseField base : BASE_FIELDS) {
            if (!shown.containsKey(base.key())) {
                continue;
            }
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("field_key", base.key());
            field.put("field_name", base.name());
            field.put("field_value", baseValues.get(base.key()));
            field.put("order_id", base.orderId());
            field.put("field_type_id", FieldType.STRING.id());
            field.put("field_attribute", shown.get(base.key()));
            field.put("description", base.description());
            field.put("field_choice", Map.of());
            field.put("boolean_field_display", Map.of());
            field.put("default_value", null);
            field.put("field_template", "");
            field.put("label", Map.of());
            fields.add(field);
        }
        List<CustomField> customFields = values.fieldsOf(ticket.workflowId());
        Map<String, Object> stored = values.of(ticket, customFields);
        for (CustomField custom : customFields) {
            if (!shown.containsKey(custom.fieldKey())) {
                continue;
            }
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("field_key", custom.fieldKey());
            field.put("field_name", custom.fieldName());
            field.put("field_value", stored.get(custom.fieldKey()));
            field.put("order_id", custom.orderId());
            field.put("field_type_id", custom.fieldTypeId());
            field.put("field_attribute", shown.get(custom.fieldKey()));
            field.put("default_value", custom.defaultValue());
            field.put("description", custom.description());
            field.put("field_template", custom.fieldTemplate());
            field.put("boolean_field_display", parse(custom.booleanFieldDisplay(), "{}"));
            field.put("field_choice", parse(custom.fieldChoice(), "{}"));
            field.put("label", parse(custom.label(), "{}"));
            fields.add(field);
        }
        fields.sort(Comparator.comparingInt(field -> (Integer) field.get("order_id")));
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> participantInfo(Ticket ticket, TicketViews.Rendered rendered) {
        Object info = rendered.participantInfo(ticket);
        return info instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private Map<String, Object> stateInfo(State s) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", s.id());
        info.put("creator", s.creator());
        info.put("gmt_created", ApiTime.format(s.gmtCreated()));
        info.put("gmt_modified", ApiTime.format(s.gmtModified()));
        info.put("is_deleted", s.deleted());
        info.put("name", s.name());
        info.put("workflow_id", s.workflowId());
        info.put("is_hidden", s.hidden());
        info.put("order_id", s.orderId());
        info.put("type_id", s.typeId());
        info.put("enable_retreat", s.enableRetreat());
        info.put("remember_last_man_enable", s.rememberLastManEnable());
        info.put("participant_type_id", s.participantTypeId());
        // hook participants carry a secret token: loonflow showed "hook" instead, and so do we
        info.put("participant", s.participantTypeId() == Participants.HOOK ? "hook" : s.participant());
        info.put("distribute_type_id", s.distributeTypeId());
        info.put("state_field_str", parse(s.stateFieldStr(), "{}"));
        info.put("label", parse(s.label(), "{}"));
        return info;
    }

    /** Stored JSON text, with legacy empty or broken values read as the documented default. */
    private JsonNode parse(String text, String fallback) {
        try {
            JsonNode node = json.readTree(text == null || text.isBlank() ? fallback : text);
            return node == null ? json.readTree(fallback) : node;
        } catch (JsonProcessingException e) {
            try {
                return json.readTree(fallback);
            } catch (JsonProcessingException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
