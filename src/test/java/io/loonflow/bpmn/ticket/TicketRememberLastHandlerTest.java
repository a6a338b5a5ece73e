package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.Test;

/** A state with remember_last_man_enable goes back to the person who last acted in it (spec §5.3). */
class TicketRememberLastHandlerTest extends IntegrationTest {

    @Test
    void aTicketSentBackReturnsToTheApproverWhoHandledItBefore() {
        TicketWorkflowFixture fixture = new TicketWorkflowFixture(api(), data());
        String creator = TestData.unique("creator");
        String first = TestData.unique("first");
        String second = TestData.unique("second");
        for (String user : new String[] {creator, first, second}) {
            data().user(user, false, false);
        }
        fixture.workflow(TestData.unique("remember"));
        long start = fixture.state("draft", 1, 0, "", 1, "{}");
        long review = fixture.state("review", 0, 2, first + "," + second, 2, "{}");
        long end = fixture.state("done", 2, 0, "", 1, "{}");
        jdbc.sql("UPDATE workflow_state SET remember_last_man_enable = TRUE WHERE id = :id").param("id", review).update();
        long submit = fixture.transition("submit", start, review, 1, false, "[]");
        long back = fixture.transition("back", review, start, 2, false, "[]");
        fixture.transition("agree", review, end, 1, false, "[]");

        ApiClient asCreator = api().signed(fixture.app, fixture.token).username(creator);
        long id = asCreator.post("/api/v1.0/tickets", "{\"workflow_id\": %d, \"transition_id\": %d, \"title\": \"t\"}"
                .formatted(fixture.workflowId, submit)).data().path("ticket_id").asLong();
        assertThat(participant(id)).isEqualTo(first + "," + second);

        ApiClient asSecond = api().signed(fixture.app, fixture.token).username(second);
        assertThat(asSecond.patch("/api/v1.0/tickets/" + id, "{\"transition_id\": " + back + "}").code()).isEqualTo(0);
        assertThat(asCreator.patch("/api/v1.0/tickets/" + id, "{\"transition_id\": " + submit + "}").code())
                .isEqualTo(0);
        assertThat(participant(id)).isEqualTo(second);
    }

    private String participant(long ticketId) {
        return jdbc.sql("SELECT participant FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId)
                .query(String.class).single();
    }
}
