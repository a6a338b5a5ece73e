package io.loonflow.bpmn.definition;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class WorkflowScriptRepository {

    private static final String SEARCH = " AND (name LIKE :pattern ESCAPE '!' OR description LIKE :pattern ESCAPE '!')";
    private static final String LIST_COLUMNS =
            "id, name, saved_name, NULL AS content, description, is_active, creator, gmt_created, gmt_modified, is_deleted";

    private final JdbcClient jdbc;

    WorkflowScriptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A non-deleted script with its text (active or not). */
    public Optional<WorkflowScript> findActive(long id) {
        return jdbc.sql("SELECT * FROM workflow_workflowscript WHERE id = :id AND is_deleted = FALSE")
                .param("id", id).query(WorkflowScriptRepository::row).optional();
    }

    long countActive(String search) {
        return jdbc.sql("SELECT COUNT(*) FROM workflow_workflowscript WHERE is_deleted = FALSE"
                        + (search == null ? "" : SEARCH))
                .params(WorkflowSqlLike.params(search)).query(Long.class).single();
    }

    /** One page of scripts in id order, without their text. */
    List<WorkflowScript> pageActive(String search, int limit, long offset) {
        return jdbc.sql("SELECT " + LIST_COLUMNS + " FROM workflow_workflowscript WHERE is_deleted = FALSE"
                        + (search == null ? "" : SEARCH) + " ORDER BY id LIMIT :limit OFFSET :offset")
                .params(WorkflowSqlLike.params(search)).param("limit", limit).param("offset", offset)
                .query(WorkflowScriptRepository::row).list();
    }

    long insert(String name, String description, boolean active, String savedName, String content, String creator,
                LocalDateTime now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO workflow_workflowscript (name, saved_name, content, description, is_active, creator,
                  gmt_created, gmt_modified, is_deleted)
                VALUES (:name, :savedName, :content, :description, :active, :creator, :now, :now, FALSE)""")
                .param("name", name).param("savedName", savedName).param("content", content)
                .param("description", description).param("active", active).param("creator", creator)
                .param("now", now).update(keys, "id");
        return WorkflowSqlLike.generatedId(keys);
    }

    /** Name, description and active flag; the text and saved name only when a new file came with the update. */
    boolean update(long id, String name, String description, boolean active, String savedName, String content,
                   LocalDateTime now) {
        return jdbc.sql("UPDATE workflow_workflowscript SET name = :name, description = :description,"
                        + " is_active = :active, gmt_modified = :now"
                        + (content == null ? "" : ", saved_name = :savedName, content = :content")
                        + " WHERE id = :id AND is_deleted = FALSE")
                .param("id", id).param("name", name).param("description", description).param("active", active)
                .param("now", now).params(content == null ? Map.of()
                        : Map.of("savedName", savedName, "content", content))
                .update() > 0;
    }

    boolean softDelete(long id, LocalDateTime now) {
        return jdbc.sql("UPDATE workflow_workflowscript SET is_deleted = TRUE, gmt_modified = :now WHERE id = :id AND is_deleted = FALSE")
                .param("id", id).param("now", now).update() > 0;
    }

    /** Ids of live states of live workflows whose participant is this script (participant type 6). */
    List<Long> statesUsing(long scriptId) {
        return jdbc.sql("""
                SELECT s.id FROM workflow_state s JOIN workflow_workflow w ON w.id = s.workflow_id
                WHERE s.participant_type_id = 6 AND TRIM(s.participant) = :script
                  AND s.is_deleted = FALSE AND w.is_deleted = FALSE ORDER BY s.id""")
                .param("script", String.valueOf(scriptId)).query(Long.class).list();
    }

    private static WorkflowScript row(ResultSet rs, int n) throws SQLException {
        return new WorkflowScript(rs.getLong("id"), DefinitionRows.text(rs, "name"), DefinitionRows.text(rs, "saved_name"),
                rs.getString("content"), rs.getString("description"), rs.getBoolean("is_active"),
                DefinitionRows.text(rs, "creator"), DefinitionRows.time(rs, "gmt_created"),
                DefinitionRows.time(rs, "gmt_modified"), rs.getBoolean("is_deleted"));
    }
}
