package io.loonflow.bpmn.config;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Indexes the engine's own schema lacks for the look-ups every ticket action makes, on every database Camunda 7
 * supports. Completing a task makes the engine look for its sub-tasks ({@code ACT_RU_TASK.PARENT_TASK_ID_}), so each
 * handle scanned every open task: its cost grew with the number of open tickets. Starting an instance by key looks
 * up the key's latest version ({@code ACT_RE_PROCDEF.KEY_}, twice: the row and the maximum version), so each create
 * scanned every deployed definition, and every edit of a workflow deploys one more. Created after
 * the engine has created or updated its tables (Flyway runs before the engine, so a migration cannot), once; a
 * node starting alongside another tolerates the other having just created it.
 */
@Component
class EngineIndexes extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

    record Index(String table, String name, String columns) {
    }

    static final List<Index> INDEXES = List.of(
            new Index("ACT_RU_TASK", "LF_IDX_TASK_PARENT", "PARENT_TASK_ID_"),
            new Index("ACT_RE_PROCDEF", "LF_IDX_PROCDEF_KEY_VERSION", "KEY_, VERSION_"));

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        DataSource dataSource = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getDataSource();
        try (Connection connection = dataSource.getConnection()) {
            for (Index index : INDEXES) {
                ensure(connection, index);
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("could not create the engine's missing indexes: " + e.getMessage(), e);
        }
    }

    static void ensure(Connection connection, Index index) throws SQLException {
        if (exists(connection, index)) {
            return;
        }
        // names are this class's constants, never input
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX " + index.name() + " ON " + index.table() + " (" + index.columns() + ")");
            log.info("Created index {} on {}({})", index.name(), index.table(), index.columns());
        } catch (SQLException e) {
            if (!exists(connection, index)) { // another node may have created it a moment ago
                throw e;
            }
        }
    }

    static boolean exists(Connection connection, Index index) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        for (String table : List.of(index.table(), index.table().toLowerCase())) {
            try (ResultSet indexes = metaData.getIndexInfo(connection.getCatalog(), null, table, false, true)) {
                while (indexes.next()) {
                    if (index.name().equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
