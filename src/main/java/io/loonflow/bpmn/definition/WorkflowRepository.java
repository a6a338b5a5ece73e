package io.loonflow.bpmn.definition;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class WorkflowRepository {

    private final JdbcClient jdbc;

    WorkflowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The workflow if this transaction has read it already (its {@link DefinitionMemo}); never queries. */
    public Optional<Workflow> findKnown(long id) {
        Optional<Workflow> known = DefinitionMemo.known("workflow", id);
        return known == null ? Optional.empty() : known;
    }

    public Optional<Workflow> findActive(long id) {
        return DefinitionMemo.get("workflow", id, () -> jdbc.sql(
                        "SELECT * FROM workflow_workflow WHERE id = :id AND is_deleted = FALSE")
                .param("id", id).query(DefinitionRows::workflow).optional());
    }

    /** Serialises definition changes of one workflow across nodes: locks its row until the transaction ends. */
    public Optional<Workflow> lockActive(long id) {
        return jdbc.sql("SELECT * FROM workflow_workflow WHERE id = :id AND is_deleted = FALSE FOR UPDATE")
                .param("id", id).query(DefinitionRows::workflow).optional();
    }

    /** Non-deleted workflows among {@code ids}, in id order. */
    public List<Workflow> findActiveByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM workflow_workflow WHERE id IN (:ids) AND is_deleted = FALSE ORDER BY id")
                .param("ids", ids).query(DefinitionRows::workflow).list();
    }

    /** Number of non-deleted workflows among {@code ids} whose name contains {@code search} (null = any). */
    long countActive(Collection<Long> ids, String search) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("SELECT COUNT(*) FROM workflow_workflow WHERE id IN (:ids) AND is_deleted = FALSE"
                        + (search == null ? "" : " AND name LIKE :pattern ESCAPE '!'"))
                .param("ids", ids).params(WorkflowSqlLike.params(search)).query(Long.class).single();
    }

    /** One page of {@link #countActive}'s rows, in id order. */
    List<Workflow> pageActive(Collection<Long> ids, String search, int limit, long offset) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM workflow_workflow WHERE id IN (:ids) AND is_deleted = FALSE"
                        + (search == null ? "" : " AND name LIKE :pattern ESCAPE '!'")
                        + " ORDER BY id LIMIT :limit OFFSET :offset")
                .param("ids", ids).params(WorkflowSqlLike.params(search))
                .param("limit", limit).param("offset", offset)
                .query(DefinitionRows::workflow).list();
    }

    long insert(WorkflowInput input, String creator, LocalDateTime now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO workflow_workflow (name, description, notices, view_permission_check, limit_expression,
                  display_form_str, title_template, content_template, creator, gmt_created, gmt_modified, is_deleted)
                VALUES (:name, :description, :notices, :view, :limit, :display, :title, :content, :creator,
                  :now, :now, FALSE)""")
                .params(columns(input)).param("creator", creator).param("now", now)
                .update(keys, "id");
        return WorkflowSqlLike.generatedId(keys);
    }

    void update(long id, WorkflowInput input, LocalDateTime now) {
        jdbc.sql("""
                UPDATE workflow_workflow SET name = :name, description = :description, notices = :notices,
                  view_permission_check = :view, limit_expression = :limit, display_form_str = :display,
                  title_template = :title, content_template = :content, gmt_modified = :now
                WHERE id = :id AND is_deleted = FALSE""")
                .params(columns(input)).param("id", id).param("now", now).update();
    }

    void softDelete(long id, LocalDateTime now) {
        jdbc.sql("UPDATE workflow_workflow SET is_deleted = TRUE, gmt_modified = :now WHERE id = :id AND is_deleted = FALSE")
                .param("id", id).param("now", now).update();
    }

    private static Map<String, Object> columns(WorkflowInput input) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", input.name());
        values.put("description", input.description());
        values.put("notices", input.notices());
        values.put("view", input.viewPermissionCheck());
        values.put("limit", input.limitExpression());
        values.put("display", input.displayFormStr());
        values.put("title", input.titleTemplate());
        values.put("content", input.contentTemplate());
        return values;
    }
}
