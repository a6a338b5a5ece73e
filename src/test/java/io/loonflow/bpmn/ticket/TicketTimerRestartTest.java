package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Date;

import io.loonflow.bpmn.LoonflowApplication;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.TestData;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A timer set before a restart fires after it (loonflow's lived in Redis and were lost): the service is stopped
 * between the ticket's arrival and the timer's due time, started again on the same database, and the timer job moves
 * the ticket. The job executor is off in both runs so the test decides when the job runs.
 */
class TicketTimerRestartTest {

    @TempDir
    Path dataDir;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void timerSurvivesARestart() {
        Date start = new Date();
        ClockUtil.setCurrentTime(start);
        long ticketId;
        long escalated;
        try (ConfigurableApplicationContext first = start()) {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            ApiClient api = new ApiClient("http://127.0.0.1:" + first.getEnvironment().getProperty("local.server.port"));
            TicketWorkflowFixture fixture = new TicketWorkflowFixture(api, new TestData(jdbc));
            String creator = TestData.unique("creator");
            String approver = TestData.unique("approver");
            new TestData(jdbc).user(creator, false, false);
            new TestData(jdbc).user(approver, false, false);
            fixture.workflow("timer across restarts");
            long draft = fixture.state("draft", 1, 0, "", 1, "{}");
            long approve = fixture.state("approve", 0, 1, approver, 1, "{}");
            escalated = fixture.state("escalated", 0, 1, fixture.adminName, 1, "{}");
            long submit = fixture.transition("submit", draft, approve, 1, false, "[]");
            ApiClient.Response timer = fixture.admin.post("/api/v1.0/workflows/" + fixture.workflowId + "/transitions",
                    "{\"name\": \"too slow\", \"transition_type_id\": 2, \"timer\": 600, \"source_state_id\": " + approve
                            + ", \"destination_state_id\": " + escalated + ", \"attribute_type_id\": 1,"
                            + " \"field_require_check\": 0, \"condition_expression\": \"[]\"}");
            assertThat(timer.code()).as(timer.toString()).isEqualTo(0);
            ApiClient.Response created = api.signed(fixture.app, fixture.token).username(creator).post(
                    "/api/v1.0/tickets", "{\"workflow_id\": %d, \"transition_id\": %d}"
                            .formatted(fixture.workflowId, submit));
            assertThat(created.code()).as(created.toString()).isEqualTo(0);
            ticketId = created.data().path("ticket_id").asLong();
        }

        ClockUtil.setCurrentTime(new Date(start.getTime() + 601_000));
        try (ConfigurableApplicationContext second = start()) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            ManagementService management = second.getBean(ManagementService.class);
            String processId = jdbc.sql("SELECT proc_inst_id FROM ticket_ticketrecord WHERE id = :id")
                    .param("id", ticketId).query(String.class).single();
            Job due = management.createJobQuery().processInstanceId(processId).timers().executable().singleResult();
            assertThat(due).as("the timer job is still there after the restart, and due").isNotNull();
            management.executeJob(due.getId());
            assertThat(jdbc.sql("SELECT state_id FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId)
                    .query(Long.class).single()).isEqualTo(escalated);
            assertThat(jdbc.sql("SELECT suggestion FROM ticket_ticketflowlog WHERE ticket_id = :id ORDER BY id DESC")
                    .param("id", ticketId).query(String.class).list().get(0)).isEqualTo("定时器流转");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LoonflowApplication.class)
                .run("--loonflow.data-dir=" + dataDir.toAbsolutePath(), "--server.port=0",
                        "--camunda.bpm.job-execution.enabled=false", "--loonflow.password-iterations=1000");
    }
}
