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

    /** Camunda 7.24's look-up of a key's latest version when an instance starts by key (selectLatestProcessDefinitionByKey). */
    @Test
    void theLatestVersionLookUpCanUseTheKeyIndex() throws Exception {
        String latest = """
                SELECT * FROM ACT_RE_PROCDEF p1
                INNER JOIN (SELECT KEY_, TENANT_ID_, MAX(VERSION_) AS MAX_VERSION FROM ACT_RE_PROCDEF RES
                            WHERE KEY_ = 'loonflow_1' GROUP BY TENANT_ID_, KEY_) p2
                ON p1.KEY_ = p2.KEY_
                WHERE p1.VERSION_ = p2.MAX_VERSION
                AND (p1.TENANT_ID_ = p2.TENANT_ID_ OR (p1.TENANT_ID_ IS NULL AND p2.TENANT_ID_ IS NULL))""";
        List<String> plan = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("EXPLAIN " + latest)) {
            while (rows.next()) {
                if (!TestDatabase.isMariaDb()) {
                    plan.add(rows.getString(1)); // the plan as text, index names in comments per table read
                } else if (List.of("p1", "RES").contains(rows.getString("table"))) {
                    plan.add(String.valueOf(rows.getString("possible_keys"))); // the derived table's row has its own
                }
            }
        }
        assertThat(plan).isNotEmpty().allSatisfy(step -> assertThat(step).contains("LF_IDX_PROCDEF_KEY_VERSION"));
        if (!TestDatabase.isMariaDb()) { // both reads of ACT_RE_PROCDEF, the version's and the row's
            assertThat(plan.get(0).split("LF_IDX_PROCDEF_KEY_VERSION", -1)).hasSize(3);
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
