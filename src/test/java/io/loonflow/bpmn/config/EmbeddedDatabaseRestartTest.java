package io.loonflow.bpmn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.loonflow.bpmn.LoonflowApplication;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The README's embedded default: an H2 file database under {@code loonflow.data-dir}. Starting twice on the same
 * directory keeps the service's rows and the engine's deployments, migrates nothing twice, and seeds the admin
 * once.
 */
class EmbeddedDatabaseRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesARestart() throws Exception {
        long workflowId;
        try (ConfigurableApplicationContext first = start()) {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            jdbc.sql("INSERT INTO workflow_workflow (name, creator) VALUES ('kept', 'admin')").update();
            workflowId = jdbc.sql("SELECT id FROM workflow_workflow WHERE name = 'kept'").query(Long.class).single();
            first.getBean(RepositoryService.class).createDeployment().name("restart-check")
                    .addModelInstance("restart_check.bpmn", Bpmn.createExecutableProcess("restart_check")
                            .startEvent().userTask("wait").endEvent().done())
                    .deploy();
        }
        assertThat(Files.list(dataDir).map(p -> p.getFileName().toString()))
                .anyMatch(name -> name.startsWith("loonflow") && name.endsWith(".db"));

        try (ConfigurableApplicationContext second = start()) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT name FROM workflow_workflow WHERE id = :id").param("id", workflowId)
                    .query(String.class).single()).isEqualTo("kept");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM account_loonuser WHERE username = 'admin'")
                    .query(Long.class).single()).isEqualTo(1L);
            assertThat(second.getBean(RepositoryService.class).createProcessDefinitionQuery()
                    .processDefinitionKey("restart_check").count()).isEqualTo(1L);
        }
    }

    private ConfigurableApplicationContext start() {
        // command-line arguments, because builder "properties" rank below application.yml
        return new SpringApplicationBuilder(LoonflowApplication.class)
                .run("--loonflow.data-dir=" + dataDir.toAbsolutePath(), "--server.port=0",
                        "--camunda.bpm.job-execution.enabled=false");
    }
}
