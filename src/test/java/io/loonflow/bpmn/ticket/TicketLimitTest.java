package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.Test;

/** A workflow's limit_expression (spec §5.18) on ticket creation, with loonflow's counting bugs fixed. */
class TicketLimitTest extends IntegrationTest {

    private TicketWorkflowFixture fixture;
    private long submit;

    private void define(String limitExpression) {
        fixture = new TicketWorkflowFixture(api(), data());
        fixture.workflow(TestData.unique("limited"));
        ApiClient.Response edited = fixture.admin.patch("/api/v1.0/workflows/" + fixture.workflowId,
                "{\"name\": \"limited\", \"limit_expression\": " + ApiClient.quote(limitExpression)
                        + ", \"workflow_admin\": \"" + fixture.adminName + "\"}");
        assertThat(edited.code()).as(edited.toString()).isEqualTo(0);
        long start = fixture.state("draft", 1, 0, "", 1, "{}");
        long end = fixture.state("done", 2, 0, "", 1, "{}");
        submit = fixture.transition("submit", start, end, 1, false, "[]");
    }

    private ApiClient.Response create(String username) {
        return api().signed(fixture.app, fixture.token).username(username).post("/api/v1.0/tickets",
                "{\"workflow_id\": %d, \"transition_id\": %d, \"title\": \"t\"}".formatted(fixture.workflowId, submit));
    }

    @Test
    void perUserCountAllowsExactlyCountTicketsPerPeriod() {
        define("{\"period\": 24, \"level\": 1, \"count\": 2}");
        String user = TestData.unique("user");
        data().user(user, false, false);
        String other = TestData.unique("other");
        data().user(other, false, false);
        assertThat(create(user).code()).isEqualTo(0);
        assertThat(create(user).code()).isEqualTo(0);
        ApiClient.Response third = create(user);
        assertThat(third.code()).isEqualTo(-1);
        assertThat(third.msg()).isEqualTo("2 tickets can be created in 24 hours by each user");
        assertThat(create(other).code()).isEqualTo(0);
    }

    @Test
    void globalLevelCountsEveryonesTickets() {
        define("{\"period\": 1, \"level\": 2, \"count\": 1}");
        String first = TestData.unique("first");
        String second = TestData.unique("second");
        data().user(first, false, false);
        data().user(second, false, false);
        assertThat(create(first).code()).isEqualTo(0);
        assertThat(create(second).msg()).isEqualTo("1 tickets can be created in 1 hours for this workflow");
    }

    @Test
    void allowPersonsRefusesOthersWithAMessage() {
        String allowed = TestData.unique("allowed");
        String refused = TestData.unique("refused");
        data().user(allowed, false, false);
        data().user(refused, false, false);
        define("{\"allow_persons\": \"" + allowed + "\"}");
        assertThat(create(allowed).code()).isEqualTo(0);
        assertThat(create(refused).msg()).isEqualTo(refused + " is not in allow persons");
    }
}
