package io.loonflow.bpmn.automation.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.loonflow.bpmn.compiler.BpmnContract;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;

/**
 * Script states end to end: a script uploaded through the admin API, a workflow whose middle state runs it, a ticket
 * created over HTTP, the script job executed through the engine. The shared context's job executor also runs jobs in
 * the background, so the tests execute the job themselves when it is still there and then assert on the outcome,
 * whichever of the two ran it.
 */
class ScriptStateApiTest extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    ManagementService management;

    @Autowired
    RuntimeService runtime;

    private ApiClient admin;
    private ApiClient creator;
    private String app;
    private String adminName;

    @BeforeEach
    void callers() {
        adminName = TestData.unique("scriptadmin");
        data().user(adminName, true, true);
        app = TestData.unique("scriptapp");
        String token = data().appToken(app, "");
        admin = api().signed(app, token).username(adminName);
        String creatorName = TestData.unique("requester");
        data().user(creatorName, false, false);
        creator = api().signed(app, token).username(creatorName);
    }

    @Test
    void aScriptStateRunsTheScriptOutsideTheRequestAndMovesTheTicketOn() {
        String name = TestData.unique("check");
        long script = upload(name, """
                import time
                time.sleep(2)
                print("seen", ticket_id, action_from, ticket["days"], ticket["title"])
                """);
        Flow flow = workflow(script);
        long ticket = create(flow, 3);
        // the request came back while the two-second script cannot have finished: it runs as a job, not in the request
        assertThat(stateOf(ticket)).isEqualTo(flow.scriptState);

        runJob(ticket);
        await(() -> stateOf(ticket) == flow.end, "ticket " + ticket + " reaches the end state");

        JsonNode line = scriptLine(ticket);
        assertThat(line).as("script line of ticket %d", ticket).isNotNull();
        assertThat(line.path("suggestion").asText()).isEqualTo("seen " + ticket + " loonrobot 3 trip\n");
        assertThat(line.path("participant").asText()).isEqualTo("脚本:(id:" + script + ", name:" + name + ")");
        assertThat(line.path("state").path("state_id").asLong()).isEqualTo(flow.scriptState);
        assertThat(line.path("transition").path("transition_id").asLong()).isEqualTo(flow.done);
        assertThat(line.path("intervene_type_id").asInt()).isZero();
        // loonflow writes no separate line for the move the script's success makes
        assertThat(lines(ticket)).noneMatch(entry -> "脚本执行完成后自行流转".equals(entry.path("suggestion").asText()));
        assertThat(jobsOf(ticket)).isEmpty();
    }

    @Test
    void aFailingScriptFailsTheJobAndTheTicketStays() {
        long script = upload(TestData.unique("broken"), "raise ValueError('no approver for %d' % ticket_id)\n");
        Flow flow = workflow(script);
        long ticket = create(flow, 1);

        runJob(ticket);
        await(() -> jobsOf(ticket).stream().anyMatch(job -> job.getExceptionMessage() != null),
                "the script job of ticket " + ticket + " records its failure");

        Job job = jobsOf(ticket).get(0);
        assertThat(job.getExceptionMessage()).isEqualTo("ValueError: no approver for " + ticket);
        assertThat(job.getRetries()).isBetween(1, 2);
        assertThat(stateOf(ticket)).isEqualTo(flow.scriptState);
        assertThat(scriptLine(ticket)).isNull();
    }

    @Test
    void anInactiveScriptIsAFailureNotASilentStop() {
        long script = upload(TestData.unique("inactive"), "print('never')\n", "0");
        Flow flow = workflow(script);
        long ticket = create(flow, 1);

        runJob(ticket);
        await(() -> jobsOf(ticket).stream().anyMatch(job -> job.getExceptionMessage() != null),
                "the script job of ticket " + ticket + " records its failure");
        assertThat(jobsOf(ticket).get(0).getExceptionMessage()).endsWith("is not active");
        assertThat(stateOf(ticket)).isEqualTo(flow.scriptState);
    }

    private record Flow(long workflowId, long start, long scriptState, long end, long submit, long done) {
    }

    private Flow workflow(long scriptId) {
        ApiClient.Response created = admin.post("/api/v1.0/workflows",
                "{\"name\": \"" + TestData.unique("scripted") + "\", \"workflow_admin\": \"" + adminName + "\"}");
        assertThat(created.code()).as(created.toString()).isEqualTo(0);
        long workflowId = created.data().path("workflow_id").asLong();
        data().allowApp(app, workflowId);
        ApiClient.Response field = admin.post("/api/v1.0/workflows/" + workflowId + "/custom_fields",
                "{\"field_key\": \"days\", \"field_name\": \"days\", \"field_type_id\": 10, \"order_id\": 1,"
                        + " \"field_choice\": \"{}\"}");
        assertThat(field.code()).as(field.toString()).isEqualTo(0);
        long start = state(workflowId, "draft", 1, 0, "", "{\"title\": 2, \"days\": 2}");
        long scripted = state(workflowId, "check", 0, 6, String.valueOf(scriptId), "{}");
        long end = state(workflowId, "done", 2, 0, "", "{}");
        long submit = transition(workflowId, "submit", start, scripted);
        long done = transition(workflowId, "checked", scripted, end);
        return new Flow(workflowId, start, scripted, end, submit, done);
    }

    private long state(long workflowId, String name, int type, int participantType, String participant,
                       String fields) {
        ApiClient.Response response = admin.post("/api/v1.0/workflows/" + workflowId + "/states",
                "{\"name\": \"" + name + "\", \"order_id\": 0, \"type_id\": " + type + ", \"participant_type_id\": "
                        + participantType + ", \"participant\": " + ApiClient.quote(participant)
                        + ", \"distribute_type_id\": 1, \"state_field_str\": " + ApiClient.quote(fields)
                        + ", \"enable_retreat\": false}");
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        return response.data().path("state_id").asLong();
    }

    private long transition(long workflowId, String name, long source, long destination) {
        ApiClient.Response response = admin.post("/api/v1.0/workflows/" + workflowId + "/transitions",
                "{\"name\": \"" + name + "\", \"transition_type_id\": 1, \"source_state_id\": " + source
                        + ", \"destination_state_id\": " + destination + ", \"attribute_type_id\": 1,"
                        + " \"field_require_check\": 0, \"condition_expression\": \"[]\"}");
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        return response.data().path("value").path("transition_id").asLong();
    }

    private long upload(String name, String source) {
        return upload(name, source, "1");
    }

    private long upload(String name, String source, String active) {
        ApiClient.Response response = admin.postMultipart("/api/v1.0/workflows/run_scripts",
                Map.of("script_name", name, "script_desc", "test script", "is_active", active), "file", "s.py",
                source.getBytes(StandardCharsets.UTF_8));
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        return response.data().path("script_id").asLong();
    }

    private long create(Flow flow, int days) {
        ApiClient.Response created = creator.post("/api/v1.0/tickets", """
                {"workflow_id": %d, "transition_id": %d, "title": "trip", "days": %d, "suggestion": "go"}"""
                .formatted(flow.workflowId, flow.submit, days));
        assertThat(created.code()).as(created.toString()).isEqualTo(0);
        return created.data().path("ticket_id").asLong();
    }

    private long stateOf(long ticket) {
        return jdbc.sql("SELECT state_id FROM ticket_ticketrecord WHERE id = :id").param("id", ticket)
                .query(Long.class).single();
    }

    private List<Job> jobsOf(long ticket) {
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(BpmnContract.businessKey(ticket)).singleResult();
        return instance == null ? List.of()
                : management.createJobQuery().processInstanceId(instance.getId()).list();
    }

    /** Executes the ticket's script job unless the background job executor has already taken it. */
    private void runJob(long ticket) {
        for (Job job : jobsOf(ticket)) {
            try {
                management.executeJob(job.getId());
            } catch (RuntimeException e) {
                // the script failed (the job records it), or the background executor ran the job at the same time
            }
        }
    }

    private List<JsonNode> lines(long ticket) {
        ApiClient.Response response = creator.get("/api/v1.0/tickets/" + ticket + "/flowlogs?per_page=100");
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        List<JsonNode> lines = new ArrayList<>();
        response.data().path("value").forEach(lines::add);
        return lines;
    }

    private JsonNode scriptLine(long ticket) {
        return lines(ticket).stream().filter(line -> line.path("participant_type_id").asInt() == 6).findFirst()
                .orElse(null);
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
