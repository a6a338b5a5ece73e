package io.loonflow.bpmn.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.TestData;

/**
 * A workflow {@code draft → hook → done} (plus a second, later transition {@code hook → draft}, so "first
 * transition" is tested) defined through the signed admin API, and a caller app allowed to use it.
 */
final class HookWorkflowFixture {

    final ApiClient admin;
    final String adminName;
    final String app;
    final String token;
    final String creator;
    final long workflowId;
    final long draft;
    final long hook;
    final long done;
    final long submit;
    final long hooked;

    HookWorkflowFixture(ApiClient anonymous, TestData data, String hookUrl, String hookToken, boolean wait,
                        String extraInfo) {
        this(anonymous, data, 10, "{\"hook_url\": " + ApiClient.quote(hookUrl) + ", \"hook_token\": "
                + ApiClient.quote(hookToken) + ", \"wait\": " + wait
                + (extraInfo == null ? "" : ", \"extra_info\": " + extraInfo) + "}");
    }

    /** The same workflow with any automatic state (participant type 10 hook, 6 script) in the middle. */
    HookWorkflowFixture(ApiClient anonymous, TestData data, int participantType, String participant) {
        adminName = TestData.unique("hookadmin");
        data.user(adminName, true, true);
        creator = TestData.unique("hookuser");
        data.user(creator, false, false);
        app = TestData.unique("hookapp");
        token = data.appToken(app, "");
        admin = anonymous.signed(app, token).username(adminName);

        ApiClient.Response created = admin.post("/api/v1.0/workflows",
                "{\"name\": \"" + TestData.unique("hooks") + "\", \"workflow_admin\": \"" + adminName + "\"}");
        assertThat(created.code()).as(created.toString()).isEqualTo(0);
        workflowId = created.data().path("workflow_id").asLong();
        data.allowApp(app, workflowId);

        draft = state("draft", 1, 0, "");
        hook = state("notify", 0, participantType, participant);
        done = state("done", 2, 0, "");
        submit = transition("submit", draft, hook);
        hooked = transition("hooked", hook, done);
        transition("back", hook, draft);
    }

    ApiClient as(ApiClient anonymous, String username) {
        return anonymous.signed(app, token).username(username);
    }

    private long state(String name, int type, int participantType, String participant) {
        ApiClient.Response response = admin.post("/api/v1.0/workflows/" + workflowId + "/states",
                "{\"name\": \"" + name + "\", \"order_id\": 0, \"type_id\": " + type + ", \"participant_type_id\": "
                        + participantType + ", \"participant\": " + ApiClient.quote(participant)
                        + ", \"distribute_type_id\": 1, \"state_field_str\": \"{\\\"title\\\": 2}\"}");
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        return response.data().path("state_id").asLong();
    }

    private long transition(String name, long source, long destination) {
        ApiClient.Response response = admin.post("/api/v1.0/workflows/" + workflowId + "/transitions",
                "{\"name\": \"" + name + "\", \"transition_type_id\": 1, \"source_state_id\": " + source
                        + ", \"destination_state_id\": " + destination + ", \"attribute_type_id\": 1"
                        + ", \"field_require_check\": 0, \"condition_expression\": \"[]\"}");
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        return response.data().path("value").path("transition_id").asLong();
    }
}
