package io.loonflow.bpmn.walkthrough;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/**
 * The path README and docs/api.md promise a newcomer, over real HTTP: log in as the seeded admin, define a
 * workflow, create an app token, call the signed workflow API with it, download the compiled BPMN.
 */
class NewcomerWalkthroughTest extends IntegrationTest {

    @Test
    void adminDefinesAWorkflowAndACallerUsesIt() {
        ApiClient admin = api();
        assertThat(admin.login("admin", "loonflow123").code()).isEqualTo(0);

        String workflowName = TestData.unique("leave");
        ApiClient.Response created = admin.post("/api/v1.0/workflows", """
                {"name": "%s", "description": "leave request", "view_permission_check": 1,
                 "limit_expression": "{}", "display_form_str": "[]", "workflow_admin": "admin",
                 "title_template": "", "content_template": ""}""".formatted(workflowName));
        assertThat(created.code()).as(created.toString()).isEqualTo(0);
        long workflowId = created.data().path("workflow_id").asLong();

        long start = state(admin, workflowId, "draft", 1, 1, 0, "");
        long approve = state(admin, workflowId, "manager approval", 2, 0, 5, "creator");
        long end = state(admin, workflowId, "done", 3, 2, 0, "");
        transition(admin, workflowId, "submit", start, approve, 1);
        transition(admin, workflowId, "agree", approve, end, 1);
        transition(admin, workflowId, "send back", approve, start, 2);

        String app = TestData.unique("ops");
        ApiClient.Response token = admin.post("/api/v1.0/accounts/app_token", """
                {"app_name": "%s", "ticket_sn_prefix": "ops", "workflow_ids": "%d"}""".formatted(app, workflowId));
        assertThat(token.code()).as(token.toString()).isEqualTo(0);
        String secret = null;
        for (JsonNode item : admin.get("/api/v1.0/accounts/app_token?search_value=" + app).data().path("value")) {
            if (item.path("app_name").asText().equals(app)) {
                secret = item.path("token").asText();
            }
        }
        assertThat(secret).as("token of the new app").isNotBlank();

        ApiClient caller = api().signed(app, secret).username("admin");
        ApiClient.Response list = caller.get("/api/v1.0/workflows");
        assertThat(list.code()).as(list.toString()).isEqualTo(0);
        assertThat(list.data().path("value").get(0).path("name").asText()).isEqualTo(workflowName);

        ApiClient.Response initState = caller.get("/api/v1.0/workflows/" + workflowId + "/init_state");
        assertThat(initState.code()).as(initState.toString()).isEqualTo(0);
        assertThat(initState.data().path("id").asLong()).isEqualTo(start);

        ApiClient.Response bpmn = caller.get("/api/v1.0/workflows/" + workflowId + "/bpmn");
        assertThat(bpmn.status()).isEqualTo(200);
        BpmnModelInstance model = Bpmn.readModelFromStream(
                new java.io.ByteArrayInputStream(bpmn.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Bpmn.validateModel(model);
        UserTask approval = model.getModelElementById("state_" + approve);
        assertThat(approval.getName()).isEqualTo("manager approval");
    }

    private static long state(ApiClient admin, long workflowId, String name, int order, int type,
                              int participantType, String participant) {
        ApiClient.Response response = admin.post("/api/v1.0/workflows/" + workflowId + "/states", """
                {"name": "%s", "order_id": %d, "type_id": %d, "participant_type_id": %d, "participant": "%s",
                 "distribute_type_id": 1, "state_field_str": "{}", "label": "{}"}"""
                .formatted(name, order, type, participantType, participant));
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        return response.data().path("state_id").asLong();
    }

    private static void transition(ApiClient admin, long workflowId, String name, long source, long destination,
                                   int attribute) {
        ApiClient.Response response = admin.post("/api/v1.0/workflows/" + workflowId + "/transitions", """
                {"name": "%s", "transition_type_id": 1, "source_state_id": %d, "destination_state_id": %d,
                 "attribute_type_id": %d, "field_require_check": 0, "condition_expression": "[]"}"""
                .formatted(name, source, destination, attribute));
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
    }
}
