package io.loonflow.bpmn.definition;

import static io.loonflow.bpmn.definition.StateCallerApiTest.assertFails;
import static io.loonflow.bpmn.definition.StateCallerApiTest.keys;
import static io.loonflow.bpmn.definition.StateCallerApiTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/** Transition list, create, edit and delete. */
class TransitionApiTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcIndexedSessionRepository sessions;

    @Autowired
    StateEventRecorder events;

    StateFixture fixture;
    long workflowId;
    long start;
    long review;
    long end;
    String superAdmin;
    String transitions;

    @BeforeEach
    void setUp() {
        fixture = new StateFixture(jdbc);
        workflowId = fixture.workflow("admin");
        start = fixture.state(workflowId, "新建", 1, 0, "", "{}");
        review = fixture.state(workflowId, "审批", 0, 0, "", "{}");
        end = fixture.state(workflowId, "结束", 2, 0, "", "{}");
        superAdmin = fixture.user("root", true, false);
        transitions = "/api/v1.0/workflows/" + workflowId + "/transitions";
    }

    private ApiClient admin() {
        return fixture.signedClient(api(), String.valueOf(workflowId), superAdmin);
    }

    private ObjectNode body(String name, long source, long destination) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.put("transition_type_id", 1);
        body.put("source_state_id", source);
        body.put("attribute_type_id", 1);
        body.put("destination_state_id", destination);
        return body;
    }

    private Map<String, Object> row(long id) {
        return jdbc.sql("SELECT * FROM workflow_transition WHERE id = :id").param("id", id).query().singleRow();
    }

    private long transitionsOfWorkflow() {
        return jdbc.sql("SELECT COUNT(*) FROM workflow_transition WHERE workflow_id = :wid").param("wid", workflowId)
                .query(Long.class).single();
    }

    private long create(ObjectNode body) {
        ApiClient.Response response = admin().post(transitions, body.toString());
        assertThat(response.code()).as(response.toString()).isZero();
        return response.data().get("value").get("transition_id").asLong();
    }

    // ---- list ----------------------------------------------------------------------------------------------

    @Test
    void listShowsLoonflowsShapeWithStateInfo() {
        long submit = fixture.transition(workflowId, "提交", start, review, "[]");
        long conditional = fixture.transition(workflowId, "按条件", review, 0,
                "[{\"expression\": \"{days} > 3\", \"target_state_id\": " + end + "}]");
        long dangling = fixture.transition(workflowId, "无目标", 99999999, 0, "[]");
        long gone = fixture.transition(workflowId, "删掉的", start, end, "[]");
        jdbc.sql("UPDATE workflow_transition SET is_deleted = TRUE WHERE id = :id").param("id", gone).update();

        ApiClient.Response response = admin().get(transitions);

        assertThat(response.code()).as(response.toString()).isZero();
        JsonNode data = response.data();
        assertThat(data.get("total").asInt()).isEqualTo(3);
        JsonNode first = data.get("value").get(0);
        assertThat(keys(first)).containsExactly("id", "creator", "gmt_created", "gmt_modified", "is_deleted", "name",
                "workflow_id", "transition_type_id", "timer", "source_state_id", "destination_state_id",
                "condition_expression", "attribute_type_id", "field_require_check", "alert_enable", "alert_text",
                "source_state_info", "destination_state_info");
        assertThat(first.get("id").asLong()).isEqualTo(submit);
        assertThat(first.get("condition_expression").asText()).isEqualTo("[]");
        assertThat(first.get("source_state_info").get("name").asText()).isEqualTo("新建");
        assertThat(first.get("source_state_info").get("id").asLong()).isEqualTo(start);
        assertThat(keys(first.get("source_state_info"))).containsExactly("name", "id");
        assertThat(first.get("destination_state_info").get("name").asText()).isEqualTo("审批");

        JsonNode second = data.get("value").get(1);
        assertThat(second.get("id").asLong()).isEqualTo(conditional);
        assertThat(second.get("destination_state_info").get("name").asText()).isEqualTo("见条件表达式");
        assertThat(second.get("destination_state_info").get("id").asLong()).isZero();

        JsonNode third = data.get("value").get(2);
        assertThat(third.get("id").asLong()).isEqualTo(dangling);
        assertThat(third.get("source_state_info").get("name").asText()).isEqualTo("未知");
        assertThat(third.get("source_state_info").get("id").asLong()).isEqualTo(99999999);
        assertThat(third.get("destination_state_info").get("name").asText()).isEqualTo("请指定目标状态或设置条件表达式");

        JsonNode searched = admin().get(transitions + "?search_value=条件&per_page=1&page=1").data();
        assertThat(searched.get("total").asInt()).isEqualTo(1);
        assertThat(searched.get("value").get(0).get("id").asLong()).isEqualTo(conditional);
        JsonNode paged = admin().get(transitions + "?per_page=2&page=2").data();
        assertThat(paged.get("value")).hasSize(1);
        assertThat(paged.get("page").asInt()).isEqualTo(2);
    }

    @Test
    void listIsForAppsThatMayUseTheWorkflowAndForSessionsThatAdministerIt() {
        fixture.transition(workflowId, "提交", start, review, "[]");
        ApiClient.Response byApp = fixture.signedClient(api(), String.valueOf(workflowId), null).get(transitions);
        assertThat(byApp.code()).as(byApp.toString()).isZero();
        assertThat(byApp.data().get("total").asInt()).isEqualTo(1);

        assertFails(fixture.signedClient(api(), "", superAdmin).get(transitions),
                "have no permission to get this workflow info");

        assertThat(fixture.sessionClient(api(), sessions, superAdmin).get(transitions).code()).isZero();
        String wfAdmin = fixture.user("wfadmin", false, true);
        fixture.workflowAdmin(workflowId, wfAdmin);
        assertThat(fixture.sessionClient(api(), sessions, wfAdmin).get(transitions).code()).isZero();

        String plain = fixture.user("plain", false, false);
        assertFails(fixture.sessionClient(api(), sessions, plain).get(transitions),
                "has no permission:user is not admin or workflow admin");
        String otherAdmin = fixture.user("otheradmin", false, true);
        fixture.workflowAdmin(fixture.workflow("admin"), otherAdmin);
        assertFails(fixture.sessionClient(api(), sessions, otherAdmin).get(transitions),
                "has no permission:user is not an admin of workflow " + workflowId);
    }

    // ---- create --------------------------------------------------------------------------------------------

    @Test
    void createWithLoonflowsMinimalBodyStoresDefaultsAndAnnounces() {
        ApiClient.Response response = admin().post(transitions, "{\"name\": \"提交\", \"transition_type_id\": 1,"
                + " \"source_state_id\": " + start + ", \"attribute_type_id\": 1, \"destination_state_id\": "
                + review + "}");

        assertThat(response.code()).as(response.toString()).isZero();
        assertThat(keys(response.data())).containsExactly("value");
        long id = response.data().get("value").get("transition_id").asLong();
        Map<String, Object> row = row(id);
        assertThat(row.get("condition_expression")).isEqualTo("[]");
        assertThat(row.get("field_require_check")).isEqualTo(false);
        assertThat(row.get("alert_text")).isEqualTo("");
        assertThat(((Number) row.get("timer")).intValue()).isZero();
        assertThat(((Number) row.get("workflow_id")).longValue()).isEqualTo(workflowId);
        assertThat(row.get("creator")).isEqualTo(superAdmin);
        assertThat(events.of(workflowId)).containsExactly(new StateEventRecorder.Recorded(workflowId, true));
    }

    @Test
    void createStoresTimerConditionsAndAlerts() {
        ObjectNode body = body("超时", review, 0);
        body.put("transition_type_id", 2);
        body.put("timer", 3600);
        body.put("attribute_type_id", 3);
        body.put("field_require_check", 1);
        body.put("alert_enable", true);
        body.put("alert_text", "确定?");
        body.put("condition_expression", "[{\"expression\": \"{days} > 3\", \"target_state_id\": \"" + end + "\"},"
                + " {\"expression\": \"True\", \"target_state_id\": " + review + "}]");

        long id = create(body);

        Map<String, Object> row = row(id);
        assertThat(((Number) row.get("transition_type_id")).intValue()).isEqualTo(2);
        assertThat(((Number) row.get("timer")).intValue()).isEqualTo(3600);
        assertThat(((Number) row.get("attribute_type_id")).intValue()).isEqualTo(3);
        assertThat(row.get("field_require_check")).isEqualTo(true);
        assertThat(row.get("alert_enable")).isEqualTo(true);
        assertThat(row.get("alert_text")).isEqualTo("确定?");
        JsonNode conditions = parse((String) row.get("condition_expression"));
        assertThat(conditions).hasSize(2);
        assertThat(conditions.get(0).get("expression").asText()).isEqualTo("{days} > 3");
        assertThat(conditions.get(1).get("target_state_id").asLong()).isEqualTo(review);
    }

    @Test
    void createRefusesWhoMayNotAdministerTheWorkflow() {
        String body = body("t", start, review).toString();
        String otherAdmin = fixture.user("otheradmin", false, true);
        fixture.workflowAdmin(fixture.workflow("admin"), otherAdmin);
        assertFails(fixture.sessionClient(api(), sessions, otherAdmin).post(transitions, body),
                "user is not an admin of workflow " + workflowId);
        assertFails(fixture.signedClient(api(), String.valueOf(workflowId), otherAdmin).post(transitions, body),
                "user is not an admin of workflow " + workflowId);
        assertFails(fixture.signedClient(api(), String.valueOf(workflowId), null).post(transitions, body),
                "username or user_id is needed");
        assertFails(fixture.signedClient(api(), "", superAdmin).post(transitions, body),
                "have no permission to get this workflow info");
        String wfAdmin = fixture.user("wfadmin", false, true);
        fixture.workflowAdmin(workflowId, wfAdmin);
        assertThat(fixture.sessionClient(api(), sessions, wfAdmin).post(transitions, body).code()).isZero();
        assertThat(transitionsOfWorkflow()).isEqualTo(1);
    }

    @Test
    void badBodiesAreRefusedWithoutWritingAnything() {
        long otherWorkflow = fixture.workflow("admin");
        long foreign = fixture.state(otherWorkflow, "外部", 0, 0, "", "{}");
        long deleted = fixture.state(workflowId, "删掉的", 0, 0, "", "{}");
        jdbc.sql("UPDATE workflow_state SET is_deleted = TRUE WHERE id = :id").param("id", deleted).update();

        Map<ObjectNode, String> cases = new LinkedHashMap<>();
        cases.put(with("foo", 1), "请求参数不合法:Wrong key 'foo'");
        cases.put(without("name"), "请求参数不合法:Missing key: 'name'");
        cases.put(with("name", ""), "请求参数不合法:name is needed");
        cases.put(with("name", "n".repeat(51)), "at most 50 characters");
        cases.put(with("source_state_id", 0), "Key 'source_state_id' error: a positive id is needed");
        cases.put(with("source_state_id", "abc"), "is not an integer");
        cases.put(with("attribute_type_id", 0), "Key 'attribute_type_id' error: 0 is not one of [1, 2, 3]");
        cases.put(with("transition_type_id", 3), "Key 'transition_type_id' error: 3 is not one of [1, 2]");
        cases.put(with("destination_state_id", -1), "must not be negative");
        cases.put(with("timer", -5), "Key 'timer' error: must not be negative");
        cases.put(with("timer", "soon"), "is not an integer");
        cases.put(with("alert_text", "x".repeat(101)), "at most 100 characters");
        cases.put(with("alert_enable", "x"), "value must be either True or False");
        cases.put(with("condition_expression", "{}"), "Key 'condition_expression' error: a JSON array is expected");
        cases.put(with("condition_expression", "[oops"), "Key 'condition_expression' error: not valid JSON");
        cases.put(with("condition_expression", "[1]"), "element 0 must be an object");
        cases.put(with("condition_expression", "[{\"target_state_id\": " + end + "}]"),
                "element 0 needs a non-empty string 'expression'");
        cases.put(with("condition_expression", "[{\"expression\": \" \", \"target_state_id\": " + end + "}]"),
                "element 0 needs a non-empty string 'expression'");
        cases.put(with("condition_expression", "[{\"expression\": \"1\", \"target\": " + end + "}]"),
                "element 0 has the unknown key 'target'");
        cases.put(with("condition_expression", "[{\"expression\": \"1\"}]"), "element 0 needs 'target_state_id'");
        cases.put(with("condition_expression", "[{\"expression\": \"" + "x".repeat(1000) + "\", \"target_state_id\": 1}]"),
                "at most 1000 characters");
        cases.put(with("source_state_id", foreign), "source_state_id " + foreign + " is a state of another workflow");
        cases.put(with("source_state_id", deleted), "source_state_id " + deleted + " is not existed or has been deleted");
        cases.put(with("source_state_id", 99999999999L), "is not existed or has been deleted");
        cases.put(with("source_state_id", end), "source state " + end + " is an end state");
        cases.put(with("destination_state_id", foreign), "destination_state_id " + foreign + " is a state of another");
        cases.put(with("destination_state_id", 0), "destination_state_id is needed unless condition_expression");
        cases.put(with("condition_expression", "[{\"expression\": \"1\", \"target_state_id\": " + foreign + "}]"),
                "condition_expression target_state_id " + foreign + " is a state of another workflow");
        cases.put(with("transition_type_id", 2), "needs timer > 0");
        cases.forEach((body, message) -> assertFails(admin().post(transitions, body.toString()), message));

        assertFails(admin().post(transitions, "{\"name\": "), "not valid JSON");
        assertFails(admin().post(transitions, null), "request body is empty");
        assertThat(transitionsOfWorkflow()).isZero();
        assertThat(events.of(workflowId)).isEmpty();
    }

    private ObjectNode with(String key, Object value) {
        ObjectNode body = body("t", start, review);
        body.set(key, JSON.valueToTree(value));
        return body;
    }

    private ObjectNode without(String key) {
        ObjectNode body = body("t", start, review);
        body.remove(key);
        return body;
    }

    // ---- edit and delete -----------------------------------------------------------------------------------

    @Test
    void patchReplacesTheTransition() {
        ObjectNode original = body("旧", start, review);
        original.put("alert_enable", true);
        original.put("alert_text", "sure?");
        long id = create(original);
        int eventsBefore = events.of(workflowId).size();

        ObjectNode changed = body("新", review, end);
        changed.put("attribute_type_id", 2);
        ApiClient.Response response = admin().patch(transitions + "/" + id, changed.toString());

        assertThat(response.code()).as(response.toString()).isZero();
        assertThat(response.data()).isEmpty();
        Map<String, Object> row = row(id);
        assertThat(row.get("name")).isEqualTo("新");
        assertThat(((Number) row.get("source_state_id")).longValue()).isEqualTo(review);
        assertThat(((Number) row.get("destination_state_id")).longValue()).isEqualTo(end);
        assertThat(((Number) row.get("attribute_type_id")).intValue()).isEqualTo(2);
        assertThat(row.get("alert_enable")).isEqualTo(false);
        assertThat(row.get("alert_text")).isEqualTo("");
        assertThat(events.of(workflowId)).hasSize(eventsBefore + 1);
        assertThat(events.of(workflowId).get(eventsBefore).inTransaction()).isTrue();

        assertFails(admin().patch(transitions + "/" + id, with("source_state_id", end).toString()),
                "is an end state");
        assertThat(row(id).get("name")).isEqualTo("新");
    }

    @Test
    void patchAndDeleteOfUnknownDeletedOrForeignTransitionsFail() {
        String body = body("t", start, review).toString();
        assertFails(admin().patch(transitions + "/99999999999", body),
                "transition 99999999999 is not existed or has been deleted");
        assertFails(admin().delete(transitions + "/99999999999"), "is not existed or has been deleted");

        long otherWorkflow = fixture.workflow("admin");
        long otherState = fixture.state(otherWorkflow, "x", 0, 0, "", "{}");
        long foreign = fixture.transition(otherWorkflow, "外部", otherState, otherState, "[]");
        assertFails(admin().patch(transitions + "/" + foreign, body),
                "transition " + foreign + " does not belong to workflow " + workflowId);
        assertFails(admin().delete(transitions + "/" + foreign), "does not belong to workflow");
        assertThat(fixture.count("workflow_transition", foreign, false)).isEqualTo(1);

        String plain = fixture.user("plain", false, false);
        long own = create(body("t", start, review));
        assertFails(fixture.signedClient(api(), String.valueOf(workflowId), plain).delete(transitions + "/" + own),
                "user is not admin or workflow admin");
        assertFails(admin().patch(transitions + "/" + own, "not json"), "not valid JSON");
        assertThat(fixture.count("workflow_transition", own, false)).isEqualTo(1);
    }

    @Test
    void deleteSoftDeletesAndAnnounces() {
        long id = create(body("t", start, review));
        int eventsBefore = events.of(workflowId).size();

        ApiClient.Response response = admin().delete(transitions + "/" + id);

        assertThat(response.code()).as(response.toString()).isZero();
        assertThat(response.data()).isEmpty();
        assertThat(fixture.count("workflow_transition", id, true)).isEqualTo(1);
        assertThat(events.of(workflowId)).hasSize(eventsBefore + 1);
        assertFails(admin().delete(transitions + "/" + id), "is not existed or has been deleted");
        // with the transition gone the states it joined may be deleted
        assertThat(admin().delete("/api/v1.0/workflows/" + workflowId + "/states/" + review).code()).isZero();
    }
}
