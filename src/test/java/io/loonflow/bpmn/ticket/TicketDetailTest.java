package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ticket detail (spec §4.3): handler form, display form for other readers, view permission. */
class TicketDetailTest extends IntegrationTest {

    private TicketWorkflowFixture fixture;
    private String creator;
    private String approver;
    private long submit;

    @BeforeEach
    void define() {
        fixture = new TicketWorkflowFixture(api(), data());
        creator = TestData.unique("creator");
        approver = TestData.unique("approver");
        data().user(creator, false, false);
        data().user(approver, false, false);
        fixture.workflow(TestData.unique("detail"));
        fixture.field("reason", 55, "{}");
        long start = fixture.state("draft", 1, 0, "", 1, "{\"title\": 2, \"reason\": 3}");
        long approve = fixture.state("approve", 0, 1, approver, 2,
                "{\"reason\": 1, \"sn\": 1, \"participant_info.participant_name\": 1}");
        long end = fixture.state("done", 2, 0, "", 1, "{}");
        submit = fixture.transition("submit", start, approve, 1, false, "[]");
        fixture.transition("agree", approve, end, 1, false, "[]");
    }

    private ApiClient as(String username) {
        return api().signed(fixture.app, fixture.token).username(username);
    }

    @Test
    void handlerSeesTheCurrentStatesFormInOrder() {
        long id = as(creator).post("/api/v1.0/tickets", ("{\"workflow_id\": %d, \"transition_id\": %d, \"title\": \"t\","
                + " \"reason\": \"family\"}").formatted(fixture.workflowId, submit)).data().path("ticket_id").asLong();
        ApiClient.Response response = as(approver).get("/api/v1.0/tickets/" + id);
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        JsonNode value = response.data().path("value");
        assertThat(value.path("id").asLong()).isEqualTo(id);
        assertThat(value.path("participant").asText()).isEqualTo(approver);
        List<String> keys = new ArrayList<>();
        value.path("field_list").forEach(field -> keys.add(field.path("field_key").asText()));
        assertThat(keys).containsExactly("reason", "sn", "participant_info.participant_name");
        JsonNode reason = value.path("field_list").get(0);
        assertThat(reason.path("field_value").asText()).isEqualTo("family");
        assertThat(reason.path("field_attribute").asInt()).isEqualTo(1);
        assertThat(value.path("field_list").get(2).path("field_value").asText()).isEqualTo(approver);
        assertThat(value.path("creator_info").path("username").asText()).isEqualTo(creator);
        assertThat(value.path("state_info").path("name").asText()).isEqualTo("approve");
        assertThat(value.path("state_info").path("state_field_str").isObject()).isTrue();
    }

    @Test
    void otherReadersNeedARelationWhenTheWorkflowChecksViews() {
        long id = as(creator).post("/api/v1.0/tickets", "{\"workflow_id\": %d, \"transition_id\": %d, \"title\": \"t\"}"
                .formatted(fixture.workflowId, submit)).data().path("ticket_id").asLong();
        ApiClient.Response asCreator = as(creator).get("/api/v1.0/tickets/" + id);
        assertThat(asCreator.code()).isEqualTo(0);
        assertThat(asCreator.data().path("value").path("field_list")).isEmpty(); // display form is empty

        String stranger = TestData.unique("stranger");
        data().user(stranger, false, false);
        ApiClient.Response refused = as(stranger).get("/api/v1.0/tickets/" + id);
        assertThat(refused.code()).isEqualTo(-1);
        assertThat(refused.msg()).isEqualTo(TicketViewPermission.REFUSED);

        assertThat(api().signed(fixture.app, fixture.token).get("/api/v1.0/tickets/" + id).msg())
                .isEqualTo("参数不全，请提供username");
        ApiClient.Response unknown = as(creator).get("/api/v1.0/tickets/987654321");
        assertThat(unknown.msg()).isEqualTo("ticket is not existed or has been deleted");
        assertThat(unknown.data().asText()).isEmpty();
    }
}
