package io.loonflow.bpmn.definition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.Test;

/** Notification hooks over HTTP (spec §2.23). */
class CustomNoticeApiTest extends WorkflowApiTestSupport {

    private static final String NOTICES = "/api/v1.0/workflows/custom_notices";

    @Test
    void superAdminCreatesListsEditsAndDeletes() {
        String admin = superAdmin();
        ApiClient client = session(admin);
        String name = TestData.unique("hook");
        JsonNode created = ok(client.post(NOTICES, body(name, "https://hooks.example/a?x=1", "tok-" + name)
                .replace("}", ", \"description\": \"first\"}")));
        assertThat(created.isObject()).isTrue();
        assertThat(created.size()).isZero();

        JsonNode list = ok(client.get(NOTICES + "?search_value=" + name));
        assertThat(list.path("total").asLong()).isEqualTo(1);
        JsonNode item = list.path("value").get(0);
        assertThat(WorkflowApiTest.fieldNames(item)).containsExactly("id", "creator", "gmt_created", "gmt_modified",
                "is_deleted", "name", "description", "hook_url", "hook_token");
        assertThat(item.path("hook_token").asText()).isEqualTo("tok-" + name);
        assertThat(item.path("creator").asText()).isEqualTo(admin);
        assertThat(item.path("description").asText()).isEqualTo("first");
        long id = item.path("id").asLong();

        // search matches the description too
        assertThat(ok(client.get(NOTICES + "?search_value=first&per_page=1000")).path("value").toString())
                .contains(name);

        ok(client.patch(NOTICES + "/" + id, body(name + "x", "http://hooks.example/b", "tok2")));
        JsonNode edited = ok(client.get(NOTICES + "?search_value=" + name)).path("value").get(0);
        assertThat(edited.path("name").asText()).isEqualTo(name + "x");
        assertThat(edited.path("hook_url").asText()).isEqualTo("http://hooks.example/b");
        assertThat(edited.path("description").asText()).isEmpty();

        ok(client.delete(NOTICES + "/" + id));
        assertThat(ok(client.get(NOTICES + "?search_value=" + name)).path("total").asLong()).isZero();
        fails(client.delete(NOTICES + "/" + id), "the record is not exist or has been deleted");
        fails(client.patch(NOTICES + "/" + id, body("n", "http://h.example", "t")),
                "the record is not exist or has been deleted");
        fails(client.patch(NOTICES + "/999999999", body("n", "http://h.example", "t")),
                "the record is not exist or has been deleted");
    }

    @Test
    void workflowAdminsListWithMaskedTokenButCannotChange() {
        String name = TestData.unique("hook");
        ok(session(superAdmin()).post(NOTICES, body(name, "https://hooks.example/a", "very-secret")));
        long id = jdbc.sql("SELECT id FROM workflow_customnotice WHERE name = :n").param("n", name)
                .query(Long.class).single();

        ApiClient workflowAdmin = session(workflowAdmin());
        JsonNode item = ok(workflowAdmin.get(NOTICES + "?search_value=" + name)).path("value").get(0);
        assertThat(item.path("hook_token").asText()).isEqualTo("***");
        assertThat(item.path("hook_url").asText()).isEqualTo("https://hooks.example/a");
        // the same through a signed call
        assertThat(ok(app("", workflowAdmin()).get(NOTICES + "?search_value=" + name)).toString())
                .doesNotContain("very-secret");
        assertThat(ok(app("", superAdmin()).get(NOTICES + "?search_value=" + name)).toString())
                .contains("very-secret");

        fails(workflowAdmin.post(NOTICES, body("x", "https://h.example", "t")), "has no permission:user is not admin");
        fails(workflowAdmin.patch(NOTICES + "/" + id, body("x", "https://h.example", "t")), "user is not admin");
        fails(workflowAdmin.delete(NOTICES + "/" + id), "user is not admin");
        fails(session(plainUser()).get(NOTICES), "user is not admin or workflow admin");
        fails(app("", null).get(NOTICES), "username or user_id is needed");
        assertThat(countRows("workflow_customnotice", "name", "x")).isZero();
    }

    @Test
    void signedSuperAdminMayManageNotices() {
        ApiClient client = app("", superAdmin());
        String name = TestData.unique("hook");
        ok(client.post(NOTICES, body(name, "https://hooks.example", "t")));
        assertThat(countRows("workflow_customnotice", "name", name)).isEqualTo(1);
    }

    @Test
    void badBodiesAreRefused() {
        ApiClient client = session(superAdmin());
        String name = TestData.unique("badhook");
        String[][] cases = {
                {"{", "not valid JSON"},
                {"", "request body is empty"},
                {"{\"hook_url\": \"https://h.example\", \"hook_token\": \"t\"}", "Missing key: 'name'"},
                {"{\"name\": \"" + name + "\"}", "Missing keys: 'hook_url', 'hook_token'"},
                {body("", "https://h.example", "t"), "name is needed"},
                {body(name, "", "t"), "hook_url is needed"},
                {body(name, "https://h.example", ""), "hook_token is needed"},
                {body(name + "n".repeat(50), "https://h.example", "t"), "at most 50"},
                {body(name, "https://h.example", "t".repeat(101)), "at most 100"},
                {body(name, "ftp://h.example/x", "t"), "hook_url must be an http:// or https:// URL"},
                {body(name, "hooks.example/x", "t"), "hook_url must be an http:// or https:// URL"},
                {body(name, "http:///nohost", "t"), "hook_url must be an http:// or https:// URL"},
                {body(name, "http://exa mple.com", "t"), "hook_url is not a valid URL"},
                {body(name, "https://h.example", "t").replace("}", ", \"extra\": 1}"), "Wrong key 'extra'"},
                {body(name, "https://h.example", "t").replace("}", ", \"description\": [1]}"),
                        "should be instance of 'str'"},
        };
        for (String[] c : cases) {
            fails(client.post(NOTICES, c[0]), c[1]);
        }
        assertThat(countRows("workflow_customnotice", "name", name)).isZero();
    }

    @Test
    void jsonLabelledAsFormDataIsStillRead() {
        // loonflow's console posts JSON labelled application/x-www-form-urlencoded; the raw body is what counts
        ApiClient client = session(superAdmin());
        String name = TestData.unique("form");
        ApiClient.Response response = client.sendRaw("POST", NOTICES,
                body(name, "https://h.example", "t").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded; charset=UTF-8");
        ok(response);
        assertThat(countRows("workflow_customnotice", "name", name)).isEqualTo(1);
        long id = jdbc.sql("SELECT id FROM workflow_customnotice WHERE name = :n").param("n", name)
                .query(Long.class).single();
        ok(client.sendRaw("PATCH", NOTICES + "/" + id,
                body(name + "p", "https://h.example", "t").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded; charset=UTF-8"));
        assertThat(countRows("workflow_customnotice", "name", name + "p")).isEqualTo(1);
        // and without any Content-Type (Python's requests.post(url, data=json.dumps(...)))
        ok(client.sendRaw("POST", NOTICES,
                body(name + "n", "https://h.example", "t").getBytes(java.nio.charset.StandardCharsets.UTF_8), null));
        assertThat(countRows("workflow_customnotice", "name", name + "n")).isEqualTo(1);
    }

    private static String body(String name, String url, String token) {
        return "{\"name\": " + ApiClient.quote(name) + ", \"hook_url\": " + ApiClient.quote(url)
                + ", \"hook_token\": " + ApiClient.quote(token) + "}";
    }
}
