package io.loonflow.bpmn.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.loonflow.bpmn.LoonflowApplication;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.TestData;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A hook call due when the service stops is made after it starts again (loonflow's Celery task could be lost with
 * its Redis queue): the ticket enters the hook state, the service stops before the job runs, and the next start on
 * the same database calls the hook and moves the ticket on. The job executor is off so the test decides when the
 * job runs, as a crash right after the commit would leave it.
 */
class HookRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void hookCallSurvivesARestart() throws Exception {
        try (HookTarget target = new HookTarget()) {
            target.on("/hook", HookTarget.Answer.json(200, "{\"code\": 0, \"msg\": \"done\"}"));
            long ticketId;
            long done;
            try (ConfigurableApplicationContext first = start()) {
                JdbcClient jdbc = first.getBean(JdbcClient.class);
                ApiClient api = new ApiClient("http://127.0.0.1:" + first.getEnvironment().getProperty("local.server.port"));
                HookWorkflowFixture flow = new HookWorkflowFixture(api, new TestData(jdbc), target.url("/hook"), "tok",
                        false, null);
                ApiClient.Response created = flow.as(api, flow.creator).post("/api/v1.0/tickets",
                        "{\"workflow_id\": %d, \"transition_id\": %d, \"title\": \"t\"}"
                                .formatted(flow.workflowId, flow.submit));
                assertThat(created.code()).as(created.toString()).isEqualTo(0);
                ticketId = created.data().path("ticket_id").asLong();
                done = flow.done;
                assertThat(target.requests("/hook")).isEmpty();
            }

            try (ConfigurableApplicationContext second = start()) {
                JdbcClient jdbc = second.getBean(JdbcClient.class);
                ManagementService management = second.getBean(ManagementService.class);
                String processId = jdbc.sql("SELECT proc_inst_id FROM ticket_ticketrecord WHERE id = :id")
                        .param("id", ticketId).query(String.class).single();
                Job hookJob = management.createJobQuery().processInstanceId(processId).executable().singleResult();
                assertThat(hookJob).as("the hook job is still due after the restart").isNotNull();
                management.executeJob(hookJob.getId());
                assertThat(target.requests("/hook")).hasSize(1);
                assertThat(jdbc.sql("SELECT state_id FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId)
                        .query(Long.class).single()).isEqualTo(done);
            }
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LoonflowApplication.class)
                .run("--loonflow.data-dir=" + dataDir.toAbsolutePath(), "--server.port=0",
                        "--camunda.bpm.job-execution.enabled=false", "--loonflow.password-iterations=1000",
                        "--loonflow.notices.dispatch-enabled=false");
    }
}
