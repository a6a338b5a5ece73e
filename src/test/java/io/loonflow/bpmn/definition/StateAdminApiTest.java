package io.loonflow.bpmn.definition;

import static io.loonflow.bpmn.definition.StateCallerApiTest.assertFails;
import static io.loonflow.bpmn.definition.StateCallerApiTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/** POST/PATCH/DELETE of states: permissions, validation, storage and change events. */
class StateAdminApiTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcIndexedSessionRepository sessions;

    @Autowired
    StateEventRecorder events;

    StateFixture fixture;
    long workflowId;
    String superAdmin;
    String states;

    @BeforeEach
    void setUp() {
        fixture = new StateFixture(jdbc);
        workflowId = fixture.workflow("admin");
        superAdmin = fixture.user("root", true, false);
        states = "/api/v1.0/workflows/" + workflowId + "/states";
    }

    private ApiClient admin() {
        return fixture.signedClient(api(), String.valueOf(workflowId), superAdmin);
    }

    static ObjectNode body(String name, int typeId, int participantTypeId, String participant) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.put("order_id", 1);
        body.put("type_id", typeId);
        body.put("participant_type_id", participantTypeId);
        body.put("distribute_type_id", 1);
        if (participant != null) {
            body.put("participant", participant);
        }
        return body;
    }

    private Map<String, Object> row(long stateId) {
        return jdbc.sql("SELECT * FROM workflow_state WHERE id = :id").param("id", stateId).query().singleRow();
    }

    private long statesOfWorkflow() {
        return jdbc.sql("SELECT COUNT(*) FROM workflow_state WHERE workflow_id = :wid").param("wid", workflowId)
                .query(Long.class).single();
    }

    private long create(ObjectNode body) {
        ApiClient.Response response = admin().post(states, body.toString());
        assertThat(response.code()).as(response.toString()).isZero();
        return response.data().get("state_id").asLong();
    }

    // ---- create --------------------------------------------------------------------------------------------

    @Test
    void tokenCallerSpeakingForASuperAdminCreatesAStateWithEmptyJsonDefaults() {
        ApiClient.Response response = admin().post(states,
                "{\"name\": \"新建\", \"order_id\": 1, \"type_id\": 1, \"participant_type_id\": 0,"
                        + " \"distribute_type_id\": 1}");

        assertThat(response.code()).as(response.toString()).isZero();
        assertThat(StateCallerApiTest.keys(response.data())).containsExactly("state_id");
        long id = response.data().get("state_id").asLong();
        Map<String, Object> row = row(id);
        assertThat(row.get("name")).isEqualTo("新建");
        assertThat(((Number) row.get("workflow_id")).longValue()).isEqualTo(workflowId);
        assertThat(row.get("state_field_str")).isEqualTo("{}");
        assertThat(row.get("label")).isEqualTo("{}");
        assertThat(row.get("participant")).isEqualTo("");
        assertThat(row.get("creator")).isEqualTo(superAdmin);
        assertThat(events.of(workflowId)).containsExactly(new StateEventRecorder.Recorded(workflowId, true));
    }

    @Test
    void createStoresEveryKeyAndAllowsExtraKeys() {
        String handler = fixture.user("handler", false, false);
        ObjectNode body = body("审批", 0, 1, handler);
        body.put("order_id", 7);
        body.put("distribute_type_id", 4);
        body.put("is_hidden", "True");
        body.put("remember_last_man_enable", 1);
        body.put("enable_retreat", true);
        body.put("state_field_str", "{\"title\": 1, \"sn\": 1}");
        body.putObject("label").put("ui", "wide");
        body.put("sub_workflow_id", 0); // loonflow's schema accepts unlisted keys

        long id = create(body);

        Map<String, Object> row = row(id);
        assertThat(row.get("participant")).isEqualTo(handler);
        assertThat(((Number) row.get("order_id")).intValue()).isEqualTo(7);
        assertThat(((Number) row.get("distribute_type_id")).intValue()).isEqualTo(4);
        assertThat(row.get("is_hidden")).isEqualTo(true);
        assertThat(row.get("remember_last_man_enable")).isEqualTo(true);
        assertThat(row.get("enable_retreat")).isEqualTo(true);
        assertThat(parse((String) row.get("state_field_str")).get("sn").asInt()).isEqualTo(1);
        assertThat(parse((String) row.get("label")).get("ui").asText()).isEqualTo("wide");
    }

    @Test
    void consoleSessionOfASuperAdminCreatesAState() {
        ApiClient client = fixture.sessionClient(api(), sessions, superAdmin);
        ApiClient.Response response = client.post(states, body("s", 0, 0, "").toString());
        assertThat(response.code()).as(response.toString()).isZero();
        assertThat(row(response.data().get("state_id").asLong()).get("creator")).isEqualTo(superAdmin);
    }

    @Test
    void workflowAdminsAndCreatorsWithTheFlagManageTheirWorkflowOnly() {
        String wfAdmin = fixture.user("wfadmin", false, true);
        fixture.workflowAdmin(workflowId, wfAdmin);
        ApiClient session = fixture.sessionClient(api(), sessions, wfAdmin);
        assertThat(session.post(states, body("a", 0, 0, "").toString()).code()).isZero();

        String creator = fixture.user("creator", false, true);
        long own = fixture.workflow(creator);
        ApiClient token = fixture.signedClient(api(), own + "," + workflowId, creator);
        assertThat(token.post("/api/v1.0/workflows/" + own + "/states", body("b", 0, 0, "").toString()).code())
                .isZero();

        // the creator has the workflow-admin flag but does not manage this workflow
        ApiClient.Response refused = token.post(states, body("c", 0, 0, "").toString());
        assertFails(refused, "has no permission:user is not an admin of workflow " + workflowId);
        long stateId = fixture.state(workflowId, "x", 0, 0, "", "{}");
        assertFails(token.patch(states + "/" + stateId, body("c", 0, 0, "").toString()),
                "user is not an admin of workflow");
        assertFails(token.delete(states + "/" + stateId), "user is not an admin of workflow");
        assertThat(fixture.count("workflow_state", stateId, false)).isEqualTo(1);
    }

    @Test
    void callersWithoutTheRightUserOrAppAreRefused() {
        String body = body("s", 0, 0, "").toString();
        String plain = fixture.user("plain", false, false);
        assertFails(fixture.signedClient(api(), String.valueOf(workflowId), plain).post(states, body),
                "has no permission:user is not admin or workflow admin");
        assertFails(fixture.signedClient(api(), String.valueOf(workflowId), null).post(states, body),
                "has no permission:username or user_id is needed");
        assertFails(fixture.signedClient(api(), String.valueOf(workflowId), "ghost_user_x").post(states, body),
                "is not existed or has been deleted");
        assertFails(fixture.sessionClient(api(), sessions, plain).post(states, body),
                "user is not admin or workflow admin");
        // a super admin speaking through an app that may not use this workflow
        ApiClient.Response wrongApp = fixture.signedClient(api(), "", superAdmin).post(states, body);
        assertFails(wrongApp, "have no permission to get this workflow info");
        assertThat(statesOfWorkflow()).isZero();
        assertThat(events.of(workflowId)).isEmpty();
    }

    @Test
    void onlyOneStartStatePerWorkflow() {
        long start = create(body("新建", 1, 0, ""));
        ApiClient.Response second = admin().post(states, body("又一个", 1, 0, "").toString());
        assertFails(second, "already has a start state (type_id 1): " + start + "(新建)");
        // editing the start state itself keeps it the start state
        assertThat(admin().patch(states + "/" + start, body("新建2", 1, 0, "").toString()).code()).isZero();
        long normal = create(body("审批", 0, 0, ""));
        assertFails(admin().patch(states + "/" + normal, body("审批", 1, 0, "").toString()), "already has a start state");
        // another workflow may have its own
        long other = fixture.workflow("admin");
        ApiClient client = fixture.signedClient(api(), String.valueOf(other), superAdmin);
        assertThat(client.post("/api/v1.0/workflows/" + other + "/states", body("新建", 1, 0, "").toString()).code())
                .isZero();
    }

    @Test
    void concurrentStartStateCreationsLetExactlyOneWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String body = body("新建" + i, 1, 0, "").toString();
                ApiClient client = admin();
                calls.add(() -> client.post(states, body).code());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(calls)) {
                codes.add(result.get());
            }
            assertThat(codes).containsOnly(0, -1);
            assertThat(codes.stream().filter(code -> code == 0)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM workflow_state WHERE workflow_id = :wid AND type_id = 1")
                .param("wid", workflowId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void unknownOrDeletedWorkflowIsRefused() {
        fixture.deleteWorkflow(workflowId);
        assertFails(admin().post(states, body("s", 0, 0, "").toString()), "workflow is not existed or has been deleted");
        ApiClient client = fixture.signedClient(api(), "99999999999", superAdmin);
        assertFails(client.post("/api/v1.0/workflows/99999999999/states", body("s", 0, 0, "").toString()),
                "workflow is not existed or has been deleted");
    }

    @Test
    void malformedOrWronglyTypedBodiesAreRefusedWithoutWritingAnything() {
        ObjectNode tooLongLabel = body("s", 0, 0, "");
        tooLongLabel.put("label", "{\"a\": \"" + "x".repeat(1000) + "\"}");
        ObjectNode hugeOrder = body("s", 0, 0, "");
        hugeOrder.put("order_id", 1L << 40);
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{not json", "request body is not valid JSON");
        cases.put("", "request body is empty");
        cases.put("[1, 2]", "request body must be a JSON object");
        cases.put("{\"order_id\": 1, \"type_id\": 0, \"participant_type_id\": 0, \"distribute_type_id\": 1}",
                "Missing key: 'name'");
        cases.put(with("name", "\"\""), "name is needed");
        cases.put(with("name", "[1]"), "name is needed");
        cases.put(with("name", "\"" + "n".repeat(51) + "\""), "at most 50 characters");
        cases.put(with("order_id", "\"x\""), "order_id is needed");
        cases.put(with("order_id", "1.5"), "order_id is needed");
        cases.put(hugeOrder.toString(), "out of range");
        cases.put(with("type_id", "3"), "Key 'type_id' error: 3 is not one of [0, 1, 2]");
        cases.put(with("type_id", "null"), "type_id is needed");
        cases.put(with("participant_type_id", "9"), "9 does not exist in loonflow");
        cases.put(with("participant_type_id", "11"), "is not one of");
        cases.put(with("participant_type_id", "{}"), "should be instance of 'int'");
        cases.put(with("distribute_type_id", "0"), "distribute_type_id is needed");
        cases.put(with("distribute_type_id", "5"), "is not one of [1, 2, 3, 4]");
        cases.put(with("state_field_str", "\"not json\""), "Key 'state_field_str' error: not valid JSON");
        cases.put(with("state_field_str", "\"[1]\""), "a JSON object is expected");
        cases.put(with("state_field_str", "{\"title\": 4}"), "must be 1 (read-only), 2 (required) or 3");
        cases.put(with("state_field_str", "{\"title\": \"2\"}"), "must be 1 (read-only), 2 (required) or 3");
        cases.put(with("state_field_str", "7"), "a JSON object is expected");
        cases.put(with("label", "\"[]\""), "Key 'label' error: a JSON object is expected");
        cases.put(tooLongLabel.toString(), "Key 'label' error: at most 1000 characters");
        cases.put(with("participant", "\"" + "p".repeat(1001) + "\""), "at most 1000 characters");
        cases.put(with("participant", "[1]"), "a string is expected");
        cases.put(with("is_hidden", "\"maybe\""), "value must be either True or False");
        cases.put(with("remember_last_man_enable", "2"), "value must be either True or False");
        cases.forEach((body, message) -> {
            ApiClient.Response response = admin().post(states, body);
            assertFails(response, message);
            assertThat(response.msg()).as(body).startsWith("请求参数不合法:");
        });
        assertThat(statesOfWorkflow()).isZero();
        assertThat(events.of(workflowId)).isEmpty();
    }

    private static String with(String key, String rawValue) {
        ObjectNode body = body("s", 0, 0, "");
        body.remove(key);
        String rest = body.toString();
        return "{\"" + key + "\": " + rawValue + (rest.equals("{}") ? "}" : ", " + rest.substring(1));
    }

    @Test
    void participantsMustFitTheirType() {
        String alice = fixture.user("alice", false, false);
        String bob = fixture.user("bob", false, false);
        long dept = fixture.dept("d");
        long role = fixture.role("r");
        long script = fixture.script("s.py");
        fixture.customField(workflowId, "approver", "审批人", 60, 10, "{}", "{}");
        String hook = "{\"hook_url\": \"https://h.example/cb\", \"hook_token\": \"t\", \"wait\": true,"
                + " \"extra_info\": {\"a\": 1}}";

        Object[][] accepted = {
                {0, "", ""}, {1, " " + alice + " ", alice}, {2, alice + ", " + bob, alice + "," + bob},
                {3, String.valueOf(dept), String.valueOf(dept)}, {4, String.valueOf(role), String.valueOf(role)},
                {5, "creator,creator_tl", "creator,creator_tl"}, {6, String.valueOf(script), String.valueOf(script)},
                {7, "approver,creator", "approver,creator"}, {8, "parent_key", "parent_key"}};
        for (Object[] c : accepted) {
            long id = create(body("p" + c[0], 0, (Integer) c[0], (String) c[1]));
            assertThat(row(id).get("participant")).as("type " + c[0]).isEqualTo(c[2]);
        }
        long hookState = create(body("hook", 0, 10, hook));
        assertThat(parse((String) row(hookState).get("participant")).get("hook_token").asText()).isEqualTo("t");
        ObjectNode objectHook = body("hook2", 0, 10, null);
        objectHook.set("participant", parse(hook));
        assertThat(parse((String) row(create(objectHook)).get("participant")).get("extra_info").get("a").asInt())
                .isEqualTo(1);

        Object[][] refused = {
                {0, "someone", "must be empty when participant_type_id is 0"},
                {1, "", "a username is needed"},
                {1, "ghost_nobody", "user(s) not existed or deleted: ghost_nobody"},
                {1, alice + "," + bob, "takes one username"},
                {2, alice + ",ghost_nobody", "user(s) not existed or deleted: ghost_nobody"},
                {2, alice + ",," + bob, "empty entry"},
                {3, "abc", "'abc' is not a department id"},
                {3, dept + ",99999999", "department(s) not existed or deleted: 99999999"},
                {4, "99999999", "role(s) not existed or deleted"},
                {4, role + "," + role, "takes one role id"},
                {5, "creator,boss", "unknown variable 'boss'"},
                {6, "99999999", "workflow script(s) not existed or deleted"},
                {7, "approver,nokey", "not a custom field of workflow " + workflowId + " nor a ticket column: nokey"},
                {8, "a b", "contains white space"},
                {10, "not json", "needs a JSON object"},
                {10, "{\"hook_token\": \"t\", \"wait\": true}", "hook_url must be an http:// or https:// URL"},
                {10, "{\"hook_url\": \"ftp://h/x\", \"hook_token\": \"t\", \"wait\": true}", "hook_url must be"},
                {10, "{\"hook_url\": \"http://h/x\", \"wait\": true}", "hook_token must be a string"},
                {10, "{\"hook_url\": \"http://h/x\", \"hook_token\": \"t\", \"wait\": \"yes\"}", "wait must be true"},
                {10, "{\"hook_url\": \"http://h/x\", \"hook_token\": \"t\", \"wait\": true, \"x\": 1}",
                        "unknown hook key 'x'"},
                {10, "{\"hook_url\": \"http://h/x\", \"hook_token\": \"***\", \"wait\": true}",
                        "masked placeholder"}};
        long before = statesOfWorkflow();
        for (Object[] c : refused) {
            assertFails(admin().post(states, body("bad", 0, (Integer) c[0], (String) c[1]).toString()),
                    (String) c[2]);
        }
        assertThat(statesOfWorkflow()).isEqualTo(before);
    }

    // ---- edit ----------------------------------------------------------------------------------------------

    @Test
    void patchReplacesEveryColumnWithDefaultsForOmittedKeys() {
        ObjectNode original = body("旧", 0, 0, "");
        original.put("label", "{\"a\": 1}");
        original.put("state_field_str", "{\"title\": 3}");
        original.put("is_hidden", true);
        long id = create(original);
        int eventsBefore = events.of(workflowId).size();

        ApiClient.Response response = admin().patch(states + "/" + id, body("新", 0, 5, "creator").toString());

        assertThat(response.code()).as(response.toString()).isZero();
        assertThat(response.data().isObject()).isTrue();
        assertThat(response.data()).isEmpty();
        Map<String, Object> row = row(id);
        assertThat(row.get("name")).isEqualTo("新");
        assertThat(row.get("participant")).isEqualTo("creator");
        assertThat(((Number) row.get("participant_type_id")).intValue()).isEqualTo(5);
        assertThat(row.get("label")).isEqualTo("{}");
        assertThat(row.get("state_field_str")).isEqualTo("{}");
        assertThat(row.get("is_hidden")).isEqualTo(false);
        assertThat(events.of(workflowId)).hasSize(eventsBefore + 1);
        assertThat(events.of(workflowId).get(eventsBefore).inTransaction()).isTrue();
    }

    @Test
    void hookTokenSentBackMaskedKeepsTheStoredSecret() {
        long id = create(body("hook", 0, 10,
                "{\"hook_url\": \"https://h.example/cb\", \"hook_token\": \"s3cret\", \"wait\": false}"));
        String shown = admin().get("/api/v1.0/workflows/states/" + id).data().get("participant").asText();
        assertThat(shown).doesNotContain("s3cret");

        assertThat(admin().patch(states + "/" + id, body("hook", 0, 10, shown).toString()).code()).isZero();
        assertThat(parse((String) row(id).get("participant")).get("hook_token").asText()).isEqualTo("s3cret");

        String replaced = "{\"hook_url\": \"https://h.example/cb\", \"hook_token\": \"new\", \"wait\": true}";
        assertThat(admin().patch(states + "/" + id, body("hook", 0, 10, replaced).toString()).code()).isZero();
        assertThat(parse((String) row(id).get("participant")).get("hook_token").asText()).isEqualTo("new");
    }

    @Test
    void patchOfUnknownDeletedOrForeignStatesFails() {
        assertFails(admin().patch(states + "/99999999999", body("s", 0, 0, "").toString()),
                "state 99999999999 is not existed or has been deleted");
        long deleted = fixture.state(workflowId, "d", 0, 0, "", "{}");
        jdbc.sql("UPDATE workflow_state SET is_deleted = TRUE WHERE id = :id").param("id", deleted).update();
        assertFails(admin().patch(states + "/" + deleted, body("s", 0, 0, "").toString()), "is not existed");
        long foreign = fixture.state(fixture.workflow("admin"), "f", 0, 0, "", "{}");
        assertFails(admin().patch(states + "/" + foreign, body("s", 0, 0, "").toString()),
                "state " + foreign + " does not belong to workflow " + workflowId);
        assertThat(row(foreign).get("name")).isEqualTo("f");
        assertFails(admin().patch(states + "/" + foreign, "{oops"), "not valid JSON");
    }

    @Test
    void aStateWithOutgoingTransitionsCannotBecomeAnEndState() {
        long a = create(body("a", 0, 0, ""));
        long b = create(body("b", 0, 0, ""));
        long t = fixture.transition(workflowId, "go", a, b, "[]");
        assertFails(admin().patch(states + "/" + a, body("a", 2, 0, "").toString()),
                "cannot become an end state while transitions leave it: " + t + "(go)");
        assertThat(admin().patch(states + "/" + b, body("b", 2, 0, "").toString()).code()).isZero();
    }

    // ---- delete --------------------------------------------------------------------------------------------

    @Test
    void deleteSoftDeletesAndAnnounces() {
        long id = create(body("s", 0, 0, ""));
        int eventsBefore = events.of(workflowId).size();
        ApiClient.Response response = admin().delete(states + "/" + id);
        assertThat(response.code()).as(response.toString()).isZero();
        assertThat(response.data()).isEmpty();
        assertThat(fixture.count("workflow_state", id, true)).isEqualTo(1);
        assertThat(events.of(workflowId)).hasSize(eventsBefore + 1);
        assertFails(admin().delete(states + "/" + id), "is not existed or has been deleted");
        assertFails(admin().delete(states + "/99999999999"), "is not existed or has been deleted");
        long foreign = fixture.state(fixture.workflow("admin"), "f", 0, 0, "", "{}");
        assertFails(admin().delete(states + "/" + foreign), "does not belong to workflow");
        assertThat(fixture.count("workflow_state", foreign, false)).isEqualTo(1);
    }

    @Test
    void deleteIsRefusedWhileTransitionsUseTheState() {
        long a = create(body("a", 0, 0, ""));
        long b = create(body("b", 0, 0, ""));
        long c = create(body("c", 0, 0, ""));
        long d = create(body("d", 0, 0, ""));
        long ab = fixture.transition(workflowId, "ab", a, b, "[]");
        long conditional = fixture.transition(workflowId, "cond", a, 0,
                "[{\"expression\": \"{x} > 1\", \"target_state_id\": \"" + c + "\"}]");

        assertFails(admin().delete(states + "/" + a),
                "state " + a + " is still used by transitions " + ab + "(ab), " + conditional + "(cond)");
        assertFails(admin().delete(states + "/" + b), "is still used by transitions " + ab + "(ab)");
        assertFails(admin().delete(states + "/" + c), "is still used by transitions " + conditional + "(cond)");
        assertThat(admin().delete(states + "/" + d).code()).isZero();
        assertThat(fixture.count("workflow_state", a, false)).isEqualTo(1);
    }
}
