package io.loonflow.bpmn.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.Test;

/** Run scripts over HTTP (spec §2.22): multipart upload, update, list and delete; the text goes to the database. */
class WorkflowScriptApiTest extends WorkflowApiTestSupport {

    private static final String SCRIPTS = "/api/v1.0/workflows/run_scripts";
    private static final String SOURCE = "# -*- coding: utf-8 -*-\nprint('处理完成', ticket_id)\n";

    @Test
    void superAdminUploadsListsUpdatesAndDeletes() {
        String admin = superAdmin();
        ApiClient client = session(admin);
        String name = TestData.unique("scr");
        JsonNode created = ok(upload(client, SCRIPTS, form(name, "says hello", "1"), "hello.py", SOURCE.getBytes(StandardCharsets.UTF_8)));
        assertThat(WorkflowApiTest.fieldNames(created)).containsExactly("script_id");
        long id = created.path("script_id").asLong();
        assertThat(stored(id, "content")).isEqualTo(SOURCE);
        String savedName = stored(id, "saved_name");
        assertThat(savedName).matches("workflow_script/[0-9a-f-]{36}\\.py");

        // workflow admins may list (to choose a script for a state), without the script text
        JsonNode list = ok(session(workflowAdmin()).get(SCRIPTS + "?search_value=" + name));
        assertThat(list.path("total").asLong()).isEqualTo(1);
        JsonNode item = list.path("value").get(0);
        assertThat(WorkflowApiTest.fieldNames(item)).containsExactly("id", "name", "description", "saved_name",
                "is_active", "creator", "gmt_created");
        assertThat(item.path("is_active").asBoolean()).isTrue();
        assertThat(item.path("creator").asText()).isEqualTo(admin);
        assertThat(item.path("saved_name").asText()).isEqualTo(savedName);
        assertThat(ok(client.get(SCRIPTS + "?search_value=says%20hello&per_page=100")).toString()).contains(name);

        // update without a file keeps the text; is_active defaults to off as in loonflow's form
        ok(upload(client, SCRIPTS + "/" + id, form(name + "b", "", null), null, null));
        assertThat(stored(id, "name")).isEqualTo(name + "b");
        assertThat(stored(id, "content")).isEqualTo(SOURCE);
        assertThat(stored(id, "saved_name")).isEqualTo(savedName);
        assertThat(stored(id, "is_active")).isIn("FALSE", "false", "0");

        ok(upload(client, SCRIPTS + "/" + id, form(name, "v2", "True"), "v2.PY", "print(2)\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(stored(id, "content")).isEqualTo("print(2)\n");
        assertThat(stored(id, "saved_name")).isNotEqualTo(savedName).startsWith("workflow_script/");

        ok(client.delete(SCRIPTS + "/" + id));
        assertThat(ok(client.get(SCRIPTS + "?search_value=" + name)).path("total").asLong()).isZero();
        fails(client.delete(SCRIPTS + "/" + id), "the record is not exist or has been deleted");
        fails(upload(client, SCRIPTS + "/" + id, form(name, "", "1"), null, null), "the record is not exist or has been deleted");
        fails(upload(client, SCRIPTS + "/999999999", form(name, "", "1"), null, null), "the record is not exist or has been deleted");
    }

    @Test
    void onlySuperAdminsChangeScripts() {
        String name = TestData.unique("scr");
        ApiClient workflowAdmin = session(workflowAdmin());
        fails(upload(workflowAdmin, SCRIPTS, form(name, "", "1"), "a.py", bytes("print(1)")), "user is not admin");
        long id = ok(upload(app("", superAdmin()), SCRIPTS, form(name, "", "1"), "a.py", bytes("print(1)")))
                .path("script_id").asLong();
        fails(upload(workflowAdmin, SCRIPTS + "/" + id, form("x", "", "1"), null, null), "user is not admin");
        fails(workflowAdmin.delete(SCRIPTS + "/" + id), "user is not admin");
        fails(session(plainUser()).get(SCRIPTS), "user is not admin or workflow admin");
        fails(app("", null).get(SCRIPTS), "username or user_id is needed");
        assertThat(stored(id, "name")).isEqualTo(name);
        ok(app("", workflowAdmin()).get(SCRIPTS + "?search_value=" + name));
    }

    @Test
    void badUploadsAreRefused() {
        ApiClient client = session(superAdmin());
        String name = TestData.unique("badscr");
        fails(upload(client, SCRIPTS, form(name, "", "1"), null, null), "file is needed");
        fails(upload(client, SCRIPTS, form(name, "", "1"), "evil.sh", bytes("rm -rf /")), "file must be a .py script");
        fails(upload(client, SCRIPTS, form(name, "", "1"), "noext", bytes("x")), "file must be a .py script");
        fails(upload(client, SCRIPTS, form(name, "", "1"), "empty.py", new byte[0]), "file is empty");
        fails(upload(client, SCRIPTS, form(name, "", "1"), "big.py", new byte[256 * 1024 + 1]), "larger than 262144 bytes");
        byte[] huge = new byte[1200 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        fails(upload(client, SCRIPTS, form(name, "", "1"), "huge.py", huge), "too large");
        fails(upload(client, SCRIPTS, form(name, "", "1"), "latin.py", new byte[] {'#', ' ', (byte) 0xe9, '\n'}),
                "file must be UTF-8 text");
        fails(upload(client, SCRIPTS, form("", "", "1"), "a.py", bytes("x")), "script_name is needed");
        fails(upload(client, SCRIPTS, form("n".repeat(51), "", "1"), "a.py", bytes("x")), "at most 50");
        fails(upload(client, SCRIPTS, form(name, "d".repeat(101), "1"), "a.py", bytes("x")), "at most 100");
        fails(upload(client, SCRIPTS, form(name, "", "maybe"), "a.py", bytes("x")), "True or False");
        fails(client.post(SCRIPTS, "{\"script_name\": \"x\"}"), "script_name is needed");
        fails(client.sendRaw("POST", SCRIPTS, bytes("--nope\r\nbroken"), "multipart/form-data; boundary=zzz"), "请求参数不合法:");
        assertThat(countRows("workflow_workflowscript", "name", name)).isZero();
    }

    @Test
    void aScriptInUseByALiveStateCannotBeDeleted() {
        ApiClient client = session(superAdmin());
        long id = ok(upload(client, SCRIPTS, form(TestData.unique("used"), "", "1"), "u.py", bytes("print(1)")))
                .path("script_id").asLong();
        long wid = createWorkflow(client, TestData.unique("scrwf"));
        jdbc.sql("""
                INSERT INTO workflow_state (name, workflow_id, order_id, type_id, participant_type_id, participant,
                  distribute_type_id, state_field_str, label, creator)
                VALUES ('robot', :wid, 1, 0, 6, :script, 1, '{}', '{}', 'admin')""")
                .param("wid", wid).param("script", String.valueOf(id)).update();
        long stateId = jdbc.sql("SELECT id FROM workflow_state WHERE workflow_id = :wid").param("wid", wid)
                .query(Long.class).single();

        fails(client.delete(SCRIPTS + "/" + id), "the script is used by state " + stateId);
        // deactivating stays possible
        ok(upload(client, SCRIPTS + "/" + id, form("used", "", "0"), null, null));
        // once the workflow is gone the script may go too
        ok(client.delete("/api/v1.0/workflows/" + wid));
        ok(client.delete(SCRIPTS + "/" + id));
    }

    private static ApiClient.Response upload(ApiClient client, String path, Map<String, String> fields,
                                             String fileName, byte[] content) {
        return client.postMultipart(path, fields, "file", fileName, content);
    }

    private static Map<String, String> form(String name, String description, String active) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("script_name", name);
        fields.put("script_desc", description);
        if (active != null) {
            fields.put("is_active", active);
        }
        return fields;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String stored(long id, String column) {
        return jdbc.sql("SELECT " + column + " FROM workflow_workflowscript WHERE id = :id").param("id", id)
                .query((rs, n) -> rs.getString(1)).single();
    }
}
