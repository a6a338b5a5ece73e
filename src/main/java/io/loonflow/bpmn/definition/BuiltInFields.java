package io.loonflow.bpmn.definition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields every ticket has without configuration (spec §7), in loonflow's order and wording, and the ticket
 * columns loonflow treats as "base fields".
 */
final class BuiltInFields {

    /** One built-in field: always type 5 (string), empty choice/display/label, no default, empty template. */
    record BuiltInField(String key, String name, int orderId, String description) {

        static final int FIELD_TYPE_STRING = 5;

        /** The field object of init_state and ticket detail, with the given attribute and no value. */
        Map<String, Object> asField(Object fieldAttribute) {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("field_key", key);
            field.put("field_name", name);
            field.put("field_value", null);
            field.put("order_id", orderId);
            field.put("field_type_id", FIELD_TYPE_STRING);
            field.put("field_attribute", fieldAttribute);
            field.put("description", description);
            field.put("field_choice", Map.of());
            field.put("boolean_field_display", Map.of());
            field.put("default_value", null);
            field.put("field_template", "");
            field.put("label", Map.of());
            return field;
        }
    }

    static final String TITLE = "title";

    static final List<BuiltInField> ALL = List.of(
            new BuiltInField("sn", "流水号", 10, "工单的流水号"),
            new BuiltInField(TITLE, "标题", 20, "工单的标题"),
            new BuiltInField("state_id", "状态id", 40, "工单当前状态的id"),
            new BuiltInField("state.state_name", "状态名", 41, "工单当前状态的名称"),
            new BuiltInField("participant_info.participant_name", "当前处理人", 50, "工单的当前处理人"),
            new BuiltInField("participant_info.participant_alias", "当前处理人", 55, "工单当前处理人(alias)"),
            new BuiltInField("workflow.workflow_name", "工作流名称", 60, "工单所属工作流的名称"),
            new BuiltInField("creator", "创建人", 80, "工单的创建人"),
            new BuiltInField("gmt_created", "创建时间", 100, "工单的创建时间"),
            new BuiltInField("gmt_modified", "更新时间", 120, "工单的更新时间"));

    /** Columns of a ticket row that participant type 7 may name (values read as usernames). */
    static final Set<String> TICKET_COLUMNS = Set.of("id", "sn", "title", "state_id", "creator", "gmt_created",
            "gmt_modified", "workflow_id", "participant", "participant_type_id", "parent_ticket_id",
            "parent_ticket_state_id", "relation", "act_state_id", "multi_all_person", "in_add_node", "add_node_man",
            "script_run_last_result", "is_deleted");

    private BuiltInFields() {
    }

    static Optional<BuiltInField> find(String key) {
        return ALL.stream().filter(field -> field.key().equals(key)).findFirst();
    }

    static BuiltInField title() {
        return find(TITLE).orElseThrow();
    }
}
