package io.loonflow.bpmn.definition;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class TransitionRepository {

    private final JdbcClient jdbc;

    TransitionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Transition> findActive(long id) {
        return jdbc.sql("SELECT * FROM workflow_transition WHERE id = :id AND is_deleted = FALSE")
                .param("id", id).query(DefinitionRows::transition).optional();
    }

    /** Non-deleted transitions of a workflow in id order (the order buttons and conditions are listed in). */
    public List<Transition> findActiveByWorkflow(long workflowId) {
        return jdbc.sql("SELECT * FROM workflow_transition WHERE workflow_id = :wid AND is_deleted = FALSE ORDER BY id")
                .param("wid", workflowId).query(DefinitionRows::transition).list();
    }

    public List<Transition> findActiveBySource(long sourceStateId) {
        return jdbc.sql("SELECT * FROM workflow_transition WHERE source_state_id = :sid AND is_deleted = FALSE ORDER BY id")
                .param("sid", sourceStateId).query(DefinitionRows::transition).list();
    }
}
