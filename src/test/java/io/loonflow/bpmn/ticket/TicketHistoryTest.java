package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The flow log (spec §4.7) and the step view (§4.8) of tickets run through the engine. */
class TicketHistoryTest extends IntegrationTest {

    private TicketWorkflowFixture fixture;
    private String creator;
    private String approver;
    private long start;
    private long approve;
    private long end;
    private long submit;
    private long agree;

    @BeforeEach
    void define() {
        fixture = new TicketWorkflowFixture(api(), data());
        creator = TestData.unique("creator");
        approver = TestData.unique("approver");
        data().user(creator, false, false);
        data().user(approver, false, false);
        fixture.workflow(TestData.unique("history"));
        start = fixture.state("draft", 1, 0, "", 1, "{\"title\": 3}");
        approve = fixture.state("approve", 0, 1, approver, 2, "{}");
        end = fixture.state("done", 2, 0, "", 1, "{}");
        submit = fixture.transition("submit", start, approve, 1, false, "[]");
        agree = fixture.transition("agree", approve, end, 1, false, "[]");
    }

    private ApiClient as(String username) {
        return api().signed(fixture.app, fixture.token).username(username);
    }

    private long finishedTicket() {
        long id = as(creator).post("/api/v1.0/tickets", "{\"workflow_id\": %d, \"transition_id\": %d, \"title\": \"t\"}"
                .formatted(fixture.workflowId, submit)).data().path("ticket_id").asLong();
        assertThat(as(approver).patch("/api/v1.0/tickets/" + id, "{\"transition_id\": %d, \"suggestion\": \"fine\"}"
                .formatted(agree)).code()).isEqualTo(0);
        return id;
    }

    @Test
    void flowLogListsLinesNewestFirstWithNamesAndPaging() {
        long id = finishedTicket();
        ApiClient.Response response = as(creator).get("/api/v1.0/tickets/" + id + "/flowlogs");
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        JsonNode data = response.data();
        assertThat(data.path("total").asLong()).isEqualTo(2);
        JsonNode newest = data.path("value").get(0);
        assertThat(newest.path("transition").path("transition_id").asLong()).isEqualTo(agree);
        assertThat(newest.path("transition").path("transition_name").asText()).isEqualTo("agree");
        assertThat(newest.path("state").path("state_id").asLong()).isEqualTo(approve);
        assertThat(newest.path("state").path("state_name").asText()).isEqualTo("approve");
        assertThat(newest.path("participant").asText()).isEqualTo(approver);
        assertThat(newest.path("participant_info").path("participant_alias").asText()).isEqualTo(approver);
        assertThat(newest.path("suggestion").asText()).isEqualTo("fine");
        assertThat(newest.has("ticket_data")).isFalse();
        assertThat(newest.fieldNames()).toIterable().containsExactly("id", "ticket_id", "state", "transition",
                "intervene_type_id", "participant_type_id", "participant", "participant_info", "suggestion",
                "gmt_created");

        JsonNode withData = as(creator).get("/api/v1.0/tickets/" + id + "/flowlogs?ticket_data=1&per_page=1&page=2")
                .data();
        assertThat(withData.path("value")).hasSize(1);
        assertThat(withData.path("page").asInt()).isEqualTo(2);
        JsonNode oldest = withData.path("value").get(0);
        assertThat(oldest.path("transition").path("transition_id").asLong()).isEqualTo(submit);
        assertThat(oldest.path("ticket_data").path("state_id").asLong()).isEqualTo(approve);
        assertThat(oldest.path("ticket_data").path("title").asText()).isEqualTo("t");
    }

    @Test
    void flowStepsGroupLinesUnderTheirStates() {
        long id = finishedTicket();
        JsonNode data = as(creator).get("/api/v1.0/tickets/" + id + "/flowsteps").data();
        assertThat(data.path("current_state_id").asLong()).isEqualTo(end);
        JsonNode steps = data.path("value");
        assertThat(steps).hasSize(3);
        for (JsonNode step : steps) {
            long state = step.path("state_id").asLong();
            int lines = step.path("state_flow_log_list").size();
            assertThat(lines).isEqualTo(state == end ? 0 : 1);
        }
    }

    @Test
    void strangersCannotReadTheHistoryOfACheckedWorkflow() {
        long id = finishedTicket();
        String stranger = TestData.unique("stranger");
        data().user(stranger, false, false);
        ApiClient.Response refused = as(stranger).get("/api/v1.0/tickets/" + id + "/flowlogs");
        assertThat(refused.code()).isEqualTo(-1);
        assertThat(refused.msg()).isEqualTo(TicketViewPermission.REFUSED);
        assertThat(as(stranger).get("/api/v1.0/tickets/" + id + "/flowsteps").code()).isEqualTo(-1);
        assertThat(as(creator).get("/api/v1.0/tickets/" + id + "/flowlogs?per_page=abc").msg())
                .contains("per_page");
        assertThat(api().signed(fixture.app, fixture.token).get("/api/v1.0/tickets/" + id + "/flowlogs").msg())
                .isEqualTo("参数不全，请提供username");
    }
}
