package io.loonflow.bpmn.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.Test;

/** Custom field definitions over HTTP (spec §2.18–2.21, §6.2, §10.6). */
class CustomFieldApiTest extends WorkflowApiTestSupport {

    private static String fieldsOf(long workflowId) {
        return "/api/v1.0/workflows/" + workflowId + "/custom_fields";
    }

    private static String field(String key, int type, String extra) {
        return "{\"field_key\": \"" + key + "\", \"field_name\": \"name of " + key + "\", \"field_type_id\": " + type
                + ", \"order_id\": 30" + extra + "}";
    }

    private static final String CHOICES = ", \"field_choice\": \"{\\\"a\\\": \\\"A\\\", \\\"b\\\": \\\"B\\\"}\"";

    @Test
    void everyFieldTypeRoundTripsThroughCreateListEditAndDelete() {
        String creator = workflowAdmin();
        ApiClient client = session(creator);
        long wid = createWorkflow(client, TestData.unique("cf"));
        int[] types = {5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 70, 80};
        List<Long> ids = new ArrayList<>();
        for (int type : types) {
            boolean choice = type >= 35 && type <= 50;
            long before = events.count(wid);
            JsonNode data = ok(client.post(fieldsOf(wid), field("f" + type, type, choice ? CHOICES : "")));
            assertThat(WorkflowApiTest.fieldNames(data)).containsExactly("value");
            ids.add(data.path("value").path("custom_field_id").asLong());
            assertThat(events.count(wid)).isEqualTo(before + 1);
        }
        assertThat(events.allInTransaction(wid)).isTrue();

        JsonNode list = ok(client.get(fieldsOf(wid) + "?per_page=20"));
        assertThat(list.path("total").asLong()).isEqualTo(types.length);
        assertThat(WorkflowApiTest.ids(list)).containsExactlyElementsOf(ids);
        JsonNode radio = list.path("value").get(6);
        assertThat(WorkflowApiTest.fieldNames(radio)).containsExactly("id", "creator", "gmt_created", "gmt_modified",
                "is_deleted", "workflow_id", "field_type_id", "field_key", "field_name", "order_id", "default_value",
                "description", "field_template", "boolean_field_display", "field_choice", "label");
        assertThat(radio.path("field_type_id").asInt()).isEqualTo(35);
        assertThat(radio.path("field_choice").path("b").asText()).isEqualTo("B");
        assertThat(radio.path("boolean_field_display").isObject()).isTrue();
        assertThat(radio.path("label").isObject()).isTrue();
        assertThat(radio.path("creator").asText()).isEqualTo(creator);
        assertThat(radio.path("workflow_id").asLong()).isEqualTo(wid);
        assertThat(radio.path("default_value").asText()).isEmpty();

        // search over key, name and description
        assertThat(WorkflowApiTest.ids(ok(client.get(fieldsOf(wid) + "?search_value=of%20f80")))).containsExactly(ids.get(13));

        long boolId = ids.get(3);
        long before = events.count(wid);
        ok(client.patch(fieldsOf(wid) + "/" + boolId, "{\"field_key\": \"approved\", \"field_name\": \"Approved\","
                + " \"field_type_id\": 20, \"order_id\": 5, \"boolean_field_display\": {\"1\": \"yes\", \"0\": \"no\"},"
                + " \"label\": \"{\\\"ui\\\": \\\"switch\\\"}\", \"default_value\": null, \"field_template\": \"tpl\","
                + " \"description\": \"desc\"}"));
        assertThat(events.count(wid)).isEqualTo(before + 1);
        JsonNode edited = ok(client.get(fieldsOf(wid) + "?search_value=approved")).path("value").get(0);
        assertThat(edited.path("id").asLong()).isEqualTo(boolId);
        assertThat(edited.path("boolean_field_display").path("1").asText()).isEqualTo("yes");
        assertThat(edited.path("label").path("ui").asText()).isEqualTo("switch");
        assertThat(edited.path("default_value").isNull()).isTrue();
        assertThat(edited.path("order_id").asInt()).isEqualTo(5);
        assertThat(edited.path("field_template").asText()).isEqualTo("tpl");

        // full replace: omitted optional keys are reset to their defaults
        ok(client.patch(fieldsOf(wid) + "/" + boolId, field("approved", 20, "")));
        JsonNode reset = ok(client.get(fieldsOf(wid) + "?search_value=approved")).path("value").get(0);
        assertThat(reset.path("boolean_field_display").size()).isZero();
        assertThat(reset.path("description").asText()).isEmpty();
        assertThat(jdbc.sql("SELECT label FROM workflow_customfield WHERE id = :id").param("id", boolId)
                .query(String.class).single()).isEqualTo("{}");

        before = events.count(wid);
        JsonNode deleted = ok(client.delete(fieldsOf(wid) + "/" + boolId));
        assertThat(deleted.toString()).isEqualTo("{\"value\":{\"custom_field_id\":\"\"}}");
        assertThat(events.count(wid)).isEqualTo(before + 1);
        assertThat(ok(client.get(fieldsOf(wid) + "?per_page=20")).path("total").asLong()).isEqualTo(types.length - 1);
        fails(client.delete(fieldsOf(wid) + "/" + boolId), "custom field is not existed or has been deleted");
        // the key of a deleted field may be used again
        ok(client.post(fieldsOf(wid), field("approved", 20, "")));
    }

    @Test
    void onlyTheWorkflowsAdminsAndPermittedAppsMayChangeFields() {
        String creator = workflowAdmin();
        long wid = createWorkflow(session(creator), TestData.unique("cfp"));
        long fid = ok(session(creator).post(fieldsOf(wid), field("amount", 10, "")))
                .path("value").path("custom_field_id").asLong();

        for (ApiClient refused : List.of(session(workflowAdmin()), app(String.valueOf(wid), workflowAdmin()))) {
            fails(refused.post(fieldsOf(wid), field("other", 5, "")), "is not an admin of workflow " + wid);
            fails(refused.patch(fieldsOf(wid) + "/" + fid, field("amount", 5, "")), "is not an admin of workflow " + wid);
            fails(refused.delete(fieldsOf(wid) + "/" + fid), "is not an admin of workflow " + wid);
        }
        fails(session(plainUser()).post(fieldsOf(wid), field("other", 5, "")), "user is not admin or workflow admin");
        ApiClient wrongApp = app("", superAdmin());
        ApiClient.Response appRefused = fails(wrongApp.post(fieldsOf(wid), field("other", 5, "")),
                "have no permission to get this workflow info");
        assertThat(appRefused.data().isTextual()).isTrue();
        fails(wrongApp.delete(fieldsOf(wid) + "/" + fid), "have no permission to get this workflow info");
        assertThat(countRows("workflow_customfield", "field_key", "other")).isZero();

        // signed calls for the creator through a permitted app work
        ApiClient signed = app(String.valueOf(wid), creator);
        ok(signed.patch(fieldsOf(wid) + "/" + fid, field("amount", 15, "")));
        assertThat(jdbc.sql("SELECT field_type_id FROM workflow_customfield WHERE id = :id").param("id", fid)
                .query(Integer.class).single()).isEqualTo(15);
    }

    @Test
    void listNeedsAUsernameAndAnAppThatMayUseTheWorkflow() {
        String creator = workflowAdmin();
        long wid = createWorkflow(session(creator), TestData.unique("cfl"));
        ok(session(creator).post(fieldsOf(wid), field("amount", 10, "")));

        JsonNode signed = ok(app(String.valueOf(wid), plainUser()).get(fieldsOf(wid)));
        assertThat(signed.path("value").get(0).path("field_key").asText()).isEqualTo("amount");
        ApiClient.Response noUser = fails(app(String.valueOf(wid), null).get(fieldsOf(wid)), "请提供username");
        assertThat(noUser.data().asText()).isEmpty();
        fails(app("", plainUser()).get(fieldsOf(wid)), "have no permission to get this workflow info");
        assertThat(api().get("/api/v1.0/workflows/x/custom_fields").code()).isEqualTo(-1); // filter first
        assertThat(session(creator).get("/api/v1.0/workflows/x/custom_fields").status()).isEqualTo(404);
    }

    @Test
    void legacyRowsWithEmptyJsonColumnsStillList() {
        ApiClient client = session(superAdmin());
        long wid = createWorkflow(client, TestData.unique("legacy"));
        jdbc.sql("""
                INSERT INTO workflow_customfield (workflow_id, field_type_id, field_key, field_name, order_id,
                  description, field_template, boolean_field_display, field_choice, label, creator)
                VALUES (:wid, 35, 'old', 'old', 0, '', '', '', 'not json', '', 'admin')""")
                .param("wid", wid).update();
        JsonNode item = ok(client.get(fieldsOf(wid))).path("value").get(0);
        assertThat(item.path("field_choice").isObject()).isTrue();
        assertThat(item.path("boolean_field_display").isObject()).isTrue();
        assertThat(item.path("label").isObject()).isTrue();
    }

    @Test
    void badBodiesAreRefusedWithoutWritingAnything() {
        String creator = workflowAdmin();
        ApiClient client = session(creator);
        long wid = createWorkflow(client, TestData.unique("cfbad"));
        ok(client.post(fieldsOf(wid), field("Amount", 10, "")));
        String[][] cases = {
                {"{\"field_key\": ", "not valid JSON"},
                {"", "request body is empty"},
                {"[]", "must be a JSON object"},
                {"{\"field_name\": \"n\", \"field_type_id\": 5, \"order_id\": 1}", "Missing key: 'field_key'"},
                {"{\"field_key\": \"k\"}", "Missing keys: 'field_name', 'field_type_id', 'order_id'"},
                {field("k", 5, ", \"bogus\": 1"), "Wrong key 'bogus'"},
                {field("", 5, ""), "field_key is needed"},
                {"{\"field_key\": 5, \"field_name\": \"n\", \"field_type_id\": 5, \"order_id\": 1}", "field_key is needed"},
                {field("1abc", 5, ""), "field_key must start with a letter"},
                {field("a-b", 5, ""), "field_key must start with a letter"},
                {field("a b", 5, ""), "field_key must start with a letter"},
                {field("caf\\u00e9", 5, ""), "field_key must start with a letter"},
                {field("k".repeat(51), 5, ""), "at most 50"},
                {field("title", 5, ""), "is the name of a built-in ticket field"},
                {field("Gmt_Created", 5, ""), "is the name of a built-in ticket field"},
                {field("transition_id", 5, ""), "is the name of a built-in ticket field"},
                {field("amount", 5, ""), "field_key amount is already used by custom field"},
                {field("k", 0, ""), "field_type_id is needed and should be a number"},
                {field("k", 99, ""), "field_type_id 99 is not a field type"},
                {field("k", 65, ""), "field_type_id 65 is not a field type"},
                {"{\"field_key\": \"k\", \"field_name\": \"n\", \"field_type_id\": \"abc\", \"order_id\": 1}",
                        "field_type_id is needed and should be a number"},
                {"{\"field_key\": \"k\", \"field_name\": \"n\", \"field_type_id\": 1.5, \"order_id\": 1}",
                        "field_type_id is needed and should be a number"},
                {"{\"field_key\": \"k\", \"field_name\": \"n\", \"field_type_id\": 5, \"order_id\": [1]}",
                        "order_id is needed and should be a number"},
                {"{\"field_key\": \"k\", \"field_name\": \"n\", \"field_type_id\": 5, \"order_id\": 99999999999}",
                        "order_id is needed and should be a number"},
                {"{\"field_key\": \"k\", \"field_name\": \"\", \"field_type_id\": 5, \"order_id\": 1}", "field_name is needed"},
                {field("k", 35, ""), "field_choice is needed for field type 35"},
                {field("k", 50, ", \"field_choice\": \"{}\""), "field_choice is needed for field type 50"},
                {field("k", 45, ", \"field_choice\": \"[1]\""), "a JSON object is expected"},
                {field("k", 45, ", \"field_choice\": \"{bad\""), "not valid JSON"},
                {field("k", 40, ", \"field_choice\": {\"a,b\": \"x\"}"), "must not contain ','"},
                {field("k", 35, ", \"field_choice\": {\"a\": {\"x\": 1}}"), "labels must be strings"},
                {field("k", 35, ", \"field_choice\": {\"" + "o".repeat(51) + "\": \"x\"}"), "keys must have 1 to 50"},
                {field("k", 20, ", \"boolean_field_display\": [\"yes\"]"), "a JSON object is expected"},
                {field("k", 5, ", \"label\": \"{\\\"a\\\": \\\"" + "x".repeat(100) + "\\\"}\""), "at most 100"},
                {field("k", 5, ", \"description\": \"" + "d".repeat(101) + "\""), "at most 100"},
                {field("k", 5, ", \"default_value\": \"" + "d".repeat(101) + "\""), "at most 100"},
                {field("k", 5, ", \"default_value\": {}"), "should be instance of 'str'"},
                {field("k", 55, ", \"field_template\": \"" + "t".repeat(65536) + "\""), "at most 65535"},
        };
        for (String[] c : cases) {
            fails(client.post(fieldsOf(wid), c[0]), c[1]);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM workflow_customfield WHERE workflow_id = :wid").param("wid", wid)
                .query(Long.class).single()).isEqualTo(1);

        fails(session(superAdmin()).post(fieldsOf(999999999), field("k", 5, "")),
                "workflow is not existed or has been deleted");
        long deletedWorkflow = createWorkflow(client, TestData.unique("cfgone"));
        ok(client.delete("/api/v1.0/workflows/" + deletedWorkflow));
        fails(session(superAdmin()).post(fieldsOf(deletedWorkflow), field("k", 5, "")),
                "workflow is not existed or has been deleted");
    }

    @Test
    void patchMustNameAFieldOfThatWorkflowAndKeepKeysUnique() {
        String creator = workflowAdmin();
        ApiClient client = session(creator);
        long wid = createWorkflow(client, TestData.unique("cfpatch"));
        long otherWid = createWorkflow(client, TestData.unique("cfpatch"));
        long first = ok(client.post(fieldsOf(wid), field("first", 5, ""))).path("value").path("custom_field_id").asLong();
        ok(client.post(fieldsOf(wid), field("second", 5, "")));
        long foreign = ok(client.post(fieldsOf(otherWid), field("first", 5, ""))).path("value").path("custom_field_id").asLong();

        ApiClient.Response duplicate = fails(client.patch(fieldsOf(wid) + "/" + first, field("SECOND", 5, "")),
                "field_key SECOND is already used by custom field");
        assertThat(duplicate.data().isTextual()).isTrue();
        ok(client.patch(fieldsOf(wid) + "/" + first, field("First", 10, ""))); // its own key, other case
        fails(client.patch(fieldsOf(wid) + "/" + foreign, field("moved", 5, "")),
                "custom field is not existed or has been deleted");
        fails(client.delete(fieldsOf(wid) + "/" + foreign), "custom field is not existed or has been deleted");
        fails(client.patch(fieldsOf(wid) + "/999999999", field("x", 5, "")),
                "custom field is not existed or has been deleted");
        fails(client.patch(fieldsOf(wid) + "/" + first, "{oops"), "not valid JSON");
        assertThat(jdbc.sql("SELECT workflow_id FROM workflow_customfield WHERE id = :id").param("id", foreign)
                .query(Long.class).single()).isEqualTo(otherWid);
        assertThat(jdbc.sql("SELECT field_key FROM workflow_customfield WHERE id = :id").param("id", first)
                .query(String.class).single()).isEqualTo("First");
    }

    @Test
    void concurrentCreationsOfOneKeyLeaveExactlyOneField() throws Exception {
        String creator = workflowAdmin();
        long wid = createWorkflow(session(creator), TestData.unique("race"));
        int callers = 6;
        List<ApiClient> clients = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            clients.add(session(creator));
        }
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Callable<ApiClient.Response>> calls = new ArrayList<>();
            for (ApiClient c : clients) {
                calls.add(() -> c.post(fieldsOf(wid), field("same", 5, "")));
            }
            int successes = 0;
            for (Future<ApiClient.Response> result : pool.invokeAll(calls)) {
                ApiClient.Response response = result.get();
                assertThat(response.status()).isEqualTo(200);
                if (response.code() == 0) {
                    successes++;
                } else {
                    assertThat(response.msg()).contains("field_key same is already used");
                }
            }
            assertThat(successes).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM workflow_customfield WHERE workflow_id = :wid AND field_key = 'same'"
                + " AND is_deleted = FALSE").param("wid", wid).query(Long.class).single()).isEqualTo(1);
    }
}
