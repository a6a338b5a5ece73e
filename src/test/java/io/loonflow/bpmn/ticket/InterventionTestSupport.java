package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/** Shared helpers of the intervention tests: callers, the ticket row, its flow log and its engine state. */
abstract class InterventionTestSupport extends IntegrationTest {

    @Autowired
    ProcessEngine engine;

    TicketWorkflowFixture fixture;

    @BeforeEach
    void initEngineAssertions() {
        BpmnAwareTests.init(engine);
        fixture = new TicketWorkflowFixture(api(), data());
    }

    String user(String prefix) {
        String name = TestData.unique(prefix);
        data().user(name, false, false);
        return name;
    }

    /** A non-super-admin user listed as an admin of the fixture's workflow. */
    String manager() {
        String name = user("manager");
        jdbc.sql("INSERT INTO workflow_workflowadmin (workflow_id, username, creator) VALUES (:w, :u, 'test')")
                .param("w", fixture.workflowId).param("u", name).update();
        return name;
    }

    ApiClient as(String username) {
        return api().signed(fixture.app, fixture.token).username(username);
    }

    long create(String creator, long transitionId, String extraJson) {
        ApiClient.Response created = as(creator).post("/api/v1.0/tickets",
                "{\"workflow_id\": %d, \"transition_id\": %d, \"title\": \"t\"%s}"
                        .formatted(fixture.workflowId, transitionId, extraJson.isEmpty() ? "" : ", " + extraJson));
        assertThat(created.code()).as(created.toString()).isEqualTo(0);
        return created.data().path("ticket_id").asLong();
    }

    ApiClient.Response handle(String username, long ticketId, long transitionId) {
        return as(username).patch("/api/v1.0/tickets/" + ticketId, "{\"transition_id\": " + transitionId + "}");
    }

    static void ok(ApiClient.Response response) {
        assertThat(response.code()).as(response.toString()).isZero();
    }

    static void refused(ApiClient.Response response, String msg) {
        assertThat(response.code()).as(response.toString()).isEqualTo(-1);
        assertThat(response.msg()).isEqualTo(msg);
    }

    Map<String, Object> row(long ticketId) {
        return jdbc.sql("SELECT * FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId).query().singleRow();
    }

    Object column(long ticketId, String column) {
        Map<String, Object> row = row(ticketId);
        return row.get(row.containsKey(column) ? column : column.toUpperCase());
    }

    long stateOf(long ticketId) {
        return ((Number) column(ticketId, "state_id")).longValue();
    }

    String participant(long ticketId) {
        return (String) column(ticketId, "participant");
    }

    int participantType(long ticketId) {
        return ((Number) column(ticketId, "participant_type_id")).intValue();
    }

    int act(long ticketId) {
        return ((Number) column(ticketId, "act_state_id")).intValue();
    }

    String processId(long ticketId) {
        return (String) column(ticketId, "proc_inst_id");
    }

    ProcessInstance process(long ticketId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processId(ticketId))
                .singleResult();
    }

    Task task(long ticketId) {
        return engine.getTaskService().createTaskQuery().processInstanceId(processId(ticketId)).singleResult();
    }

    List<String> candidates(Task task) {
        List<String> users = new ArrayList<>();
        engine.getTaskService().getIdentityLinksForTask(task.getId()).forEach(link -> {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getUserId() != null) {
                users.add(link.getUserId());
            }
        });
        return users;
    }

    List<String> inProcess(long ticketId) {
        return jdbc.sql("SELECT username FROM ticket_ticketuser WHERE ticket_id = :id AND in_process = TRUE"
                        + " ORDER BY id")
                .param("id", ticketId).query(String.class).list();
    }

    /** The newest flow-log line of the ticket. */
    Map<String, Object> lastLog(long ticketId) {
        return jdbc.sql("SELECT * FROM ticket_ticketflowlog WHERE ticket_id = :id ORDER BY id DESC LIMIT 1")
                .param("id", ticketId).query().singleRow();
    }

    long logCount(long ticketId, int interveneTypeId) {
        return jdbc.sql("SELECT COUNT(*) FROM ticket_ticketflowlog WHERE ticket_id = :id AND intervene_type_id = :t")
                .param("id", ticketId).param("t", interveneTypeId).query(Long.class).single();
    }

    static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    /** Runs the actions at the same moment on separate threads; returns their responses in order. */
    static List<ApiClient.Response> simultaneously(List<Callable<ApiClient.Response>> actions) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(actions.size());
        try {
            List<Future<ApiClient.Response>> futures = new ArrayList<>();
            for (Callable<ApiClient.Response> action : actions) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return action.call();
                }));
            }
            go.countDown();
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdown();
        }
    }
}
