package io.loonflow.bpmn.definition;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class CustomFieldRepository {

    private static final String SEARCH = " AND (field_key LIKE :pattern ESCAPE '!' OR description LIKE :pattern ESCAPE '!'"
            + " OR field_name LIKE :pattern ESCAPE '!')";

    private final JdbcClient jdbc;

    CustomFieldRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CustomField> findActive(long id) {
        return jdbc.sql("SELECT * FROM workflow_customfield WHERE id = :id AND is_deleted = FALSE")
                .param("id", id).query(DefinitionRows::customField).optional();
    }

    /** Non-deleted custom fields of a workflow in display order ({@code order_id}, then id). */
    public List<CustomField> findActiveByWorkflow(long workflowId) {
        return DefinitionMemo.get("fields of workflow", workflowId, () -> jdbc.sql(
                        "SELECT * FROM workflow_customfield WHERE workflow_id = :wid AND is_deleted = FALSE ORDER BY order_id, id")
                .param("wid", workflowId).query(DefinitionRows::customField).list());
    }

    /** The workflow's non-deleted fields with this key, compared case-insensitively (as MySQL compares them). */
    public List<CustomField> findActiveByKey(long workflowId, String fieldKey) {
        return jdbc.sql("""
                SELECT * FROM workflow_customfield
                WHERE workflow_id = :wid AND LOWER(field_key) = LOWER(:key) AND is_deleted = FALSE ORDER BY id""")
                .param("wid", workflowId).param("key", fieldKey).query(DefinitionRows::customField).list();
    }

    long countActiveByWorkflow(long workflowId, String search) {
        return jdbc.sql("SELECT COUNT(*) FROM workflow_customfield WHERE workflow_id = :wid AND is_deleted = FALSE"
                        + (search == null ? "" : SEARCH))
                .param("wid", workflowId).params(WorkflowSqlLike.params(search)).query(Long.class).single();
    }

    /** One page of the workflow's non-deleted fields in id order (the admin list's order). */
    List<CustomField> pageActiveByWorkflow(long workflowId, String search, int limit, long offset) {
        return jdbc.sql("SELECT * FROM workflow_customfield WHERE workflow_id = :wid AND is_deleted = FALSE"
                        + (search == null ? "" : SEARCH) + " ORDER BY id LIMIT :limit OFFSET :offset")
                .param("wid", workflowId).params(WorkflowSqlLike.params(search))
                .param("limit", limit).param("offset", offset)
                .query(DefinitionRows::customField).list();
    }

    long insert(long workflowId, CustomFieldInput input, String creator, LocalDateTime now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO workflow_customfield (workflow_id, field_type_id, field_key, field_name, order_id,
                  default_value, description, field_template, boolean_field_display, field_choice, label, creator,
                  gmt_created, gmt_modified, is_deleted)
                VALUES (:wid, :type, :key, :name, :orderId, :defaultValue, :description, :template, :display,
                  :choice, :label, :creator, :now, :now, FALSE)""")
                .params(columns(input)).param("wid", workflowId).param("creator", creator).param("now", now)
                .update(keys, "id");
        return WorkflowSqlLike.generatedId(keys);
    }

    void update(long id, CustomFieldInput input, LocalDateTime now) {
        jdbc.sql("""
                UPDATE workflow_customfield SET field_type_id = :type, field_key = :key, field_name = :name,
                  order_id = :orderId, default_value = :defaultValue, description = :description,
                  field_template = :template, boolean_field_display = :display, field_choice = :choice,
                  label = :label, gmt_modified = :now
                WHERE id = :id AND is_deleted = FALSE""")
                .params(columns(input)).param("id", id).param("now", now).update();
    }

    void softDelete(long id, LocalDateTime now) {
        jdbc.sql("UPDATE workflow_customfield SET is_deleted = TRUE, gmt_modified = :now WHERE id = :id AND is_deleted = FALSE")
                .param("id", id).param("now", now).update();
    }

    private static Map<String, Object> columns(CustomFieldInput input) {
        Map<String, Object> values = new HashMap<>();
        values.put("type", input.fieldTypeId());
        values.put("key", input.fieldKey());
        values.put("name", input.fieldName());
        values.put("orderId", input.orderId());
        values.put("defaultValue", input.defaultValue());
        values.put("description", input.description());
        values.put("template", input.fieldTemplate());
        values.put("display", input.booleanFieldDisplay());
        values.put("choice", input.fieldChoice());
        values.put("label", input.label());
        return values;
    }
}
