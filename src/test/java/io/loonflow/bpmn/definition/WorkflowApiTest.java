package io.loonflow.bpmn.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.Test;

/** Workflow records over HTTP: list, user_admin, detail, create, edit, delete (spec §2.1, 2.2, 2.4–2.7). */
class WorkflowApiTest extends WorkflowApiTestSupport {

    private static final String WORKFLOWS = "/api/v1.0/workflows";

    // ---------------------------------------------------------------- GET /workflows

    @Test
    void signedCallerListsOnlyItsAppsWorkflowsWithLoonflowsItemShape() {
        ApiClient admin = session(superAdmin());
        String admin1 = plainUser();
        String admin2 = plainUser();
        String name = TestData.unique("listed");
        long listed = createWorkflowFromBody(admin, "{\"name\": \"" + name + "\", \"description\": \"d\","
                + " \"workflow_admin\": \"" + admin1 + "," + admin2 + "\", \"title_template\": \"t {title}\","
                + " \"content_template\": \"c\", \"view_permission_check\": 0}");
        long other = createWorkflow(admin, TestData.unique("unlisted"));

        JsonNode data = ok(app(String.valueOf(listed), null).get(WORKFLOWS));
        assertThat(data.path("total").asLong()).isEqualTo(1);
        assertThat(data.path("page").asInt()).isEqualTo(1);
        assertThat(data.path("per_page").asInt()).isEqualTo(10);
        JsonNode item = data.path("value").get(0);
        assertThat(fieldNames(item)).containsExactly("id", "name", "description", "notices", "view_permission_check",
                "limit_expression", "display_form_str", "creator", "gmt_created", "title_template",
                "content_template", "workflow_admin");
        assertThat(item.path("id").asLong()).isEqualTo(listed);
        assertThat(item.path("name").asText()).isEqualTo(name);
        assertThat(item.path("view_permission_check").asBoolean(true)).isFalse();
        assertThat(item.path("limit_expression").asText()).isEqualTo("{}");
        assertThat(item.path("display_form_str").asText()).isEqualTo("[]");
        assertThat(item.path("title_template").asText()).isEqualTo("t {title}");
        assertThat(item.path("workflow_admin").asText()).isEqualTo(admin1 + "," + admin2);
        assertThat(item.path("gmt_created").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(other).isNotEqualTo(listed);
    }

    @Test
    void listSearchesPagesAndSkipsDeletedWorkflows() {
        ApiClient admin = session(superAdmin());
        String tag = TestData.unique("pg");
        long a = createWorkflow(admin, tag + "_a");
        long b = createWorkflow(admin, tag + "_b");
        long c = createWorkflow(admin, tag + "_c");
        long percent = createWorkflow(admin, "100% " + tag);
        ok(admin.delete(WORKFLOWS + "/" + c));
        ApiClient app = app(a + "," + b + "," + c + "," + percent, null);

        JsonNode page2 = ok(app.get(WORKFLOWS + "?search_value=" + tag + "_&per_page=1&page=2"));
        assertThat(page2.path("total").asLong()).isEqualTo(2);
        assertThat(page2.path("value").get(0).path("id").asLong()).isEqualTo(b);
        // beyond the last page: Django's paginator serves the last page and echoes the requested number
        JsonNode beyond = ok(app.get(WORKFLOWS + "?search_value=" + tag + "_&per_page=1&page=9"));
        assertThat(beyond.path("page").asInt()).isEqualTo(9);
        assertThat(beyond.path("value").get(0).path("id").asLong()).isEqualTo(b);
        // wildcards in the search text match literally
        JsonNode literal = ok(app.get(WORKFLOWS + "?search_value=100%25"));
        assertThat(ids(literal)).containsExactly(percent);
        JsonNode all = ok(app.get(WORKFLOWS + "?per_page=50"));
        assertThat(ids(all)).containsExactly(a, b, percent);
    }

    @Test
    void fromAdminKeepsOnlyWorkflowsTheUserManages() {
        String creator = workflowAdmin();
        String listedAdmin = plainUser();
        long own = createWorkflow(session(creator), TestData.unique("own"));
        long administered = createWorkflowFromBody(session(superAdmin()),
                "{\"name\": \"" + TestData.unique("adm") + "\", \"workflow_admin\": \"" + listedAdmin + "\"}");
        String ids = own + "," + administered;

        assertThat(ids(ok(app(ids, creator).get(WORKFLOWS + "?from_admin=1")))).containsExactly(own);
        assertThat(ids(ok(app(ids, listedAdmin).get(WORKFLOWS + "?from_admin=1")))).containsExactly(administered);
        assertThat(ids(ok(app(ids, listedAdmin).get(WORKFLOWS + "?from_admin=0")))).containsExactly(own, administered);
        assertThat(ok(app(ids, null).get(WORKFLOWS + "?from_admin=1")).path("total").asLong()).isZero();
        assertThat(ids(ok(app(ids, superAdmin()).get(WORKFLOWS + "?from_admin=1")))).containsExactly(own, administered);
    }

    @Test
    void listFailuresAreCodeMinusOne() {
        JsonNode empty = ok(app("", null).get(WORKFLOWS + "?page=3&per_page=5"));
        assertThat(empty.path("value").size()).isZero();
        assertThat(empty.path("total").asLong()).isZero();
        assertThat(empty.path("page").asInt()).isEqualTo(3);
        assertThat(empty.path("per_page").asInt()).isEqualTo(5);
        fails(app("", null).get(WORKFLOWS + "?from_admin=yes"), "from_admin must be an integer");
        fails(app("", null).get(WORKFLOWS + "?per_page=x"), "per_page must be an integer");
        fails(app("", null).get(WORKFLOWS + "?per_page=0"), "per_page must be a positive integer");
        fails(app("1,x", null).get(WORKFLOWS), "invalid workflow id");
    }

    @Test
    void consoleSessionListsEveryWorkflow() {
        ApiClient creator = session(workflowAdmin());
        String name = TestData.unique("console");
        long id = createWorkflow(creator, name);
        JsonNode data = ok(session(plainUser()).get(WORKFLOWS + "?search_value=" + name));
        assertThat(ids(data)).containsExactly(id);
    }

    // ---------------------------------------------------------------- GET /workflows/user_admin

    @Test
    void userAdminReturnsManagedWorkflowsAsPlainArray() {
        String creator = workflowAdmin();
        String listedAdmin = plainUser();
        long own = createWorkflow(session(creator), TestData.unique("ua"));
        long administered = createWorkflowFromBody(session(superAdmin()),
                "{\"name\": \"" + TestData.unique("ua") + "\", \"workflow_admin\": \"" + listedAdmin + "\"}");
        long unrelated = createWorkflow(session(superAdmin()), TestData.unique("ua"));

        JsonNode mine = ok(session(creator).get(WORKFLOWS + "/user_admin"));
        assertThat(mine.isArray()).isTrue();
        assertThat(arrayIds(mine)).containsExactly(own);
        assertThat(fieldNames(mine.get(0))).containsExactly("id", "creator", "gmt_created", "gmt_modified",
                "is_deleted", "name", "description", "notices", "view_permission_check", "limit_expression",
                "display_form_str", "title_template", "content_template");
        assertThat(arrayIds(ok(session(listedAdmin).get(WORKFLOWS + "/user_admin")))).containsExactly(administered);
        // a signed caller sees only workflows its app may use
        assertThat(arrayIds(ok(app(own + "," + unrelated, creator).get(WORKFLOWS + "/user_admin"))))
                .containsExactly(own);
        assertThat(arrayIds(ok(app(String.valueOf(unrelated), creator).get(WORKFLOWS + "/user_admin")))).isEmpty();
        assertThat(ok(app(String.valueOf(own), null).get(WORKFLOWS + "/user_admin")).isArray()).isTrue();
        assertThat(ok(app(String.valueOf(own), null).get(WORKFLOWS + "/user_admin")).size()).isZero();
    }

    // ---------------------------------------------------------------- POST /workflows

    @Test
    void minimalBodyCreatesWithModelDefaults() {
        String admin = superAdmin();
        String name = TestData.unique("min");
        long id = createWorkflow(session(admin), name);
        assertThat(events.count(id)).isEqualTo(1);
        assertThat(events.allInTransaction(id)).isTrue();

        Workflow stored = jdbc.sql("SELECT * FROM workflow_workflow WHERE id = :id").param("id", id)
                .query(DefinitionRows::workflow).single();
        assertThat(stored.name()).isEqualTo(name);
        assertThat(stored.creator()).isEqualTo(admin);
        assertThat(stored.limitExpression()).isEqualTo("{}");
        assertThat(stored.displayFormStr()).isEqualTo("[]");
        assertThat(stored.viewPermissionCheck()).isTrue();
        assertThat(stored.notices()).isEmpty();
        assertThat(stored.titleTemplate()).isEmpty();
    }

    @Test
    void createStoresEveryFieldAndAdminRowsWithTheCallerAsCreator() {
        String admin = workflowAdmin();
        String member = plainUser();
        long notice1 = notice();
        long notice2 = notice();
        String body = "{\"name\": \"full\", \"description\": \"desc\", \"notices\": \" " + notice2 + " , " + notice1
                + "\", \"view_permission_check\": \"f\","
                + " \"limit_expression\": \"{\\\"period\\\": 24, \\\"count\\\": 1, \\\"level\\\": 1,"
                + " \\\"allow_persons\\\": \\\"a,b\\\", \\\"allow_depts\\\": \\\"1, 2\\\", \\\"allow_roles\\\": \\\"\\\"}\","
                + " \"display_form_str\": [\"title\", \"sn\"], \"workflow_admin\": \"" + member + ", ," + member.toUpperCase()
                + "\", \"title_template\": \"tt\", \"content_template\": \"cc\", \"anything_else\": 1}";
        long id = createWorkflowFromBody(session(admin), body);

        Workflow stored = jdbc.sql("SELECT * FROM workflow_workflow WHERE id = :id").param("id", id)
                .query(DefinitionRows::workflow).single();
        assertThat(stored.notices()).isEqualTo(notice2 + "," + notice1);
        assertThat(stored.viewPermissionCheck()).isFalse();
        assertThat(stored.limitExpression()).contains("\"period\": 24");
        assertThat(stored.displayFormStr()).isEqualTo("[\"title\",\"sn\"]");
        assertThat(stored.contentTemplate()).isEqualTo("cc");
        List<String> creators = jdbc.sql("SELECT creator FROM workflow_workflowadmin WHERE workflow_id = :id AND is_deleted = FALSE")
                .param("id", id).query(String.class).list();
        assertThat(creators).containsExactly(admin);
        // the creator manages the new workflow
        ok(session(admin).get(WORKFLOWS + "/" + id));
    }

    @Test
    void createNeedsAnAdminFlag() {
        fails(session(plainUser()).post(WORKFLOWS, "{\"name\": \"x\"}"),
                "has no permission:user is not admin or workflow admin");
        fails(app("", null).post(WORKFLOWS, "{\"name\": \"x\"}"), "has no permission:username or user_id is needed");
        fails(app("", "ghost_" + TestData.unique("u")).post(WORKFLOWS, "{\"name\": \"x\"}"),
                "is not existed or has been deleted");
        // a signed call for a super admin may create (loonflow's admin endpoints were session-only)
        String name = TestData.unique("signed");
        long id = createWorkflow(app("", superAdmin()), name);
        assertThat(countRows("workflow_workflow", "id", id)).isEqualTo(1);
    }

    @Test
    void badBodiesAreRefusedWithoutWritingAnything() {
        ApiClient admin = session(superAdmin());
        String name = TestData.unique("bad");
        String quoted = ApiClient.quote(name);
        String[][] cases = {
                {"{\"name\": " + quoted, "not valid JSON"},
                {"", "request body is empty"},
                {"[1]", "must be a JSON object"},
                {"{}", "Missing key: 'name'"},
                {"{\"name\": \"\"}", "name is needed"},
                {"{\"name\": 5}", "name is needed"},
                {"{\"name\": \"" + "n".repeat(51) + "\"}", "at most 50 characters"},
                {"{\"name\": " + quoted + ", \"description\": \"" + "d".repeat(51) + "\"}", "at most 50"},
                {"{\"name\": " + quoted + ", \"description\": {\"a\": 1}}", "should be instance of 'str'"},
                {"{\"name\": " + quoted + ", \"view_permission_check\": \"maybe\"}", "True or False"},
                {"{\"name\": " + quoted + ", \"limit_expression\": \"{oops\"}", "not valid JSON"},
                {"{\"name\": " + quoted + ", \"limit_expression\": \"[]\"}", "a JSON object is expected"},
                {"{\"name\": " + quoted + ", \"limit_expression\": 7}", "a JSON object is expected"},
                {"{\"name\": " + quoted + ", \"limit_expression\": {\"periods\": 1}}", "unknown key 'periods'"},
                {"{\"name\": " + quoted + ", \"limit_expression\": {\"period\": \"24\"}}", "period must be"},
                {"{\"name\": " + quoted + ", \"limit_expression\": {\"count\": 1.5}}", "count must be"},
                {"{\"name\": " + quoted + ", \"limit_expression\": {\"level\": 3}}", "level must be 1"},
                {"{\"name\": " + quoted + ", \"limit_expression\": {\"allow_persons\": [\"a\"]}}", "allow_persons"},
                {"{\"name\": " + quoted + ", \"limit_expression\": {\"allow_depts\": \"1,x\"}}", "allow_depts"},
                {"{\"name\": " + quoted + ", \"limit_expression\": {\"period\": 1, \"level\": 1}}",
                        "count is need when level is not none"},
                {"{\"name\": " + quoted + ", \"limit_expression\": \"{\\\"a\\\": \\\"" + "x".repeat(1000) + "\\\"}\"}",
                        "at most 1000"},
                {"{\"name\": " + quoted + ", \"display_form_str\": \"{}\"}", "a JSON array is expected"},
                {"{\"name\": " + quoted + ", \"display_form_str\": [1]}", "every element must be a field key string"},
                {"{\"name\": " + quoted + ", \"notices\": \"1,,2\"}", "not a comma-separated list of notice ids"},
                {"{\"name\": " + quoted + ", \"notices\": \"999999999\"}", "notice 999999999 is not existed"},
                {"{\"name\": " + quoted + ", \"notices\": [1]}", "should be instance of 'str'"},
                {"{\"name\": " + quoted + ", \"workflow_admin\": \"nobody_" + name + "\"}",
                        "user nobody_" + name + " is not existed"},
                {"{\"name\": " + quoted + ", \"title_template\": \"" + "t".repeat(51) + "\"}", "at most 50"},
                {"{\"name\": " + quoted + ", \"content_template\": \"" + "t".repeat(1001) + "\"}", "at most 1000"},
        };
        for (String[] c : cases) {
            fails(admin.post(WORKFLOWS, c[0]), c[1]);
        }
        assertThat(countRows("workflow_workflow", "name", name)).isZero();
    }

    @Test
    void deletedNoticesCannotBeAttached() {
        ApiClient admin = session(superAdmin());
        long notice = notice();
        ok(admin.delete("/api/v1.0/workflows/custom_notices/" + notice));
        fails(admin.post(WORKFLOWS, "{\"name\": \"n\", \"notices\": \"" + notice + "\"}"),
                "notice " + notice + " is not existed or has been deleted");
    }

    // ---------------------------------------------------------------- GET /workflows/{id}

    @Test
    void detailHasLoonflowsShapeForTheWorkflowsAdmins() {
        String creator = workflowAdmin();
        String name = TestData.unique("det");
        long id = createWorkflowFromBody(session(creator), "{\"name\": \"" + name + "\", \"description\": \"dd\"}");
        JsonNode detail = ok(session(creator).get(WORKFLOWS + "/" + id));
        assertThat(fieldNames(detail)).containsExactly("name", "description", "notices", "view_permission_check",
                "limit_expression", "display_form_str", "creator", "gmt_created");
        assertThat(detail.path("name").asText()).isEqualTo(name);
        assertThat(detail.path("creator").asText()).isEqualTo(creator);
        ok(app(String.valueOf(id), superAdmin()).get(WORKFLOWS + "/" + id));
        ok(app(String.valueOf(id), creator).get(WORKFLOWS + "/" + id));
    }

    @Test
    void detailIsRefusedToOthers() {
        String creator = workflowAdmin();
        long id = createWorkflow(session(creator), TestData.unique("det"));
        fails(session(workflowAdmin()).get(WORKFLOWS + "/" + id), "has no permission:user is not an admin of workflow " + id);
        fails(session(plainUser()).get(WORKFLOWS + "/" + id), "has no permission:user is not admin or workflow admin");
        ApiClient.Response refused = fails(app("", superAdmin()).get(WORKFLOWS + "/" + id),
                "have no permission to get this workflow info");
        assertThat(refused.msg()).startsWith("APP:wfapp_");
        assertThat(refused.data().asText()).isEmpty();
        assertThat(refused.data().isTextual()).isTrue();
        fails(app(String.valueOf(id), null).get(WORKFLOWS + "/" + id), "username or user_id is needed");
        fails(session(superAdmin()).get(WORKFLOWS + "/999999999"), "workflow is not existed or has been deleted");
        assertThat(session(superAdmin()).get(WORKFLOWS + "/abc").status()).isEqualTo(404);
        assertThat(session(superAdmin()).get(WORKFLOWS + "/" + id + "/").status()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- PATCH /workflows/{id}

    @Test
    void patchReplacesEveryColumnAndSyncsAdmins() {
        String creator = workflowAdmin();
        String keep = plainUser();
        String drop = plainUser();
        String add = workflowAdmin();
        ApiClient client = session(creator);
        long id = createWorkflowFromBody(client, "{\"name\": \"before\", \"description\": \"old\", \"title_template\": \"x\","
                + " \"limit_expression\": {\"count\": 2}, \"workflow_admin\": \"" + keep + "," + drop + "\"}");
        long before = events.count(id);

        ok(client.patch(WORKFLOWS + "/" + id, "{\"name\": \"after\", \"workflow_admin\": \"" + keep + "," + add + "\","
                + " \"view_permission_check\": false}"));

        Workflow stored = jdbc.sql("SELECT * FROM workflow_workflow WHERE id = :id").param("id", id)
                .query(DefinitionRows::workflow).single();
        assertThat(stored.name()).isEqualTo("after");
        assertThat(stored.description()).isEmpty(); // full replace: omitted keys are reset
        assertThat(stored.titleTemplate()).isEmpty();
        assertThat(stored.limitExpression()).isEqualTo("{}");
        assertThat(stored.viewPermissionCheck()).isFalse();
        List<String> active = jdbc.sql("SELECT username FROM workflow_workflowadmin WHERE workflow_id = :id"
                + " AND is_deleted = FALSE ORDER BY id").param("id", id).query(String.class).list();
        assertThat(active).containsExactly(keep, add);
        String addedBy = jdbc.sql("SELECT creator FROM workflow_workflowadmin WHERE workflow_id = :id AND username = :u")
                .param("id", id).param("u", add).query(String.class).single();
        assertThat(addedBy).isEqualTo(creator);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM workflow_workflowadmin WHERE workflow_id = :id AND username = :u"
                + " AND is_deleted = TRUE").param("id", id).param("u", drop).query(Long.class).single()).isEqualTo(1);
        assertThat(events.count(id)).isEqualTo(before + 1);
        assertThat(events.allInTransaction(id)).isTrue();

        // a listed admin without the workflow-admin flag may not edit (loonflow's flag check stays)
        fails(session(keep).patch(WORKFLOWS + "/" + id, "{\"name\": \"by plain\"}"),
                "has no permission:user is not admin or workflow admin");
        // a listed admin with the flag (not the creator) may; omitting workflow_admin removes every admin row
        ok(session(add).patch(WORKFLOWS + "/" + id, "{\"name\": \"by admin\"}"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM workflow_workflowadmin WHERE workflow_id = :id AND is_deleted = FALSE")
                .param("id", id).query(Long.class).single()).isZero();
    }

    @Test
    void patchFailuresChangeNothing() {
        String creator = workflowAdmin();
        ApiClient client = session(creator);
        String name = TestData.unique("keep");
        long id = createWorkflow(client, name);
        long deleted = createWorkflow(client, TestData.unique("gone"));
        ok(client.delete(WORKFLOWS + "/" + deleted));
        long eventsBefore = events.count(id);

        fails(client.patch(WORKFLOWS + "/999999999", "{\"name\": \"x\"}"), "is not an admin of workflow 999999999");
        fails(session(superAdmin()).patch(WORKFLOWS + "/999999999", "{\"name\": \"x\"}"),
                "workflow is not existed or has been deleted");
        fails(session(superAdmin()).patch(WORKFLOWS + "/" + deleted, "{\"name\": \"x\"}"),
                "workflow is not existed or has been deleted");
        fails(session(workflowAdmin()).patch(WORKFLOWS + "/" + id, "{\"name\": \"x\"}"),
                "is not an admin of workflow " + id);
        fails(app("", creator).patch(WORKFLOWS + "/" + id, "{\"name\": \"x\"}"),
                "have no permission to get this workflow info");
        fails(client.patch(WORKFLOWS + "/" + id, "{\"name\": \"x\", \"limit_expression\": {\"level\": \"1\"}}"),
                "level must be 1");
        fails(client.patch(WORKFLOWS + "/" + id, "{\"name\": \"x\", \"workflow_admin\": \"ghost_" + name + "\"}"),
                "is not existed");
        fails(client.patch(WORKFLOWS + "/" + id, "not json"), "not valid JSON");

        assertThat(jdbc.sql("SELECT name FROM workflow_workflow WHERE id = :id").param("id", id)
                .query(String.class).single()).isEqualTo(name);
        assertThat(events.count(id)).isEqualTo(eventsBefore);
        // a signed call for the creator through an app that may use the workflow works
        ok(app(String.valueOf(id), creator).patch(WORKFLOWS + "/" + id, "{\"name\": \"signed\"}"));
    }

    // ---------------------------------------------------------------- DELETE /workflows/{id}

    @Test
    void deleteSoftDeletesOnceAndOnlyForItsAdmins() {
        String creator = workflowAdmin();
        ApiClient client = session(creator);
        long id = createWorkflow(client, TestData.unique("del"));

        fails(session(workflowAdmin()).delete(WORKFLOWS + "/" + id), "is not an admin of workflow " + id);
        fails(app("", superAdmin()).delete(WORKFLOWS + "/" + id), "have no permission to get this workflow info");
        long before = events.count(id);
        ok(client.delete(WORKFLOWS + "/" + id));
        assertThat(events.count(id)).isEqualTo(before + 1);
        assertThat(jdbc.sql("SELECT is_deleted FROM workflow_workflow WHERE id = :id").param("id", id)
                .query(Boolean.class).single()).isTrue();
        fails(session(superAdmin()).delete(WORKFLOWS + "/" + id), "workflow is not existed or has been deleted");
        fails(session(superAdmin()).get(WORKFLOWS + "/" + id), "workflow is not existed or has been deleted");
    }

    @Test
    void oversizedBodiesAreAnsweredInTheEnvelopeEvenWhenThePathIsRejected() {
        ApiClient admin = session(superAdmin());
        // far beyond what Tomcat swallows unread (2 MB) and what fits in socket buffers
        String huge = "{\"name\": \"" + "x".repeat(20 * 1024 * 1024) + "\"}";
        for (int i = 0; i < 2; i++) {
            fails(admin.post(WORKFLOWS, huge), "request body is larger than 1048576 bytes");
            // the path id cannot be converted, yet the body is consumed and the answer arrives
            fails(admin.post(WORKFLOWS + "/99999999999999999999999/custom_fields", huge), "workflowId");
            fails(admin.patch(WORKFLOWS + "/99999999999999999999999", huge), "workflowId");
        }
    }

    @Test
    void methodsOutsideTheApiAnswer405() {
        assertThat(session(superAdmin()).put(WORKFLOWS, "{}").status()).isEqualTo(405);
    }

    // ---------------------------------------------------------------- helpers

    private long notice() {
        ApiClient admin = session(superAdmin());
        String name = TestData.unique("ntc");
        ok(admin.post("/api/v1.0/workflows/custom_notices", "{\"name\": \"" + name
                + "\", \"hook_url\": \"https://hooks.example/n\", \"hook_token\": \"secret\"}"));
        return jdbc.sql("SELECT id FROM workflow_customnotice WHERE name = :n").param("n", name)
                .query(Long.class).single();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<Long> ids(JsonNode listData) {
        return arrayIds(listData.path("value"));
    }

    static List<Long> arrayIds(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }
}
