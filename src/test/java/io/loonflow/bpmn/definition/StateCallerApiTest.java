package io.loonflow.bpmn.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/** init_state, state list and state detail as signed callers and console sessions see them. */
class StateCallerApiTest extends IntegrationTest {

    @Autowired
    JdbcIndexedSessionRepository sessions;

    StateFixture fixture;
    long workflowId;

    @BeforeEach
    void setUp() {
        fixture = new StateFixture(jdbc);
        workflowId = fixture.workflow("admin");
    }

    private ApiClient caller() {
        return fixture.signedClient(api(), String.valueOf(workflowId), "someone");
    }

    private ApiClient callerOfOtherWorkflow() {
        return fixture.signedClient(api(), String.valueOf(fixture.workflow("admin")), "someone");
    }

    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static void assertFails(ApiClient.Response response, String msg) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.code()).as(response.toString()).isEqualTo(-1);
        assertThat(response.msg()).contains(msg);
    }

    // ---- init_state --------------------------------------------------------------------------------------

    @Test
    void initStateListsTheStartStateFieldsByOrderAndItsTransitions() {
        fixture.customField(workflowId, "days", "天数", 10, 30, "{}", "{\"unit\": \"d\"}");
        fixture.customField(workflowId, "kind", "类型", 35, 10, "{\"1\": \"年假\"}", "");
        fixture.customField(workflowId, "unused", "没用", 5, 5, "{}", "{}");
        long start = fixture.state(workflowId, "新建", 1, 0, "",
                "{\"title\": 2, \"days\": 3, \"kind\": 1, \"sn\": 1}");
        jdbc.sql("UPDATE workflow_state SET label = '{\"x\": 1}' WHERE id = :id").param("id", start).update();
        long next = fixture.state(workflowId, "审批", 0, 0, "", "{}");
        long submit = fixture.transition(workflowId, "提交", start, next, "[]");
        long save = fixture.transition(workflowId, "保存", start, start, "[]");
        fixture.transition(workflowId, "同意", next, start, "[]");
        long gone = fixture.transition(workflowId, "删掉的", start, next, "[]");
        jdbc.sql("UPDATE workflow_transition SET is_deleted = TRUE WHERE id = :id").param("id", gone).update();

        ApiClient.Response response = caller().get("/api/v1.0/workflows/" + workflowId + "/init_state");

        assertThat(response.code()).as(response.toString()).isZero();
        JsonNode data = response.data();
        assertThat(keys(data)).containsExactly("id", "creator", "gmt_created", "gmt_modified", "is_deleted", "name",
                "workflow_id", "is_hidden", "order_id", "type_id", "enable_retreat", "remember_last_man_enable",
                "participant_type_id", "participant", "distribute_type_id", "label", "field_list", "transition");
        assertThat(data.get("id").asLong()).isEqualTo(start);
        assertThat(data.get("type_id").asInt()).isEqualTo(1);
        assertThat(data.get("label").get("x").asInt()).isEqualTo(1);
        assertThat(data.get("gmt_created").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

        JsonNode fields = data.get("field_list");
        assertThat(fields).hasSize(3);
        assertThat(fields.get(0).get("field_key").asText()).isEqualTo("kind");
        assertThat(fields.get(1).get("field_key").asText()).isEqualTo("title");
        assertThat(fields.get(2).get("field_key").asText()).isEqualTo("days");

        JsonNode title = fields.get(1);
        assertThat(keys(title)).containsExactly("field_key", "field_name", "field_value", "order_id",
                "field_type_id", "field_attribute", "description", "field_choice", "boolean_field_display",
                "default_value", "field_template", "label");
        assertThat(title.get("field_name").asText()).isEqualTo("标题");
        assertThat(title.get("field_value").isNull()).isTrue();
        assertThat(title.get("order_id").asInt()).isEqualTo(20);
        assertThat(title.get("field_type_id").asInt()).isEqualTo(5);
        assertThat(title.get("field_attribute").asInt()).isEqualTo(2);
        assertThat(title.get("description").asText()).isEqualTo("工单的标题");
        assertThat(title.get("field_choice").isObject()).isTrue();
        assertThat(title.get("default_value").isNull()).isTrue();
        assertThat(title.get("field_template").asText()).isEmpty();

        JsonNode kind = fields.get(0);
        assertThat(keys(kind)).isEqualTo(keys(title));
        assertThat(kind.get("field_attribute").asInt()).isEqualTo(1);
        assertThat(kind.get("field_type_id").asInt()).isEqualTo(35);
        assertThat(kind.get("field_choice").get("1").asText()).isEqualTo("年假");
        assertThat(kind.get("label").isObject()).isTrue(); // stored "" reads as {}
        assertThat(kind.get("boolean_field_display").isObject()).isTrue();
        assertThat(fields.get(2).get("label").get("unit").asText()).isEqualTo("d");

        JsonNode transitions = data.get("transition");
        assertThat(transitions).hasSize(2);
        assertThat(transitions.get(0).get("transition_id").asLong()).isEqualTo(submit);
        assertThat(transitions.get(0).get("transition_name").asText()).isEqualTo("提交");
        assertThat(transitions.get(1).get("transition_id").asLong()).isEqualTo(save);
        assertThat(keys(transitions.get(0))).containsExactly("transition_id", "transition_name");
    }

    @Test
    void initStateRefusesAnAppThatMayNotUseTheWorkflow() {
        fixture.state(workflowId, "新建", 1, 0, "", "{}");
        ApiClient.Response response = callerOfOtherWorkflow().get("/api/v1.0/workflows/" + workflowId + "/init_state");
        assertFails(response, "have no permission to get this workflow info");
        assertThat(response.msg()).startsWith("APP:");
        assertThat(response.data().asText()).isEmpty();
        assertThat(response.data().isTextual()).isTrue();
    }

    @Test
    void initStateNeedsAUsername() {
        fixture.state(workflowId, "新建", 1, 0, "", "{}");
        ApiClient.Response response = fixture.signedClient(api(), String.valueOf(workflowId), null)
                .get("/api/v1.0/workflows/" + workflowId + "/init_state");
        assertFails(response, "请提供username");
        assertThat(response.data().isTextual()).isTrue();
    }

    @Test
    void initStateWithoutStartStateFails() {
        fixture.state(workflowId, "审批", 0, 0, "", "{}");
        ApiClient.Response response = caller().get("/api/v1.0/workflows/" + workflowId + "/init_state");
        assertFails(response, "该工作流尚未配置初始状态");
    }

    @Test
    void initStateOfADeletedWorkflowFails() {
        fixture.state(workflowId, "新建", 1, 0, "", "{}");
        fixture.deleteWorkflow(workflowId);
        assertFails(caller().get("/api/v1.0/workflows/" + workflowId + "/init_state"),
                "workflow is not existed or has been deleted");
    }

    @Test
    void initStateReadsBrokenLegacyJsonAsEmpty() {
        fixture.customField(workflowId, "f1", "F1", 35, 10, "", "not json");
        fixture.state(workflowId, "新建", 1, 0, "", "");
        ApiClient.Response response = caller().get("/api/v1.0/workflows/" + workflowId + "/init_state");
        assertThat(response.code()).as(response.toString()).isZero();
        assertThat(response.data().get("field_list")).isEmpty();
    }

    // ---- state list ----------------------------------------------------------------------------------------

    @Test
    void stateListFormatsEveryParticipantTypeAndMasksHookTokens() {
        String alice = fixture.user("alice", false, false);
        fixture.setAlias(alice, "爱丽丝");
        String bob = fixture.user("bob", false, false);
        long dept = fixture.dept("研发部");
        long role = fixture.role("审批人");
        long script = fixture.script("auto.py");
        long personal = fixture.state(workflowId, "个人", 0, 1, alice, "{\"title\": 1}");
        long multi = fixture.state(workflowId, "多人", 0, 2, alice + "," + bob + ",ghost", "{}");
        long depts = fixture.state(workflowId, "部门", 0, 3, dept + ",999999999", "{}");
        long roles = fixture.state(workflowId, "角色", 0, 4, String.valueOf(role), "{}");
        long variable = fixture.state(workflowId, "变量", 0, 5, "creator,creator_tl", "{}");
        long scripted = fixture.state(workflowId, "脚本", 0, 6, String.valueOf(script), "{}");
        long hook = fixture.state(workflowId, "钩子", 0, 10,
                "{\"hook_url\": \"http://h.example/x\", \"hook_token\": \"s3cret\", \"wait\": true}", "");
        long none = fixture.state(workflowId, "结束", 2, 0, "", "{}");
        long brokenRole = fixture.state(workflowId, "坏角色", 0, 4, "", "{}");

        ApiClient.Response response = caller().get("/api/v1.0/workflows/" + workflowId + "/states?per_page=20");

        assertThat(response.code()).as(response.toString()).isZero();
        assertThat(response.body()).doesNotContain("s3cret");
        JsonNode data = response.data();
        assertThat(data.get("total").asInt()).isEqualTo(9);
        assertThat(data.get("per_page").asInt()).isEqualTo(20);
        assertThat(data.get("page").asInt()).isEqualTo(1);
        JsonNode first = item(data, personal);
        assertThat(keys(first)).containsExactly("id", "creator", "gmt_created", "gmt_modified", "is_deleted", "name",
                "workflow_id", "is_hidden", "order_id", "type_id", "enable_retreat", "remember_last_man_enable",
                "participant_type_id", "participant", "distribute_type_id", "state_field_str", "label",
                "participant_info");
        assertThat(first.get("state_field_str").get("title").asInt()).isEqualTo(1);
        assertThat(keys(first.get("participant_info"))).containsExactly("participant", "participant_name",
                "participant_type_id", "participant_type_name", "participant_alias");
        assertInfo(first, alice, "个人", "爱丽丝");
        assertInfo(item(data, multi), alice + "," + bob + ",ghost", "多人", "爱丽丝," + bob + ",ghost");
        assertInfo(item(data, depts), dept + ",999999999", "部门", "研发部,未知");
        assertInfo(item(data, roles), String.valueOf(role), "角色", "审批人");
        assertInfo(item(data, variable), "creator,creator_tl", "变量", "工单创建人,工单创建人tl");
        assertInfo(item(data, scripted), String.valueOf(script), "", "auto.py");
        assertInfo(item(data, none), "", "", "");
        assertInfo(item(data, brokenRole), "", "角色", "未知");

        JsonNode hookItem = item(data, hook);
        assertThat(hookItem.get("state_field_str").isObject()).isTrue(); // stored "" reads as {}
        JsonNode maskedParticipant = parse(hookItem.get("participant").asText());
        assertThat(maskedParticipant.get("hook_token").asText()).isEqualTo("***");
        assertThat(maskedParticipant.get("hook_url").asText()).isEqualTo("http://h.example/x");
        assertThat(maskedParticipant.get("wait").asBoolean()).isTrue();
        assertThat(hookItem.get("participant_info").get("participant_type_name").asText()).isEqualTo("hook");
        assertThat(parse(hookItem.get("participant_info").get("participant_alias").asText()).get("hook_token").asText())
                .isEqualTo("***");
    }

    @Test
    void stateListIsOrderedPagedAndSearchable() {
        long c = fixture.state(workflowId, "Gamma", 0, 0, "", "{}");
        long a = fixture.state(workflowId, "alpha", 0, 0, "", "{}");
        long b = fixture.state(workflowId, "beta", 0, 0, "", "{}");
        long gone = fixture.state(workflowId, "alphabet", 0, 0, "", "{}");
        jdbc.sql("UPDATE workflow_state SET order_id = 3 WHERE id = :id").param("id", c).update();
        jdbc.sql("UPDATE workflow_state SET order_id = 1 WHERE id = :id").param("id", a).update();
        jdbc.sql("UPDATE workflow_state SET order_id = 2 WHERE id = :id").param("id", b).update();
        jdbc.sql("UPDATE workflow_state SET is_deleted = TRUE WHERE id = :id").param("id", gone).update();

        JsonNode page2 = caller().get("/api/v1.0/workflows/" + workflowId + "/states?per_page=2&page=2").data();
        assertThat(page2.get("total").asInt()).isEqualTo(3);
        assertThat(page2.get("value")).hasSize(1);
        assertThat(page2.get("value").get(0).get("id").asLong()).isEqualTo(c);

        JsonNode all = caller().get("/api/v1.0/workflows/" + workflowId + "/states").data();
        assertThat(all.get("value").findValues("id").stream().map(JsonNode::asLong)).containsExactly(a, b, c);

        JsonNode search = caller().get("/api/v1.0/workflows/" + workflowId + "/states?search_value=GAM").data();
        assertThat(search.get("total").asInt()).isEqualTo(1);
        assertThat(search.get("value").get(0).get("id").asLong()).isEqualTo(c);
    }

    @Test
    void stateListRefusesAnAppThatMayNotUseTheWorkflow() {
        fixture.state(workflowId, "s", 0, 0, "", "{}");
        assertFails(callerOfOtherWorkflow().get("/api/v1.0/workflows/" + workflowId + "/states"),
                "have no permission to get this workflow info");
    }

    @Test
    void stateListRejectsBadPaging() {
        assertFails(caller().get("/api/v1.0/workflows/" + workflowId + "/states?per_page=abc"), "per_page");
    }

    @Test
    void anyConsoleSessionMayListStates() {
        fixture.state(workflowId, "s", 0, 0, "", "{}");
        String plain = fixture.user("plain", false, false);
        ApiClient.Response response = fixture.sessionClient(api(), sessions, plain)
                .get("/api/v1.0/workflows/" + workflowId + "/states");
        assertThat(response.code()).as(response.toString()).isZero();
        assertThat(response.data().get("total").asInt()).isEqualTo(1);
    }

    // ---- state detail --------------------------------------------------------------------------------------

    @Test
    void stateDetailHasLoonflowsKeysAndMasksHookTokens() {
        long hook = fixture.state(workflowId, "钩子", 0, 10,
                "{\"hook_url\": \"https://h.example/x\", \"hook_token\": \"s3cret\", \"wait\": false}",
                "{\"title\": 1}");
        ApiClient.Response response = caller().get("/api/v1.0/workflows/states/" + hook);
        assertThat(response.code()).as(response.toString()).isZero();
        JsonNode data = response.data();
        assertThat(keys(data)).containsExactly("id", "name", "workflow_id", "distribute_type_id", "is_hidden",
                "order_id", "type_id", "participant_type_id", "participant", "state_field", "label", "creator",
                "gmt_created");
        assertThat(data.get("workflow_id").asLong()).isEqualTo(workflowId);
        assertThat(data.get("state_field").get("title").asInt()).isEqualTo(1);
        assertThat(response.body()).doesNotContain("s3cret");
        assertThat(parse(data.get("participant").asText()).get("hook_token").asText()).isEqualTo("***");
    }

    @Test
    void stateDetailMasksUnreadableHookParticipantsWhole() {
        long hook = fixture.state(workflowId, "钩子", 0, 10, "token=s3cret", "{}");
        ApiClient.Response response = caller().get("/api/v1.0/workflows/states/" + hook);
        assertThat(response.data().get("participant").asText()).isEqualTo("***");
    }

    @Test
    void stateDetailNeedsAUsername() {
        long state = fixture.state(workflowId, "s", 0, 0, "", "{}");
        ApiClient.Response response = fixture.signedClient(api(), String.valueOf(workflowId), null)
                .get("/api/v1.0/workflows/states/" + state);
        assertFails(response, "请提供username");
        assertThat(response.data().isTextual()).isTrue();
    }

    @Test
    void stateDetailOfUnknownOrDeletedStateFails() {
        long state = fixture.state(workflowId, "s", 0, 0, "", "{}");
        jdbc.sql("UPDATE workflow_state SET is_deleted = TRUE WHERE id = :id").param("id", state).update();
        assertFails(caller().get("/api/v1.0/workflows/states/" + state), "工单状态不存在或已被删除");
        assertFails(caller().get("/api/v1.0/workflows/states/99999999999"), "工单状态不存在或已被删除");
    }

    @Test
    void stateDetailRefusesAnAppThatMayNotUseTheWorkflow() {
        long state = fixture.state(workflowId, "s", 0, 0, "", "{}");
        assertFails(callerOfOtherWorkflow().get("/api/v1.0/workflows/states/" + state),
                "have no permission to get this workflow info");
    }

    @Test
    void nonNumericIdsAreNotFound() {
        assertThat(caller().get("/api/v1.0/workflows/states/abc").status()).isEqualTo(404);
        assertThat(caller().get("/api/v1.0/workflows/" + workflowId + "x/states").status()).isEqualTo(404);
    }

    private static JsonNode item(JsonNode data, long id) {
        for (JsonNode item : data.get("value")) {
            if (item.get("id").asLong() == id) {
                return item;
            }
        }
        throw new AssertionError("state " + id + " not listed in " + data);
    }

    private static void assertInfo(JsonNode item, String participant, String typeName, String alias) {
        JsonNode info = item.get("participant_info");
        assertThat(info.get("participant").asText()).isEqualTo(participant);
        assertThat(info.get("participant_name").asText()).isEqualTo(participant);
        assertThat(info.get("participant_type_id").asInt()).isEqualTo(item.get("participant_type_id").asInt());
        assertThat(info.get("participant_type_name").asText()).isEqualTo(typeName);
        assertThat(info.get("participant_alias").asText()).isEqualTo(alias);
    }

    static JsonNode parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
