package io.loonflow.bpmn.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.Test;

class AccountDeptApiTest extends AccountApiTest {

    private static final String DEPTS = "/api/v1.0/accounts/depts";

    private Map<String, Object> stored(long deptId) {
        return jdbc.sql("SELECT name, parent_dept_id, leader, approver, label, creator FROM account_loondept WHERE id = :id")
                .param("id", deptId).query().singleRow();
    }

    private long created(ApiClient.Response response) {
        assertOk(response);
        assertThat(response.data().isObject()).isTrue();
        assertThat(response.data()).isEmpty();
        return response.json().path("msg").path("dept_id").asLong();
    }

    @Test
    void createConvertsLeaderAndApproverIdsToUsernames() {
        String leader = TestData.unique("leader");
        long leaderId = data().user(leader, false, false);
        String approverA = TestData.unique("appr_a");
        long approverAId = data().user(approverA, false, false);
        String approverB = TestData.unique("appr_b");
        long approverBId = data().user(approverB, false, false);
        long parent = dept(TestData.unique("parent"), 0, "", "");
        String name = TestData.unique("dept");

        long id = created(asAdmin().post(DEPTS, "{\"name\": \"" + name + "\", \"parent_dept_id\": " + parent
                + ", \"leader\": \"" + leaderId + "\", \"approver\": \"" + approverBId + ", " + approverAId + ","
                + approverBId + "\", \"label\": \"{\\\"ext_id\\\": 7}\"}"));
        Map<String, Object> row = stored(id);
        assertThat(valueOf(row, "name")).isEqualTo(name);
        assertThat(valueOf(row, "leader")).isEqualTo(leader);
        assertThat(valueOf(row, "approver")).isEqualTo(approverB + "," + approverA);
        assertThat(valueOf(row, "label")).isEqualTo("{\"ext_id\": 7}");
        assertThat(((Number) valueOf(row, "parent_dept_id")).longValue()).isEqualTo(parent);
        assertThat(valueOf(row, "creator")).isEqualTo(admin);
    }

    @Test
    void createWithOnlyANameStoresEmptyValues() {
        // loonflow crashed without an approver and wrote NULL for the omitted parent and label
        long id = created(asAdmin().post(DEPTS, "{\"name\": \"" + TestData.unique("bare") + "\"}"));
        Map<String, Object> row = stored(id);
        assertThat(((Number) valueOf(row, "parent_dept_id")).longValue()).isZero();
        assertThat(valueOf(row, "leader")).isEqualTo("");
        assertThat(valueOf(row, "approver")).isEqualTo("");
        assertThat(valueOf(row, "label")).isEqualTo("");
        long second = created(asAdmin().post(DEPTS, "{\"name\": \"" + TestData.unique("empty") + "\", \"leader\": \"\","
                + " \"approver\": \"\", \"parent_dept_id\": 0, \"label\": \"\"}"));
        assertThat(valueOf(stored(second), "approver")).isEqualTo("");
    }

    @Test
    void createFailures() {
        String name = TestData.unique("bad_dept");
        assertFails(asAdmin().post(DEPTS, "{\"name\": \"\"}"), "请求参数不合法:name is need");
        assertFails(asAdmin().post(DEPTS, "{\"name\": \"" + "n".repeat(51) + "\"}"),
                "请求参数不合法:Key 'name' error: at most 50 characters are allowed, got 51");
        assertFails(asAdmin().post(DEPTS, "{\"name\": \"" + name + "\", \"parent\": 1}"), "请求参数不合法:Wrong key 'parent'");
        assertFails(asAdmin().post(DEPTS, "{\"name\": \"" + name + "\", \"parent_dept_id\": 987654321}"),
                "parent_dept_id: 987654321 is not existed or has been deleted");
        assertFails(asAdmin().post(DEPTS, "{\"name\": \"" + name + "\", \"parent_dept_id\": -1}"),
                "请求参数不合法:Key 'parent_dept_id' error: should be an integer of 0 or more");
        assertFails(asAdmin().post(DEPTS, "{\"name\": \"" + name + "\", \"leader\": \"987654321\"}"),
                "user_id: 987654321 is not existed or has been deleted");
        assertFails(asAdmin().post(DEPTS, "{\"name\": \"" + name + "\", \"leader\": \"bob\"}"),
                "请求参数不合法:Key 'leader' error: 'bob' is not an integer");
        assertFails(asAdmin().post(DEPTS, "{\"name\": \"" + name + "\", \"approver\": \"" + plainUserId + ",987654321\"}"),
                "user_id: 987654321 is not existed or has been deleted");
        long deletedUser = data().user(TestData.unique("deleted_appr"), false, false);
        setUserColumn(deletedUser, "is_deleted", true);
        assertFails(asAdmin().post(DEPTS, "{\"name\": \"" + name + "\", \"approver\": \"" + deletedUser + "\"}"),
                "user_id: " + deletedUser + " is not existed or has been deleted");
        assertFails(asAdmin().post(DEPTS, "{\"name\": \"" + name + "\", \"label\": \"" + "l".repeat(1001) + "\"}"),
                "请求参数不合法:Key 'label' error: at most 1000 characters are allowed, got 1001");
        assertFails(as(workflowAdmin).post(DEPTS, "{\"name\": \"" + name + "\"}"), "has no permission:user is not admin");
        assertFails(as(null).post(DEPTS, "{\"name\": \"" + name + "\"}"), "has no permission:username or user_id is needed");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_loondept WHERE name = :n").param("n", name)
                .query(Long.class).single()).isZero();
    }

    @Test
    void listShowsParentLeaderApproverAndCreatorInfo() {
        String tag = TestData.unique("ltag");
        String leader = TestData.unique("lead");
        long leaderId = data().user(leader, false, false);
        setUserColumn(leaderId, "alias", "Leader Alias");
        long parent = dept(tag + "_parent", 0, "", "");
        long child = dept(tag + "_child", parent, leader, leader + ",ghost_user");
        long orphan = dept(tag + "_orphan", 987654321L, "ghost_leader", "");
        jdbc.sql("UPDATE account_loondept SET creator = :c WHERE id IN (:ids)").param("c", admin)
                .param("ids", java.util.List.of(parent, child)).update();

        JsonNode page = asAdmin().get(DEPTS + "?search_value=" + tag.toUpperCase()).data();
        assertThat(page.path("total").asLong()).isEqualTo(3);
        JsonNode parentItem = page.path("value").get(0);
        assertThat(parentItem.path("id").asLong()).isEqualTo(parent);
        assertThat(parentItem.path("parent_dept_info").path("parent_dept_name").asText()).isEmpty();
        assertThat(parentItem.path("leader_info").path("leader_username").asText()).isEmpty();
        assertThat(parentItem.path("leader_info").path("leader_id").asLong()).isZero();
        assertThat(parentItem.path("approver_info").isArray()).isTrue();
        assertThat(parentItem.path("approver_info")).isEmpty();
        // the creator exists: loonflow's dept creator_info then has no username key
        assertThat(parentItem.path("creator_info").has("creator_username")).isFalse();
        assertThat(parentItem.path("creator_info").path("creator_id").asLong()).isEqualTo(adminId);

        JsonNode childItem = page.path("value").get(1);
        assertThat(childItem.path("name").asText()).isEqualTo(tag + "_child");
        assertThat(childItem.path("parent_dept_id").asLong()).isEqualTo(parent);
        assertThat(childItem.path("leader").asText()).isEqualTo(leader);
        assertThat(childItem.path("is_deleted").asBoolean()).isFalse();
        assertThat(childItem.path("parent_dept_info").path("parent_dept_name").asText()).isEqualTo(tag + "_parent");
        assertThat(childItem.path("leader_info").path("leader_alias").asText()).isEqualTo("Leader Alias");
        assertThat(childItem.path("leader_info").path("leader_id").asLong()).isEqualTo(leaderId);
        assertThat(childItem.path("approver_info")).hasSize(2);
        assertThat(childItem.path("approver_info").get(0).path("approver_id").asLong()).isEqualTo(leaderId);
        assertThat(childItem.path("approver_info").get(1).path("approver_name").asText()).isEqualTo("ghost_user");
        assertThat(childItem.path("approver_info").get(1).path("approver_alias").asText()).isEqualTo("ghost_user");
        assertThat(childItem.path("approver_info").get(1).path("approver_id").asLong()).isZero();
        assertThat(childItem.path("creator_info").path("creator_alias").asText()).isEqualTo(admin);

        JsonNode orphanItem = page.path("value").get(2);
        assertThat(orphanItem.path("id").asLong()).isEqualTo(orphan);
        assertThat(orphanItem.path("parent_dept_info").path("parent_dept_name").asText()).isEqualTo("未知");
        assertThat(orphanItem.path("leader_info").path("leader_alias").asText()).isEqualTo("ghost_leader");
        assertThat(orphanItem.path("leader_info").path("leader_id").asLong()).isZero();

        jdbc.sql("UPDATE account_loondept SET creator = 'nobody_creator' WHERE id = :id").param("id", orphan).update();
        JsonNode creatorInfo = asAdmin().get(DEPTS + "?search_value=" + tag + "_orphan").data().path("value").get(0)
                .path("creator_info");
        assertThat(creatorInfo.path("creator_id").asLong()).isZero();
        assertThat(creatorInfo.path("creator_username").asText()).isEqualTo("nobody_creator");

        JsonNode paged = asAdmin().get(DEPTS + "?search_value=" + tag + "&per_page=2&page=2").data();
        assertThat(paged.path("value")).hasSize(1);
        assertThat(paged.path("total").asLong()).isEqualTo(3);
        assertFails(as(plainUser).get(DEPTS), "has no permission:user is not admin");
    }

    @Test
    void listSearchesTheLabelAndSkipsDeletedDepts() {
        String tag = TestData.unique("label");
        long byLabel = dept(TestData.unique("d"), 0, "", "");
        jdbc.sql("UPDATE account_loondept SET label = :l WHERE id = :id").param("l", "{\"k\": \"" + tag + "\"}")
                .param("id", byLabel).update();
        long deleted = dept(tag + "_deleted", 0, "", "");
        jdbc.sql("UPDATE account_loondept SET is_deleted = TRUE WHERE id = :id").param("id", deleted).update();
        JsonNode page = asAdmin().get(DEPTS + "?search_value=" + tag).data();
        assertThat(page.path("total").asLong()).isEqualTo(1);
        assertThat(page.path("value").get(0).path("id").asLong()).isEqualTo(byLabel);
    }

    @Test
    void updateChangesSentValuesAndKeepsOmittedOnes() {
        String leader = TestData.unique("keep_leader");
        long id = dept(TestData.unique("upd"), 0, leader, leader);
        jdbc.sql("UPDATE account_loondept SET label = 'keep' WHERE id = :id").param("id", id).update();
        ApiClient.Response response = asAdmin().patch(DEPTS + "/" + id, "{\"name\": \"renamed\"}");
        assertOk(response);
        assertThat(response.data()).isEmpty();
        Map<String, Object> row = stored(id);
        assertThat(valueOf(row, "name")).isEqualTo("renamed");
        assertThat(valueOf(row, "leader")).isEqualTo(leader);
        assertThat(valueOf(row, "approver")).isEqualTo(leader);
        assertThat(valueOf(row, "label")).isEqualTo("keep");

        // an empty leader/approver clears them (loonflow wrote NULL for the leader)
        long parent = dept(TestData.unique("new_parent"), 0, "", "");
        assertOk(asAdmin().patch(DEPTS + "/" + id, "{\"name\": \"renamed\", \"leader\": \"\", \"approver\": \"\","
                + " \"parent_dept_id\": " + parent + ", \"label\": \"\"}"));
        row = stored(id);
        assertThat(valueOf(row, "leader")).isEqualTo("");
        assertThat(valueOf(row, "approver")).isEqualTo("");
        assertThat(valueOf(row, "label")).isEqualTo("");
        assertThat(((Number) valueOf(row, "parent_dept_id")).longValue()).isEqualTo(parent);

        assertOk(asAdmin().patch(DEPTS + "/" + id, "{\"name\": \"renamed\", \"leader\": \"" + plainUserId + "\"}"));
        assertThat(valueOf(stored(id), "leader")).isEqualTo(plainUser);
        assertOk(asAdmin().patch(DEPTS + "/" + id, "{\"name\": \"renamed\", \"parent_dept_id\": 0}"));
        assertThat(((Number) valueOf(stored(id), "parent_dept_id")).longValue()).isZero();
    }

    @Test
    void updateRefusesParentCycles() {
        long top = dept(TestData.unique("top"), 0, "", "");
        long middle = dept(TestData.unique("middle"), top, "", "");
        long bottom = dept(TestData.unique("bottom"), middle, "", "");
        assertFailsContaining(asAdmin().patch(DEPTS + "/" + top, "{\"name\": \"top\", \"parent_dept_id\": " + bottom + "}"),
                "a dept cannot be its own ancestor");
        assertFailsContaining(asAdmin().patch(DEPTS + "/" + top, "{\"name\": \"top\", \"parent_dept_id\": " + top + "}"),
                "a dept cannot be its own ancestor");
        assertThat(((Number) valueOf(stored(top), "parent_dept_id")).longValue()).isZero();
        // moving a subtree elsewhere is fine
        long other = dept(TestData.unique("other"), 0, "", "");
        assertOk(asAdmin().patch(DEPTS + "/" + middle, "{\"name\": \"middle\", \"parent_dept_id\": " + other + "}"));
        assertOk(asAdmin().patch(DEPTS + "/" + top, "{\"name\": \"top\", \"parent_dept_id\": " + bottom + "}"));
    }

    @Test
    void updateAndDeleteFailures() {
        long id = dept(TestData.unique("fail"), 0, "", "");
        assertFails(asAdmin().patch(DEPTS + "/987654321", "{\"name\": \"x\"}"), "dept is not existed or has been deleted");
        assertFails(asAdmin().patch(DEPTS + "/" + id, "{\"name\": \"x\", \"parent_dept_id\": 987654321}"),
                "parent_dept_id: 987654321 is not existed or has been deleted");
        assertFails(asAdmin().patch(DEPTS + "/" + id, "{\"name\": \"x\", \"approver\": \"987654321,abc\"}"),
                "请求参数不合法:Key 'approver' error: 'abc' is not an integer");
        assertFails(asAdmin().patch(DEPTS + "/" + id, "{\"label\": \"x\"}"), "请求参数不合法:Missing key: 'name'");
        assertFails(as(workflowAdmin).patch(DEPTS + "/" + id, "{\"name\": \"x\"}"), "has no permission:user is not admin");
        assertFails(as(workflowAdmin).delete(DEPTS + "/" + id), "has no permission:user is not admin");

        ApiClient.Response deleted = asAdmin().delete(DEPTS + "/" + id);
        assertOk(deleted);
        assertThat(deleted.data()).isEmpty();
        assertFails(asAdmin().delete(DEPTS + "/" + id), "dept is not existed or has been deleted");
        assertFails(asAdmin().patch(DEPTS + "/" + id, "{\"name\": \"x\"}"), "dept is not existed or has been deleted");
        assertFails(asAdmin().delete(DEPTS + "/987654321"), "dept is not existed or has been deleted");
        // a deleted dept cannot become a parent
        long child = dept(TestData.unique("child"), 0, "", "");
        assertFails(asAdmin().patch(DEPTS + "/" + child, "{\"name\": \"x\", \"parent_dept_id\": " + id + "}"),
                "parent_dept_id: " + id + " is not existed or has been deleted");
    }

    /** Column labels are upper case on H2 and lower case on MySQL. */
    private static Object valueOf(Map<String, Object> row, String column) {
        return row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase());
    }
}
