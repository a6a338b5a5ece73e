package io.loonflow.bpmn.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.Test;

class AccountRoleApiTest extends AccountApiTest {

    private static final String ROLES = "/api/v1.0/accounts/roles";

    private String labelOf(long roleId) {
        return jdbc.sql("SELECT label FROM account_loonrole WHERE id = :id").param("id", roleId)
                .query(String.class).single();
    }

    @Test
    void createAnswersTheIdInMsgAndListShowsTheRole() {
        String name = TestData.unique("role");
        ApiClient.Response created = asAdmin().post(ROLES, "{\"name\": \"" + name + "\", \"description\": \"desc\"}");
        assertOk(created);
        assertThat(created.data().isObject()).isTrue();
        assertThat(created.data()).isEmpty();
        long id = created.json().path("msg").path("role_id").asLong();
        assertThat(id).isPositive();
        assertThat(labelOf(id)).isEmpty(); // omitted label stored as "", as loonflow's view did

        ApiClient.Response list = asAdmin().get(ROLES + "?search_value=" + name.toUpperCase());
        assertOk(list);
        assertThat(list.data().path("total").asLong()).isEqualTo(1);
        JsonNode role = list.data().path("value").get(0);
        assertThat(role.path("id").asLong()).isEqualTo(id);
        assertThat(role.path("name").asText()).isEqualTo(name);
        assertThat(role.path("description").asText()).isEqualTo("desc");
        assertThat(role.path("label").asText()).isEmpty();
        assertThat(role.path("creator").asText()).isEqualTo(admin);
        assertThat(role.path("is_deleted").asBoolean()).isFalse();
        assertThat(role.path("gmt_modified").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(role.path("creator_info").path("creator_id").asLong()).isEqualTo(adminId);
        assertThat(role.path("creator_info").path("creator_username").asText()).isEqualTo(admin);
        assertThat(role.path("creator_info").path("creator_alias").asText()).isEqualTo(admin);
    }

    @Test
    void listSearchesDescriptionAndPages() {
        String tag = TestData.unique("rtag");
        for (int i = 0; i < 3; i++) {
            role(tag + "_" + i, "");
        }
        long byDescription = role(TestData.unique("x"), "");
        jdbc.sql("UPDATE account_loonrole SET description = :d WHERE id = :id").param("d", "about " + tag)
                .param("id", byDescription).update();
        JsonNode page = asAdmin().get(ROLES + "?search_value=" + tag + "&per_page=2&page=2").data();
        assertThat(page.path("total").asLong()).isEqualTo(4);
        assertThat(page.path("value")).hasSize(2);
        assertThat(page.path("value").get(1).path("id").asLong()).isEqualTo(byDescription);
        assertFails(asAdmin().get(ROLES + "?per_page=abc"), "per_page must be an integer, got 'abc'");
    }

    @Test
    void createValidatesAndNeedsASuperAdmin() {
        assertFails(asAdmin().post(ROLES, "{\"name\": \"\"}"), "请求参数不合法:name is need");
        assertFails(asAdmin().post(ROLES, "{\"description\": \"d\"}"), "请求参数不合法:Missing key: 'name'");
        assertFails(asAdmin().post(ROLES, "{\"name\": \"n\", \"extra\": 1}"), "请求参数不合法:Wrong key 'extra'");
        assertFails(asAdmin().post(ROLES, "{\"name\": \"n\", \"description\": \"" + "d".repeat(51) + "\"}"),
                "请求参数不合法:Key 'description' error: at most 50 characters are allowed, got 51");
        assertFails(asAdmin().post(ROLES, "{\"name\": \"n\", \"label\": [1]}"),
                "请求参数不合法:Key 'label' error: [1] should be instance of 'str'");
        assertFails(as(workflowAdmin).post(ROLES, "{\"name\": \"n\"}"), "has no permission:user is not admin");
        assertFails(as(plainUser).get(ROLES), "has no permission:user is not admin");
        assertFails(as(null).get(ROLES), "has no permission:username or user_id is needed");
    }

    @Test
    void sessionAdminManagesRoles() {
        String sessionAdmin = TestData.unique("role_session");
        userWithPassword(sessionAdmin, "pw", true, false);
        ApiClient browser = api();
        assertOk(browser.login(sessionAdmin, "pw"));
        ApiClient.Response created = browser.post(ROLES, "{\"name\": \"by session\"}");
        assertOk(created);
        long id = created.json().path("msg").path("role_id").asLong();
        assertOk(browser.delete(ROLES + "/" + id));
    }

    @Test
    void updateKeepsOmittedOptionalValues() {
        long id = role(TestData.unique("upd_role"), "{\"ext\": 1}");
        jdbc.sql("UPDATE account_loonrole SET description = 'old desc' WHERE id = :id").param("id", id).update();

        ApiClient.Response response = asAdmin().patch(ROLES + "/" + id, "{\"name\": \"renamed\"}");
        assertOk(response);
        assertThat(response.msg()).isEmpty();
        assertThat(response.data()).isEmpty();
        assertThat(labelOf(id)).isEqualTo("{\"ext\": 1}");
        assertThat(jdbc.sql("SELECT name FROM account_loonrole WHERE id = :id").param("id", id).query(String.class)
                .single()).isEqualTo("renamed");

        assertOk(asAdmin().patch(ROLES + "/" + id, "{\"name\": \"renamed\", \"description\": \"\", \"label\": \"new\"}"));
        assertThat(labelOf(id)).isEqualTo("new");
        assertThat(jdbc.sql("SELECT description FROM account_loonrole WHERE id = :id").param("id", id)
                .query(String.class).single()).isEmpty();
    }

    @Test
    void updateAndDeleteOfUnknownOrDeletedRolesFail() {
        assertFails(asAdmin().patch(ROLES + "/987654321", "{\"name\": \"x\"}"), "role record is not existed");
        assertFails(asAdmin().delete(ROLES + "/987654321"), "role record is not existed");
        long id = role(TestData.unique("del_role"), "");
        assertFails(as(workflowAdmin).delete(ROLES + "/" + id), "has no permission:user is not admin");
        assertOk(asAdmin().delete(ROLES + "/" + id));
        assertFails(asAdmin().delete(ROLES + "/" + id), "role record is not existed");
        assertFails(asAdmin().patch(ROLES + "/" + id, "{\"name\": \"x\"}"), "role record is not existed");
        assertFails(asAdmin().patch(ROLES + "/" + id, "{\"name\": \"\"}"), "请求参数不合法:name is need");
        assertThat(asAdmin().get(ROLES + "?search_value=del_role").data().path("value").toString())
                .doesNotContain("\"id\":" + id + ",");
    }

    @Test
    void membersAreAddedListedAndRemovedOneRoleAtATime() {
        long roleA = role(TestData.unique("mem_a"), "");
        long roleB = role(TestData.unique("mem_b"), "");
        String name = TestData.unique("member");
        long userId = data().user(name, false, false);

        ApiClient.Response added = asAdmin().post(ROLES + "/" + roleA + "/users", "{\"user_id\": " + userId + "}");
        assertOk(added);
        assertThat(added.data()).isEmpty();
        assertOk(asAdmin().post(ROLES + "/" + roleB + "/users", "{\"user_id\": " + userId + "}"));
        assertFails(asAdmin().post(ROLES + "/" + roleA + "/users", "{\"user_id\": " + userId + "}"),
                "user has been existed in this role");
        assertThat(jdbc.sql("SELECT creator FROM account_loonuserrole WHERE role_id = :r").param("r", roleA)
                .query(String.class).single()).isEqualTo(admin);

        JsonNode members = asAdmin().get(ROLES + "/" + roleA + "/users").data();
        assertThat(members.path("total").asLong()).isEqualTo(1);
        JsonNode user = members.path("value").get(0);
        assertThat(user.path("username").asText()).isEqualTo(name);
        assertThat(user.has("password")).isFalse();
        assertThat(user.has("dept_info")).isTrue();

        // loonflow removed the user from every role here
        assertOk(asAdmin().delete(ROLES + "/" + roleA + "/users/" + userId));
        assertThat(asAdmin().get(ROLES + "/" + roleA + "/users").data().path("total").asLong()).isZero();
        assertThat(asAdmin().get(ROLES + "/" + roleB + "/users").data().path("total").asLong()).isEqualTo(1);
        assertFails(asAdmin().delete(ROLES + "/" + roleA + "/users/" + userId), "record is not existed or has been deleted");
        // may join again after leaving
        assertOk(asAdmin().post(ROLES + "/" + roleA + "/users", "{\"user_id\": " + userId + "}"));
    }

    @Test
    void memberListPagesSearchesAndSkipsDeletedUsers() {
        long roleId = role(TestData.unique("page_role"), "");
        String tag = TestData.unique("mp");
        for (int i = 0; i < 3; i++) {
            member(data().user(tag + "_" + i, false, false), roleId);
        }
        long gone = data().user(tag + "_gone", false, false);
        member(gone, roleId);
        setUserColumn(gone, "is_deleted", true);

        JsonNode page = asAdmin().get(ROLES + "/" + roleId + "/users?per_page=2&page=2").data();
        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(page.path("page").asInt()).isEqualTo(2);
        assertThat(page.path("value")).hasSize(1);
        assertThat(page.path("value").get(0).path("username").asText()).isEqualTo(tag + "_2");
        assertThat(asAdmin().get(ROLES + "/" + roleId + "/users?search_value=" + tag + "_1").data()
                .path("total").asLong()).isEqualTo(1);
    }

    @Test
    void memberFailures() {
        long roleId = role(TestData.unique("fail_role"), "");
        assertFails(asAdmin().post(ROLES + "/" + roleId + "/users", "{\"user_id\": \"5\"}"),
                "请求参数不合法:user_id is needed and should be int");
        assertFails(asAdmin().post(ROLES + "/" + roleId + "/users", "{}"), "请求参数不合法:Missing key: 'user_id'");
        assertFails(asAdmin().post(ROLES + "/" + roleId + "/users", "{\"user_id\": 987654321}"),
                "user_id: 987654321 is not existed or has been deleted");
        assertFails(asAdmin().post(ROLES + "/987654321/users", "{\"user_id\": " + plainUserId + "}"),
                "role record is not existed");
        assertFails(asAdmin().get(ROLES + "/987654321/users"), "role record is not existed");
        assertFails(as(workflowAdmin).post(ROLES + "/" + roleId + "/users", "{\"user_id\": " + plainUserId + "}"),
                "has no permission:user is not admin");
        assertFails(as(plainUser).get(ROLES + "/" + roleId + "/users"), "has no permission:user is not admin");
        assertFails(as(plainUser).delete(ROLES + "/" + roleId + "/users/" + plainUserId),
                "has no permission:user is not admin");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_loonuserrole WHERE role_id = :r").param("r", roleId)
                .query(Long.class).single()).isZero();
    }
}
