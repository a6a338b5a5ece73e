package io.loonflow.bpmn.definition;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;

/** Row mappers for the definition tables, shared by their repositories. */
final class DefinitionRows {

    private DefinitionRows() {
    }

    static LocalDateTime time(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toLocalDateTime();
    }

    static String text(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? "" : value;
    }

    static Workflow workflow(ResultSet rs, int row) throws SQLException {
        return new Workflow(rs.getLong("id"), text(rs, "name"), text(rs, "description"), text(rs, "notices"),
                rs.getBoolean("view_permission_check"), text(rs, "limit_expression"), text(rs, "display_form_str"),
                text(rs, "title_template"), text(rs, "content_template"), text(rs, "creator"),
                time(rs, "gmt_created"), time(rs, "gmt_modified"), rs.getBoolean("is_deleted"));
    }

    static State state(ResultSet rs, int row) throws SQLException {
        return new State(rs.getLong("id"), text(rs, "name"), rs.getLong("workflow_id"), rs.getBoolean("is_hidden"),
                rs.getInt("order_id"), rs.getInt("type_id"), rs.getInt("participant_type_id"),
                text(rs, "participant"), rs.getInt("distribute_type_id"), text(rs, "state_field_str"),
                text(rs, "label"), rs.getBoolean("remember_last_man_enable"), rs.getBoolean("enable_retreat"),
                text(rs, "creator"), time(rs, "gmt_created"), time(rs, "gmt_modified"), rs.getBoolean("is_deleted"));
    }

    static Transition transition(ResultSet rs, int row) throws SQLException {
        return new Transition(rs.getLong("id"), text(rs, "name"), rs.getLong("workflow_id"),
                rs.getInt("transition_type_id"), rs.getInt("timer"), rs.getLong("source_state_id"),
                rs.getLong("destination_state_id"), text(rs, "condition_expression"), rs.getInt("attribute_type_id"),
                rs.getBoolean("field_require_check"), rs.getBoolean("alert_enable"), text(rs, "alert_text"),
                text(rs, "creator"), time(rs, "gmt_created"), time(rs, "gmt_modified"), rs.getBoolean("is_deleted"));
    }

    static CustomField customField(ResultSet rs, int row) throws SQLException {
        return new CustomField(rs.getLong("id"), rs.getLong("workflow_id"), rs.getInt("field_type_id"),
                text(rs, "field_key"), text(rs, "field_name"), rs.getInt("order_id"), rs.getString("default_value"),
                text(rs, "description"), text(rs, "field_template"), text(rs, "boolean_field_display"),
                text(rs, "field_choice"), text(rs, "label"), text(rs, "creator"), time(rs, "gmt_created"),
                time(rs, "gmt_modified"), rs.getBoolean("is_deleted"));
    }
}
