package io.loonflow.bpmn.definition;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CustomFieldRepository {

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
        return jdbc.sql("SELECT * FROM workflow_customfield WHERE workflow_id = :wid AND is_deleted = FALSE ORDER BY order_id, id")
                .param("wid", workflowId).query(DefinitionRows::customField).list();
    }
}
