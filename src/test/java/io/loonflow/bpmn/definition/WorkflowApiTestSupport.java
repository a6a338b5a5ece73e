package io.loonflow.bpmn.definition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/** Fixtures shared by the workflow admin API tests: users, session and signed clients, workflows. */
abstract class WorkflowApiTestSupport extends IntegrationTest {

    @Autowired
    WorkflowEventRecorder events;

    String superAdmin() {
        return user(true, false);
    }

    String workflowAdmin() {
        return user(false, true);
    }

    String plainUser() {
        return user(false, false);
    }

    String user(boolean admin, boolean workflowAdmin) {
        String name = TestData.unique("wfu");
        data().user(name, admin, workflowAdmin);
        return name;
    }

    /** A console session of {@code username} (cookie kept by the returned client). */
    ApiClient session(String username) {
        ApiClient client = api();
        ApiClient.Response response = client.post(WorkflowTestSessionController.PATH + "?username=" + username, "");
        assertThat(response.body()).as(response.toString()).isEqualTo("ok");
        return client;
    }

    /** A signed client of a new app allowed {@code workflowIds}, speaking for {@code username} (null = nobody). */
    ApiClient app(String workflowIds, String username) {
        String app = TestData.unique("wfapp");
        String token = data().appToken(app, workflowIds);
        ApiClient client = api().signed(app, token);
        return username == null ? client : client.username(username);
    }

    long createWorkflow(ApiClient client, String name) {
        return createWorkflowFromBody(client, "{\"name\": " + ApiClient.quote(name) + "}");
    }

    long createWorkflowFromBody(ApiClient client, String body) {
        return ok(client.post("/api/v1.0/workflows", body)).path("workflow_id").asLong();
    }

    static JsonNode ok(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        assertThat(response.msg()).as(response.toString()).isEmpty();
        return response.data();
    }

    /** A handled failure: HTTP 200, code -1 and a message containing {@code expected}. */
    static ApiClient.Response fails(ApiClient.Response response, String expected) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.code()).as(response.toString()).isEqualTo(-1);
        assertThat(response.msg()).as(response.toString()).contains(expected);
        return response;
    }

    long countRows(String table, String column, Object value) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = :v")
                .param("v", value).query(Long.class).single();
    }
}
