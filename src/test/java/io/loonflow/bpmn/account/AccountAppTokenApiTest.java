package io.loonflow.bpmn.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountAppTokenApiTest extends AccountApiTest {

    private static final String TOKENS = "/api/v1.0/accounts/app_token";

    private long workflowA;
    private long workflowB;

    @BeforeEach
    void workflows() {
        workflowA = workflow(false);
        workflowB = workflow(false);
    }

    private long workflow(boolean deleted) {
        String name = TestData.unique("wf");
        jdbc.sql("INSERT INTO workflow_workflow (name, creator, is_deleted) VALUES (:name, 'admin', :deleted)")
                .param("name", name).param("deleted", deleted).update();
        return jdbc.sql("SELECT id FROM workflow_workflow WHERE name = :name").param("name", name)
                .query(Long.class).single();
    }

    private JsonNode listed(String appName) {
        JsonNode page = asAdmin().get(TOKENS + "?search_value=" + appName).data();
        assertThat(page.path("total").asLong()).isEqualTo(1);
        return page.path("value").get(0);
    }

    @Test
    void createdTokenAuthenticatesSignedCalls() {
        String name = TestData.unique("new_app");
        ApiClient.Response created = asAdmin().post(TOKENS, "{\"app_name\": \"" + name + "\", \"ticket_sn_prefix\": \"NA\","
                + " \"workflow_ids\": \"" + workflowB + ", " + workflowA + ",," + workflowB + "\"}");
        assertOk(created);
        long id = created.json().path("msg").path("app_token_id").asLong();
        assertThat(id).isPositive();
        assertThat(created.data().path("id").asLong()).isEqualTo(id);

        JsonNode token = listed(name);
        assertThat(token.path("id").asLong()).isEqualTo(id);
        assertThat(token.path("app_name").asText()).isEqualTo(name);
        assertThat(token.path("token").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(token.path("workflow_ids").asText()).isEqualTo(workflowB + "," + workflowA);
        assertThat(token.path("ticket_sn_prefix").asText()).isEqualTo("NA");
        assertThat(token.path("creator").asText()).isEqualTo(admin);
        assertThat(token.path("is_deleted").asBoolean()).isFalse();
        assertThat(token.path("gmt_created").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(token.path("creator_info").path("creator_id").asLong()).isEqualTo(adminId);
        assertThat(token.path("creator_info").path("creator_username").asText()).isEqualTo(admin);

        assertOk(api().signed(name, token.path("token").asText()).username(admin).get("/api/v1.0/accounts/users"));
    }

    @Test
    void omittedPrefixIsEmptyOnCreateAndKeptOnEdit() {
        String name = TestData.unique("noprefix");
        long id = asAdmin().post(TOKENS, "{\"app_name\": \"" + name + "\", \"workflow_ids\": \"" + workflowA + "\"}")
                .data().path("id").asLong();
        assertThat(listed(name).path("ticket_sn_prefix").asText()).isEmpty();

        assertOk(asAdmin().patch(TOKENS + "/" + id, "{\"app_name\": \"" + name + "\", \"ticket_sn_prefix\": \"P1\","
                + " \"workflow_ids\": \"" + workflowA + "\"}"));
        assertOk(asAdmin().patch(TOKENS + "/" + id, "{\"app_name\": \"" + name + "\", \"workflow_ids\": \"" + workflowB + "\"}"));
        JsonNode token = listed(name);
        assertThat(token.path("ticket_sn_prefix").asText()).isEqualTo("P1");
        assertThat(token.path("workflow_ids").asText()).isEqualTo(String.valueOf(workflowB));
    }

    @Test
    void editRenamesButNeverChangesTheToken() {
        String name = TestData.unique("edit_app");
        long id = asAdmin().post(TOKENS, "{\"app_name\": \"" + name + "\", \"workflow_ids\": \"" + workflowA + "\"}")
                .data().path("id").asLong();
        String secret = listed(name).path("token").asText();
        String renamed = TestData.unique("renamed_app");
        ApiClient.Response response = asAdmin().patch(TOKENS + "/" + id, "{\"app_name\": \"" + renamed + "\","
                + " \"ticket_sn_prefix\": \"R\", \"workflow_ids\": \"" + workflowA + "," + workflowB + "\"}");
        assertOk(response);
        assertThat(response.msg()).isEmpty();
        assertThat(response.data()).isEmpty();
        JsonNode token = listed(renamed);
        assertThat(token.path("token").asText()).isEqualTo(secret);
        assertThat(token.path("workflow_ids").asText()).isEqualTo(workflowA + "," + workflowB);
        // changing only the letter case of its own name is allowed
        assertOk(asAdmin().patch(TOKENS + "/" + id, "{\"app_name\": \"" + renamed.toUpperCase() + "\", \"workflow_ids\": \""
                + workflowA + "\"}"));
    }

    @Test
    void namesMustBeUniqueAmongLiveTokensAndNotTheConsolesPseudoApp() {
        String name = TestData.unique("dup_app");
        long id = asAdmin().post(TOKENS, "{\"app_name\": \"" + name + "\", \"workflow_ids\": \"" + workflowA + "\"}")
                .data().path("id").asLong();
        assertFails(asAdmin().post(TOKENS, "{\"app_name\": \"" + name.toUpperCase() + "\", \"workflow_ids\": \"" + workflowA
                + "\"}"), "app_name: " + name.toUpperCase() + " already has a token");
        assertFails(asAdmin().patch(TOKENS + "/" + id, "{\"app_name\": \"" + app + "\", \"workflow_ids\": \"" + workflowA
                + "\"}"), "app_name: " + app + " already has a token");
        assertFails(asAdmin().post(TOKENS, "{\"app_name\": \"LoonFlow\", \"workflow_ids\": \"" + workflowA + "\"}"),
                "app_name: loonflow is reserved for the console");
        // after deletion the name is free again
        assertOk(asAdmin().delete(TOKENS + "/" + id));
        assertOk(asAdmin().post(TOKENS, "{\"app_name\": \"" + name + "\", \"workflow_ids\": \"" + workflowA + "\"}"));
    }

    @Test
    void createValidatesTheBody() {
        String name = TestData.unique("bad_app");
        long deletedWorkflow = workflow(true);
        assertFails(asAdmin().post(TOKENS, "{\"app_name\": \"\", \"workflow_ids\": \"1\"}"), "请求参数不合法:app_name is needed");
        assertFails(asAdmin().post(TOKENS, "{\"app_name\": \"" + name + "\", \"workflow_ids\": \"\"}"),
                "请求参数不合法:workflow_ids is needed");
        assertFails(asAdmin().post(TOKENS, "{\"app_name\": \"" + name + "\"}"), "请求参数不合法:Missing key: 'workflow_ids'");
        assertFails(asAdmin().post(TOKENS, "{\"app_name\": \"" + name + "\", \"workflow_ids\": \",,\"}"),
                "请求参数不合法:workflow_ids is needed");
        assertFails(asAdmin().post(TOKENS, "{\"app_name\": \"" + name + "\", \"workflow_ids\": \"1,x\"}"),
                "请求参数不合法:Key 'workflow_ids' error: 'x' is not a workflow id");
        assertFails(asAdmin().post(TOKENS, "{\"app_name\": \"" + name + "\", \"workflow_ids\": \"987654321\"}"),
                "workflow_id: 987654321 is not existed or has been deleted");
        assertFails(asAdmin().post(TOKENS, "{\"app_name\": \"" + name + "\", \"workflow_ids\": \"" + deletedWorkflow + "\"}"),
                "workflow_id: " + deletedWorkflow + " is not existed or has been deleted");
        assertFails(asAdmin().post(TOKENS, "{\"app_name\": \"" + name + "\", \"workflow_ids\": \"" + workflowA
                + "\", \"ticket_sn_prefix\": \"" + "p".repeat(21) + "\"}"),
                "请求参数不合法:Key 'ticket_sn_prefix' error: at most 20 characters are allowed, got 21");
        assertFails(asAdmin().post(TOKENS, "{\"app_name\": \"" + name + " \", \"workflow_ids\": \"" + workflowA + "\"}"),
                "请求参数不合法:Key 'app_name' error: must not start or end with spaces or contain control characters");
        assertFails(asAdmin().post(TOKENS, "{\"app_name\": \"" + name + "\", \"workflow_ids\": \"" + workflowA
                + "\", \"token\": \"mine\"}"), "请求参数不合法:Wrong key 'token'");
        assertFails(as(workflowAdmin).post(TOKENS, "{\"app_name\": \"" + name + "\", \"workflow_ids\": \"" + workflowA + "\"}"),
                "has no permission:user is not admin");
        assertFails(as(null).get(TOKENS), "has no permission:username or user_id is needed");
        assertFails(as(plainUser).get(TOKENS), "has no permission:user is not admin");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_apptoken WHERE app_name = :n").param("n", name)
                .query(Long.class).single()).isZero();
    }

    @Test
    void listPagesAndSearchesByAppName() {
        String tag = TestData.unique("tok");
        for (int i = 0; i < 3; i++) {
            data().appToken(tag + "_" + i, "");
        }
        JsonNode page = asAdmin().get(TOKENS + "?search_value=" + tag.toUpperCase() + "&per_page=2&page=2").data();
        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(page.path("value")).hasSize(1);
        assertThat(page.path("value").get(0).path("app_name").asText()).isEqualTo(tag + "_2");
        assertFails(asAdmin().get(TOKENS + "?page=1.5"), "page must be an integer, got '1.5'");
    }

    @Test
    void deleteIsSoftAndEndsTheAppsAccess() {
        String name = TestData.unique("del_app");
        long id = asAdmin().post(TOKENS, "{\"app_name\": \"" + name + "\", \"workflow_ids\": \"" + workflowA + "\"}")
                .data().path("id").asLong();
        String secret = listed(name).path("token").asText();
        assertFails(as(workflowAdmin).delete(TOKENS + "/" + id), "has no permission:user is not admin");

        ApiClient.Response deleted = asAdmin().delete(TOKENS + "/" + id);
        assertOk(deleted);
        assertThat(deleted.msg()).isEmpty();
        assertThat(asAdmin().get(TOKENS + "?search_value=" + name).data().path("total").asLong()).isZero();
        assertThat(api().signed(name, secret).username(admin).get("/api/v1.0/accounts/users").msg())
                .startsWith("permission check fail：Appname:" + name + " in request header is unauthorized");

        assertFails(asAdmin().delete(TOKENS + "/" + id), "record is not exist or has been deleted");
        assertFails(asAdmin().patch(TOKENS + "/" + id, "{\"app_name\": \"x\", \"workflow_ids\": \"" + workflowA + "\"}"),
                "record is not exist or has been deleted");
        assertFails(asAdmin().delete(TOKENS + "/987654321"), "record is not exist or has been deleted");
    }
}
