package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.Test;

/**
 * Upper bounds on the SQL statements one create, handle and detail call prepares (the engine's included), counted
 * on the server with {@link TicketListSqlCounting}. Deterministic, unlike timings: a change that adds lookups to
 * the ticket path fails here. The statements are written to {@code target/sql-count/} for inspection.
 */
class TicketActionQueryCountTest extends IntegrationTest {

    /*
     * Measured on this fixture (two-state approval, one custom field; the handle ends the ticket): create 20, handle
     * 24, detail 9. Before the performance work: 58, 36, 18; the steps: app token once per request, native engine
     * look-ups, the instance started at the start state's gateway by key (no start task created and completed), the
     * end state or the state entered taken from the moving transaction instead of a task query and the engine's
     * history, the created row kept instead of read again, repeated definition reads answered from the
     * transaction's DefinitionMemo, handle reusing the row it locked, the change event carrying the written row to
     * the notice and parent listeners, the waiting task found and completed in one engine command, the
     * {@code instance} history level (no activity or task history: create -2, handle -5), a new ticket's user rows
     * inserted without looking for existing ones (create -3), the workflow's states read at once (-1 each), and
     * detail naming its state and workflow from the rows it read (-2). The bounds leave a little room for features
     * that add a write (e.g. an outbox row); raise them deliberately, with the reason, when a feature needs more.
     */
    private static final int MAX_CREATE = 22;
    private static final int MAX_HANDLE = 27;
    private static final int MAX_DETAIL = 10;
    private static final Pattern TASKS_OF_INSTANCE =
            Pattern.compile("(?i)select .*from ACT_RU_TASK \\w+ where \\w+\\.PROC_INST_ID_ = .*");

    @Test
    void createHandleAndDetailUseABoundedNumberOfStatements() throws IOException {
        TicketWorkflowFixture fixture = new TicketWorkflowFixture(api(), data());
        String creator = TestData.unique("creator");
        String approver = TestData.unique("approver");
        data().user(creator, false, false);
        data().user(approver, false, false);
        long wf = fixture.workflow(TestData.unique("count"));
        fixture.field("reason", 55, "{}");
        long start = fixture.state("draft", 1, 0, "", 1, "{\"title\": 2, \"reason\": 3}");
        long approve = fixture.state("approve", 0, 1, approver, 1, "{\"reason\": 1}");
        long end = fixture.state("done", 2, 0, "", 1, "{}");
        long submit = fixture.transition("submit", start, approve, 1, false, "[]");
        long agree = fixture.transition("agree", approve, end, 1, false, "[]");
        String createBody = "{\"workflow_id\": %d, \"transition_id\": %d, \"title\": \"t\", \"reason\": \"r\"}"
                .formatted(wf, submit);
        ApiClient asCreator = api().signed(fixture.app, fixture.token).username(creator);
        ApiClient asApprover = api().signed(fixture.app, fixture.token).username(approver);
        // a first ticket warms whatever the server caches; the counted calls are the second ones
        long first = asCreator.post("/api/v1.0/tickets", createBody).data().path("ticket_id").asLong();
        asApprover.get("/api/v1.0/tickets/" + first);
        asApprover.patch("/api/v1.0/tickets/" + first, "{\"transition_id\": " + agree + "}");

        String id = UUID.randomUUID().toString();
        ApiClient.Response created = asCreator.header(TicketListSqlCounting.HEADER, id).post("/api/v1.0/tickets", createBody);
        assertThat(created.code()).as(created.toString()).isZero();
        long ticketId = created.data().path("ticket_id").asLong();
        List<String> create = record("create", id);

        id = UUID.randomUUID().toString();
        ApiClient.Response detail = asApprover.header(TicketListSqlCounting.HEADER, id).get("/api/v1.0/tickets/" + ticketId);
        assertThat(detail.code()).as(detail.toString()).isZero();
        assertThat(detail.data().path("value").path("field_list")).isNotEmpty();
        List<String> read = record("detail", id);

        id = UUID.randomUUID().toString();
        ApiClient.Response handled = asApprover.header(TicketListSqlCounting.HEADER, id)
                .patch("/api/v1.0/tickets/" + ticketId, "{\"transition_id\": " + agree + "}");
        assertThat(handled.code()).as(handled.toString()).isZero();
        List<String> handle = record("handle", id);

        assertThat(create.size()).as("create:%n%s", String.join("\n", create)).isLessThanOrEqualTo(MAX_CREATE);
        assertThat(handle.size()).as("handle:%n%s", String.join("\n", handle)).isLessThanOrEqualTo(MAX_HANDLE);
        assertThat(read.size()).as("detail:%n%s", String.join("\n", read)).isLessThanOrEqualTo(MAX_DETAIL);
    }

    /**
     * A handle into another person's state (the usual handle) learns the state entered from the participant
     * listener, so its only question to the engine about tasks is the look-up of the task it completes.
     */
    @Test
    void aHandleIntoAnotherStateAsksForNoTaskButTheOneItCompletes() throws IOException {
        TicketWorkflowFixture fixture = new TicketWorkflowFixture(api(), data());
        TicketWorkflowFixture.ApprovalChain chain = fixture.approvalChain();
        String creator = chain.creator();
        long submit = chain.submit();
        long agree = chain.agree();
        ApiClient asApprover = api().signed(fixture.app, fixture.token).username(chain.approver());
        long first = fixture.ticket(creator, submit); // warms whatever the server caches
        asApprover.patch("/api/v1.0/tickets/" + first, "{\"transition_id\": " + agree + "}");
        long ticketId = fixture.ticket(creator, submit);

        String id = UUID.randomUUID().toString();
        ApiClient.Response handled = asApprover.header(TicketListSqlCounting.HEADER, id)
                .patch("/api/v1.0/tickets/" + ticketId, "{\"transition_id\": " + agree + "}");
        assertThat(handled.code()).as(handled.toString()).isZero();
        List<String> handle = record("handle-to-person", id);

        // any look-up of the instance's tasks, whether the engine's statement or a native query
        assertThat(handle).filteredOn(sql -> TASKS_OF_INSTANCE.matcher(sql.replaceAll("\\s+", " ")).matches()).hasSize(1);
        assertThat(handle.size()).as("handle:%n%s", String.join("\n", handle)).isLessThanOrEqualTo(MAX_HANDLE);
    }

    private static List<String> record(String name, String id) throws IOException {
        List<String> statements = TicketListSqlCounting.statements(id);
        assertThat(statements).as("statements recorded for " + name).isNotNull();
        Path out = Path.of("target", "sql-count", name + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, statements.size() + " statements\n" + String.join("\n", statements) + "\n");
        return statements;
    }
}
