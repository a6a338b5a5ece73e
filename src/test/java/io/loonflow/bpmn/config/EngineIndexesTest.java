package io.loonflow.bpmn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestDatabase;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The engine's missing indexes exist after start and serve their look-ups; a missing one is created again. */
class EngineIndexesTest extends IntegrationTest {

    private static final EngineIndexes.Index PARENT_TASK = EngineIndexes.INDEXES.get(0);

    @Autowired
    DataSource dataSource;

    @Autowired
    ProcessEngine engine;

    @Test
    void everyIndexExistsAfterStart() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            for (EngineIndexes.Index index : EngineIndexes.INDEXES) {
                assertThat(EngineIndexes.exists(connection, index)).as(index.name()).isTrue();
            }
        }
    }

    /** Camunda's look-up of a key's latest version (selectLatestProcessDefinitionByKeyWithoutTenantId). */
    @Test
    void theLatestVersionLookUpCanUseTheKeyIndex() throws Exception {
        String latest = """
                SELECT * FROM ACT_RE_PROCDEF RES WHERE KEY_ = 'loonflow_workflow_1' AND TENANT_ID_ IS NULL
                AND VERSION_ = (SELECT MAX(VERSION_) FROM ACT_RE_PROCDEF
                                WHERE KEY_ = 'loonflow_workflow_1' AND TENANT_ID_ IS NULL)""";
        List<String> plan = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("EXPLAIN " + latest)) {
            while (rows.next()) {
                // H2: the plan as text; MariaDB: one row per table read, the usable indexes in possible_keys
                plan.add(TestDatabase.isMariaDb() ? rows.getString("possible_keys") : rows.getString(1));
            }
        }
        assertThat(plan).isNotEmpty().allSatisfy(step -> assertThat(step).contains("LF_IDX_PROCDEF_KEY_VERSION"));
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
