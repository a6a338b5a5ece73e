package io.loonflow.bpmn.definition;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class StateRepository {

    private final JdbcClient jdbc;

    StateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<State> findActive(long id) {
        return jdbc.sql("SELECT * FROM workflow_state WHERE id = :id AND is_deleted = FALSE")
                .param("id", id).query(DefinitionRows::state).optional();
    }

    /** Non-deleted states of a workflow in display order ({@code order_id}, then id). */
    public List<State> findActiveByWorkflow(long workflowId) {
        return jdbc.sql("SELECT * FROM workflow_state WHERE workflow_id = :wid AND is_deleted = FALSE ORDER BY order_id, id")
                .param("wid", workflowId).query(DefinitionRows::state).list();
    }
}
