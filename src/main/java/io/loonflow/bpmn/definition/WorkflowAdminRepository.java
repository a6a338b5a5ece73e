package io.loonflow.bpmn.definition;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code workflow_workflowadmin}: the per-workflow administrators (by username). */
@Repository
class WorkflowAdminRepository {

    record AdminRow(long id, long workflowId, String username) {
    }

    private final JdbcClient jdbc;

    WorkflowAdminRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<AdminRow> findActive(long workflowId) {
        return jdbc.sql("""
                SELECT id, workflow_id, username FROM workflow_workflowadmin
                WHERE workflow_id = :wid AND is_deleted = FALSE ORDER BY id""")
                .param("wid", workflowId)
                .query((rs, n) -> new AdminRow(rs.getLong("id"), rs.getLong("workflow_id"), rs.getString("username")))
                .list();
    }

    /** Usernames of the non-deleted admin rows of each workflow, in row order (workflows without any are absent). */
    Map<Long, List<String>> activeUsernames(Collection<Long> workflowIds) {
        Map<Long, List<String>> result = new LinkedHashMap<>();
        if (workflowIds.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                SELECT workflow_id, username FROM workflow_workflowadmin
                WHERE workflow_id IN (:ids) AND is_deleted = FALSE ORDER BY id""")
                .param("ids", workflowIds)
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("workflow_id"), id -> new ArrayList<>())
                            .add(rs.getString("username"));
                });
        return result;
    }

    void insert(long workflowId, String username, String creator, LocalDateTime now) {
        jdbc.sql("""
                INSERT INTO workflow_workflowadmin (workflow_id, username, creator, gmt_created, gmt_modified, is_deleted)
                VALUES (:wid, :username, :creator, :now, :now, FALSE)""")
                .param("wid", workflowId).param("username", username).param("creator", creator).param("now", now)
                .update();
    }

    void softDelete(long rowId, LocalDateTime now) {
        jdbc.sql("UPDATE workflow_workflowadmin SET is_deleted = TRUE, gmt_modified = :now WHERE id = :id")
                .param("id", rowId).param("now", now).update();
    }
}
