package io.loonflow.bpmn.definition;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class WorkflowRepository {

    private final JdbcClient jdbc;

    WorkflowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Workflow> findActive(long id) {
        return jdbc.sql("SELECT * FROM workflow_workflow WHERE id = :id AND is_deleted = FALSE")
                .param("id", id).query(DefinitionRows::workflow).optional();
    }

    /** Serialises definition changes of one workflow across nodes: locks its row until the transaction ends. */
    public Optional<Workflow> lockActive(long id) {
        return jdbc.sql("SELECT * FROM workflow_workflow WHERE id = :id AND is_deleted = FALSE FOR UPDATE")
                .param("id", id).query(DefinitionRows::workflow).optional();
    }
}
