package io.loonflow.bpmn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestDatabase;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The index on the engine's sub-task look-up exists after start, and a missing one is created again. */
class EngineIndexesTest extends IntegrationTest {

    private static final EngineIndexes.Index PARENT_TASK = EngineIndexes.INDEXES.get(0);

    @Autowired
    DataSource dataSource;

    @Autowired
    ProcessEngine engine;

    @Test
    void theSubTaskLookUpIsIndexedAfterStart() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(EngineIndexes.exists(connection, PARENT_TASK)).isTrue();
        }
    }

    @Test
    void aMissingIndexIsCreatedAndAPresentOneIsLeftAlone() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(TestDatabase.isMariaDb()
                        ? "DROP INDEX " + PARENT_TASK.name() + " ON " + PARENT_TASK.table()
                        : "DROP INDEX " + PARENT_TASK.name());
            }
            assertThat(EngineIndexes.exists(connection, PARENT_TASK)).isFalse();

            new EngineIndexes().postProcessEngineBuild(engine);
            new EngineIndexes().postProcessEngineBuild(engine);

            assertThat(EngineIndexes.exists(connection, PARENT_TASK)).isTrue();
        }
    }
}
