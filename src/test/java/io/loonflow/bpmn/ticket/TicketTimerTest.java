package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Timer transitions (spec §5.12) are boundary timer jobs: due after the configured seconds in the source state,
 * fired by the job executor as a robot handle that the ticket row follows, cancelled when the ticket leaves the
 * state, and never offered as buttons. Jobs are driven through the engine (its clock, executeJob), never by sleeping.
 */
class TicketTimerTest extends IntegrationTest {

    private static final int ONE_HOUR = 3600;

    /**
     * Records the TicketChanged events. Added to the shared context for each test and removed after it: a test
     * configuration would make a second context on the same in-memory database, whose job executor would run the
     * jobs of the classes that pause theirs.
     */
    static final class Events implements ApplicationListener<ApplicationEvent> {
        final List<TicketChanged> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof TicketChanged c) {
                seen.add(c);
            }
        }
    }

    @Autowired
    ProcessEngine engine;
    @Autowired
    ConfigurableApplicationContext context;

    private final Events events = new Events();

    private TicketWorkflowFixture fixture;
    private String creator;
    private String approver;
    private String director;
    private long approve;
    private long escalated;
    private long end;
    private long submit;
    private long agree;
    private long escalate;

    @BeforeEach
    void defineWorkflowWithTimer() {
        context.addApplicationListener(events);
        BpmnAwareTests.init(engine);
        fixture = new TicketWorkflowFixture(api(), data());
        creator = TestData.unique("creator");
        approver = TestData.unique("approver");
        director = TestData.unique("director");
        data().user(creator, false, false);
        data().user(approver, false, false);
        data().user(director, false, false);
        fixture.workflow(TestData.unique("timer"));
        long start = fixture.state("draft", 1, 0, "", 1, "{}");
        approve = fixture.state("approve", 0, 1, approver, 2, "{}");
        escalated = fixture.state("director", 0, 1, director, 2, "{}");
        end = fixture.state("done", 2, 0, "", 1, "{}");
        submit = fixture.transition("submit", start, approve, 1, false, "[]");
        agree = fixture.transition("agree", approve, end, 1, false, "[]");
        escalate = timerTransition("escalate", approve, escalated, ONE_HOUR);
        fixture.transition("director agrees", escalated, end, 1, false, "[]");
    }

    @AfterEach
    void resetClockAndListener() {
        ClockUtil.reset();
        context.removeApplicationListener(events);
    }

    private long timerTransition(String name, long source, long destination, int seconds) {
        ApiClient.Response response = fixture.admin.post("/api/v1.0/workflows/" + fixture.workflowId + "/transitions",
                "{\"name\": \"" + name + "\", \"transition_type_id\": 2, \"timer\": " + seconds
                        + ", \"source_state_id\": " + source + ", \"destination_state_id\": " + destination
                        + ", \"attribute_type_id\": 1, \"field_require_check\": 0, \"condition_expression\": \"[]\"}");
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        return response.data().path("value").path("transition_id").asLong();
    }

    private ApiClient as(String username) {
        return api().signed(fixture.app, fixture.token).username(username);
    }

    private long create() {
        ApiClient.Response created = as(creator).post("/api/v1.0/tickets",
                "{\"workflow_id\": %d, \"transition_id\": %d, \"title\": \"t\"}".formatted(fixture.workflowId, submit));
        assertThat(created.code()).as(created.toString()).isEqualTo(0);
        return created.data().path("ticket_id").asLong();
    }

    private String processId(long ticketId) {
        return jdbc.sql("SELECT proc_inst_id FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId)
                .query(String.class).single();
    }

    private Map<String, Object> row(long ticketId) {
        return jdbc.sql("SELECT state_id, participant, participant_type_id, act_state_id FROM ticket_ticketrecord"
                + " WHERE id = :id").param("id", ticketId).query().singleRow();
    }

    private List<Job> timers(long ticketId) {
        return engine.getManagementService().createJobQuery().processInstanceId(processId(ticketId)).timers().list();
    }

    @Test
    void timerFiresAfterItsSecondsAndTheTicketFollowsAsARobotHandle() {
        Date created = new Date();
        ClockUtil.setCurrentTime(created);
        long ticketId = create();
        List<Job> timers = timers(ticketId);
        assertThat(timers).hasSize(1);
        assertThat(timers.get(0).getDuedate().getTime() - created.getTime()).isBetween(ONE_HOUR * 1000L - 2000,
                ONE_HOUR * 1000L + 2000);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(processId(ticketId))
                .executable().count()).isZero();

        ClockUtil.setCurrentTime(new Date(created.getTime() + (ONE_HOUR + 1) * 1000L));
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(processId(ticketId))
                .executable().count()).isEqualTo(1);
        events.seen.clear();
        engine.getManagementService().executeJob(timers.get(0).getId());

        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(processId(ticketId)).singleResult();
        assertThat(instance).isWaitingAt("state_" + escalated);
        Map<String, Object> row = row(ticketId);
        assertThat(((Number) row.get("state_id")).longValue()).isEqualTo(escalated);
        assertThat(row.get("participant")).isEqualTo(director);
        assertThat(((Number) row.get("act_state_id")).intValue()).isEqualTo(Ticket.ACT_ONGOING);
        Map<String, Object> line = jdbc.sql("SELECT transition_id, state_id, participant, creator, suggestion"
                + " FROM ticket_ticketflowlog WHERE ticket_id = :id ORDER BY id DESC").param("id", ticketId)
                .query().listOfRows().get(0);
        assertThat(((Number) line.get("transition_id")).longValue()).isEqualTo(escalate);
        assertThat(((Number) line.get("state_id")).longValue()).isEqualTo(approve);
        assertThat(line.get("participant")).isEqualTo("loonrobot");
        assertThat(line.get("creator")).isEqualTo("loonrobot");
        assertThat(line.get("suggestion")).isEqualTo("定时器流转");
        assertThat(events.seen).anyMatch(e -> e.ticketId() == ticketId && e.action() == TicketChanged.Action.HANDLE);
        assertThat(jdbc.sql("SELECT username FROM ticket_ticketuser WHERE ticket_id = :id AND in_process = TRUE")
                .param("id", ticketId).query(String.class).list()).containsExactly(director);

        // the director handles it like any other ticket afterwards
        ApiClient.Response handled = as(director).patch("/api/v1.0/tickets/" + ticketId,
                "{\"transition_id\": " + as(director).get("/api/v1.0/tickets/" + ticketId + "/transitions").data()
                        .path("value").get(0).path("transition_id").asLong() + "}");
        assertThat(handled.code()).as(handled.toString()).isEqualTo(0);
        assertThat(((Number) row(ticketId).get("state_id")).longValue()).isEqualTo(end);
    }

    @Test
    void leavingTheStateCancelsItsTimer() {
        long ticketId = create();
        assertThat(timers(ticketId)).hasSize(1);
        ApiClient.Response handled = as(approver).patch("/api/v1.0/tickets/" + ticketId,
                "{\"transition_id\": " + agree + "}");
        assertThat(handled.code()).as(handled.toString()).isEqualTo(0);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(processId(ticketId)).count())
                .isZero();
        assertThat(((Number) row(ticketId).get("state_id")).longValue()).isEqualTo(end);
    }

    @Test
    void timerTransitionsAreNotButtons() {
        long ticketId = create();
        var buttons = as(approver).get("/api/v1.0/tickets/" + ticketId + "/transitions").data().path("value");
        assertThat(buttons).hasSize(1);
        assertThat(buttons.get(0).path("transition_id").asLong()).isEqualTo(agree);
        ApiClient.Response refused = as(approver).patch("/api/v1.0/tickets/" + ticketId,
                "{\"transition_id\": " + escalate + "}");
        assertThat(refused.code()).isEqualTo(-1);
    }

    @Test
    void aFailingTimerMoveLeavesTicketAndEngineUntouched() {
        long ticketId = create();
        Job timer = timers(ticketId).get(0);
        // the destination now resolves to nobody (a department without members): the whole job rolls back
        jdbc.sql("UPDATE workflow_state SET participant_type_id = 3, participant = '987654321' WHERE id = :id")
                .param("id", escalated).update();
        try {
            engine.getManagementService().executeJob(timer.getId());
        } catch (RuntimeException expected) {
            // the engine reports the failure and keeps the job for a retry
        } finally {
            jdbc.sql("UPDATE workflow_state SET participant_type_id = 1, participant = :u WHERE id = :id")
                    .param("u", director).param("id", escalated).update();
        }
        assertThat(engine.getManagementService().createJobQuery().jobId(timer.getId()).singleResult().getRetries())
                .isLessThan(timer.getRetries());
        assertThat(((Number) row(ticketId).get("state_id")).longValue()).isEqualTo(approve);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processId(ticketId))
                .singleResult()).isWaitingAt("state_" + approve);
    }
}
