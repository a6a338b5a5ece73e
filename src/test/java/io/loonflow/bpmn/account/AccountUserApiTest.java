package io.loonflow.bpmn.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.Test;

class AccountUserApiTest extends AccountApiTest {

    private static final String USERS = "/api/v1.0/accounts/users";

    private String body(String username, long deptId, String extra) {
        return "{\"username\": \"" + username + "\", \"alias\": \"Alias " + username + "\", \"email\": \"" + username
                + "@example.com\", \"phone\": \"13800000000\", \"dept_id\": " + deptId
                + ", \"is_active\": 1, \"is_admin\": 0, \"is_workflow_admin\": false" + extra + "}";
    }

    @Test
    void listShowsLoonflowsUserObjectWithoutPassword() {
        long deptId = dept(TestData.unique("list_dept"), 0, "", "");
        String name = TestData.unique("list_user");
        long id = data().user(name, false, true);
        setUserColumn(id, "dept_id", deptId);
        setUserColumn(id, "creator", admin);

        ApiClient.Response response = asAdmin().get(USERS + "?search_value=" + name);
        assertOk(response);
        assertThat(response.msg()).isEmpty();
        JsonNode page = response.data();
        assertThat(page.path("total").asLong()).isEqualTo(1);
        assertThat(page.path("page").asInt()).isEqualTo(1);
        assertThat(page.path("per_page").asInt()).isEqualTo(10);
        JsonNode user = page.path("value").get(0);
        assertThat(user.has("password")).isFalse();
        assertThat(user.has("dept_id")).isFalse();
        assertThat(user.has("creator")).isFalse();
        assertThat(user.path("id").asLong()).isEqualTo(id);
        assertThat(user.path("username").asText()).isEqualTo(name);
        assertThat(user.path("last_login").isNull()).isTrue();
        assertThat(user.path("dept_info").path("dept_id").asLong()).isEqualTo(deptId);
        assertThat(user.path("dept_info").path("dept_name").asText()).startsWith("list_dept");
        assertThat(user.path("is_active").asBoolean()).isTrue();
        assertThat(user.path("is_admin").isBoolean()).isTrue();
        assertThat(user.path("is_workflow_admin").asBoolean()).isTrue();
        assertThat(user.path("is_deleted").asBoolean()).isFalse();
        assertThat(user.path("gmt_created").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(user.path("creator_info").path("creator_username").asText()).isEqualTo(admin);
        assertThat(user.path("creator_info").path("creator_id").asLong()).isEqualTo(adminId);
        assertThat(user.path("creator_info").path("creator_alias").asText()).isEqualTo(admin);
        assertThat(response.body()).doesNotContain("unusable");
    }

    @Test
    void listCreatorInfoFallsBackForUnknownCreatorsAndDeptNameForDeletedDepts() {
        long deptId = dept(TestData.unique("gone_dept"), 0, "", "");
        jdbc.sql("UPDATE account_loondept SET is_deleted = TRUE WHERE id = :id").param("id", deptId).update();
        String name = TestData.unique("orphan_user");
        long id = data().user(name, false, false);
        setUserColumn(id, "dept_id", deptId);
        setUserColumn(id, "creator", "ghost_creator");

        JsonNode user = asAdmin().get(USERS + "?search_value=" + name).data().path("value").get(0);
        assertThat(user.path("dept_info").path("dept_name").asText()).isEmpty();
        assertThat(user.path("creator_info").path("creator_id").asLong()).isZero();
        assertThat(user.path("creator_info").path("creator_alias").asText()).isEmpty();
        assertThat(user.path("creator_info").path("creator_username").asText()).isEqualTo("ghost_creator");
    }

    @Test
    void listSearchesUsernameOrAliasIgnoringCaseAndHonoursPaging() {
        String tag = TestData.unique("PageTag");
        for (int i = 0; i < 3; i++) {
            data().user(tag + "_u" + i, false, false);
        }
        long byAlias = data().user(TestData.unique("other"), false, false);
        setUserColumn(byAlias, "alias", "alias-of-" + tag.toLowerCase());
        long deleted = data().user(tag + "_deleted", false, false);
        setUserColumn(deleted, "is_deleted", true);

        JsonNode second = asAdmin().get(USERS + "?search_value=" + tag.toUpperCase() + "&page=2&per_page=3").data();
        assertThat(second.path("total").asLong()).isEqualTo(4);
        assertThat(second.path("page").asInt()).isEqualTo(2);
        assertThat(second.path("per_page").asInt()).isEqualTo(3);
        assertThat(second.path("value")).hasSize(1);
        assertThat(second.path("value").get(0).path("id").asLong()).isEqualTo(byAlias);

        JsonNode beyond = asAdmin().get(USERS + "?search_value=" + tag + "&page=9&per_page=3").data();
        assertThat(beyond.path("page").asInt()).isEqualTo(9); // echoed; the last page is served
        assertThat(beyond.path("value")).hasSize(1);

        // LIKE wildcards in the search text match literally
        assertThat(asAdmin().get(USERS + "?search_value=%25").data().path("total").asLong()).isZero();
        assertFails(asAdmin().get(USERS + "?page=x"), "page must be an integer, got 'x'");
        assertFails(asAdmin().get(USERS + "?per_page=0"), "per_page must be a positive integer");
    }

    @Test
    void listIsForAdminsAndWorkflowAdmins() {
        assertOk(as(workflowAdmin).get(USERS));
        assertFails(as(plainUser).get(USERS), "has no permission:user is not admin or workflow admin");
        assertFails(as(null).get(USERS), "has no permission:username or user_id is needed");
        assertFails(as("no_such_user_x").get(USERS),
                "has no permission:username: no_such_user_x is not existed or has been deleted");
        setUserColumn(adminId, "is_active", false);
        assertFails(asAdmin().get(USERS), "has no permission:user is not active");
    }

    @Test
    void createStoresTheUserWithAHashedOrUnusablePassword() {
        long deptId = dept(TestData.unique("create_dept"), 0, "", "");
        String withPassword = TestData.unique("created_pw");
        ApiClient.Response created = asAdmin().post(USERS, body(withPassword, deptId, ", \"password\": \"Secret-1\""));
        assertOk(created);
        long id = created.data().path("user_id").asLong();
        assertThat(id).isEqualTo(idOfUser(withPassword));
        assertThat(created.body()).doesNotContain("Secret-1");
        String hash = storedPassword(id);
        assertThat(hash).startsWith("pbkdf2_sha256$" + hasher.iterations() + "$").doesNotContain("Secret-1");
        assertThat(jdbc.sql("SELECT creator FROM account_loonuser WHERE id = :id").param("id", id)
                .query(String.class).single()).isEqualTo(admin);
        assertOk(api().login(withPassword, "Secret-1"));

        String noPassword = TestData.unique("created_nopw");
        long second = asAdmin().post(USERS, body(noPassword, deptId, "")).data().path("user_id").asLong();
        assertThat(storedPassword(second)).startsWith("!");

        String emptyPassword = TestData.unique("created_emptypw");
        long third = asAdmin().post(USERS, body(emptyPassword, deptId, ", \"password\": \"\"")).data().path("user_id").asLong();
        assertThat(storedPassword(third)).startsWith("!");
        assertFails(api().login(emptyPassword, ""), "username or password is invalid");

        JsonNode listed = asAdmin().get(USERS + "?search_value=" + noPassword).data().path("value").get(0);
        assertThat(listed.path("alias").asText()).isEqualTo("Alias " + noPassword);
        assertThat(listed.path("email").asText()).isEqualTo(noPassword + "@example.com");
        assertThat(listed.path("phone").asText()).isEqualTo("13800000000");
        assertThat(listed.path("is_active").asBoolean()).isTrue();
        assertThat(listed.path("is_admin").asBoolean()).isFalse();
    }

    @Test
    void createRefusesDuplicateUsernamesIgnoringCaseAndDeletedOnes() {
        long deptId = dept(TestData.unique("dup_dept"), 0, "", "");
        String name = TestData.unique("Dup_User");
        assertOk(asAdmin().post(USERS, body(name, deptId, "")));
        assertFails(asAdmin().post(USERS, body(name.toLowerCase(), deptId, "")), "username: " + name.toLowerCase()
                + " already exists (usernames are unique regardless of letter case, deleted users included)");
        setUserColumn(idOfUser(name), "is_deleted", true);
        assertFailsContaining(asAdmin().post(USERS, body(name, deptId, "")), "already exists");
    }

    @Test
    void createValidatesTheBody() {
        long deptId = dept(TestData.unique("val_dept"), 0, "", "");
        String name = TestData.unique("val_user");
        assertFails(asAdmin().post(USERS, "{}"), "请求参数不合法:Missing keys: 'username', 'alias', 'email', 'phone', "
                + "'dept_id', 'is_active', 'is_admin', 'is_workflow_admin'");
        assertFails(asAdmin().post(USERS, body(name, deptId, ", \"nickname\": \"x\"")), "请求参数不合法:Wrong key 'nickname'");
        assertFails(asAdmin().post(USERS, body("", deptId, "")), "请求参数不合法:username is needed");
        assertFails(asAdmin().post(USERS, body("x".repeat(51), deptId, "")),
                "请求参数不合法:Key 'username' error: at most 50 characters are allowed, got 51");
        assertFails(asAdmin().post(USERS, body("a,b", deptId, "")), "请求参数不合法:Key 'username' error: must not contain ','");
        assertFails(asAdmin().post(USERS, body(" lead", deptId, "")),
                "请求参数不合法:Key 'username' error: must not start or end with spaces");
        assertFails(asAdmin().post(USERS, body(name, deptId, "").replace(name + "@example.com", "not-an-email")),
                "请求参数不合法:Key 'email' error: 'not-an-email' is not a valid email address");
        assertFails(asAdmin().post(USERS, body(name, deptId, "").replace("13800000000", "138000000001234")),
                "请求参数不合法:Key 'phone' error: at most 13 characters are allowed, got 15");
        assertFails(asAdmin().post(USERS, body(name, 0, "")),
                "请求参数不合法:Key 'dept_id' error: should be an integer greater than 0");
        assertFails(asAdmin().post(USERS, body(name, 987654321L, "")), "dept_id: 987654321 is not existed or has been deleted");
        assertFails(asAdmin().post(USERS, body(name, deptId, "").replace("\"is_active\": 1", "\"is_active\": null")),
                "请求参数不合法:Key 'is_active' error: null value must be either True or False");
        assertFails(asAdmin().post(USERS, body(name, deptId, "").replace("\"is_active\": 1", "\"is_active\": \"yes\"")),
                "请求参数不合法:Key 'is_active' error: \"yes\" value must be either True or False");
        assertFailsContaining(asAdmin().post(USERS, "{\"username\": "), "请求参数不合法:");
        assertFailsContaining(asAdmin().post(USERS, ""), "请求参数不合法:");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_loonuser WHERE username = :u").param("u", name)
                .query(Long.class).single()).isZero();
    }

    @Test
    void createNeedsASuperAdmin() {
        long deptId = dept(TestData.unique("perm_dept"), 0, "", "");
        String name = TestData.unique("perm_user");
        assertFails(as(workflowAdmin).post(USERS, body(name, deptId, "")), "has no permission:user is not admin");
        assertFails(as(plainUser).post(USERS, body(name, deptId, "")), "has no permission:user is not admin");
        assertFails(as(null).post(USERS, body(name, deptId, "")), "has no permission:username or user_id is needed");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_loonuser WHERE username = :u").param("u", name)
                .query(Long.class).single()).isZero();
    }

    @Test
    void sessionOfASuperAdminMayCreateUsers() {
        String sessionAdmin = TestData.unique("session_admin");
        userWithPassword(sessionAdmin, "pw", true, false);
        ApiClient browser = api();
        assertOk(browser.login(sessionAdmin, "pw"));
        long deptId = dept(TestData.unique("session_dept"), 0, "", "");
        assertOk(browser.post(USERS, body(TestData.unique("by_session"), deptId, "")));

        String sessionPlain = TestData.unique("session_plain");
        userWithPassword(sessionPlain, "pw", false, false);
        ApiClient plainBrowser = api();
        assertOk(plainBrowser.login(sessionPlain, "pw"));
        assertFails(plainBrowser.post(USERS, body(TestData.unique("refused"), deptId, "")),
                "has no permission:user is not admin");
    }

    @Test
    void updateOverwritesAttributesButNeverThePassword() {
        long deptA = dept(TestData.unique("upd_a"), 0, "", "");
        long deptB = dept(TestData.unique("upd_b"), 0, "", "");
        String name = TestData.unique("upd_user");
        long id = asAdmin().post(USERS, body(name, deptA, ", \"password\": \"keep-me\"")).data().path("user_id").asLong();
        String hash = storedPassword(id);
        String renamed = TestData.unique("renamed");

        ApiClient.Response response = asAdmin().patch(USERS + "/" + id, body(renamed, deptB, ", \"password\": \"ignored\"")
                .replace("\"is_admin\": 0", "\"is_admin\": true"));
        assertOk(response);
        assertThat(response.data()).isEmpty();
        assertThat(storedPassword(id)).isEqualTo(hash);
        JsonNode user = asAdmin().get(USERS + "?search_value=" + renamed).data().path("value").get(0);
        assertThat(user.path("id").asLong()).isEqualTo(id);
        assertThat(user.path("dept_info").path("dept_id").asLong()).isEqualTo(deptB);
        assertThat(user.path("is_admin").asBoolean()).isTrue();
    }

    @Test
    void updateFailures() {
        long deptId = dept(TestData.unique("updf_dept"), 0, "", "");
        String name = TestData.unique("updf_user");
        long id = asAdmin().post(USERS, body(name, deptId, "")).data().path("user_id").asLong();
        assertFails(asAdmin().patch(USERS + "/987654321", body(name, deptId, "")),
                "user_id: 987654321 is not existed or has been deleted");
        assertFailsContaining(asAdmin().patch(USERS + "/" + id, body(admin.toUpperCase(), deptId, "")), "already exists");
        assertFails(asAdmin().patch(USERS + "/" + id, body(name, 987654321L, "")),
                "dept_id: 987654321 is not existed or has been deleted");
        assertFails(asAdmin().patch(USERS + "/" + id, "{\"username\": \"" + name + "\"}"), "请求参数不合法:Missing keys: "
                + "'alias', 'email', 'phone', 'dept_id', 'is_active', 'is_admin', 'is_workflow_admin'");
        assertFails(as(workflowAdmin).patch(USERS + "/" + id, body(name, deptId, "")), "has no permission:user is not admin");
        // a user may keep a dept that was deleted since
        jdbc.sql("UPDATE account_loondept SET is_deleted = TRUE WHERE id = :id").param("id", deptId).update();
        assertOk(asAdmin().patch(USERS + "/" + id, body(name, deptId, "")));
        setUserColumn(id, "is_deleted", true);
        assertFails(asAdmin().patch(USERS + "/" + id, body(name, deptId, "")),
                "user_id: " + id + " is not existed or has been deleted");
    }

    @Test
    void deleteIsSoftAndUnknownIdsFail() {
        String name = TestData.unique("del_user");
        long id = data().user(name, false, false);
        long roleId = role(TestData.unique("del_role"), "");
        member(id, roleId);
        assertFails(as(plainUser).delete(USERS + "/" + id), "has no permission:user is not admin");

        assertOk(asAdmin().delete(USERS + "/" + id));
        assertThat(jdbc.sql("SELECT is_deleted FROM account_loonuser WHERE id = :id").param("id", id)
                .query(Boolean.class).single()).isTrue();
        assertThat(asAdmin().get(USERS + "?search_value=" + name).data().path("total").asLong()).isZero();
        // memberships are kept, as in loonflow
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_loonuserrole WHERE user_id = :id AND is_deleted = FALSE")
                .param("id", id).query(Long.class).single()).isEqualTo(1);

        assertFails(asAdmin().delete(USERS + "/" + id), "user_id: " + id + " is not existed or has been deleted");
        assertFails(asAdmin().delete(USERS + "/987654321"), "user_id: 987654321 is not existed or has been deleted");
    }

    @Test
    void userRolesArePagedAndShowTheLabelJsonEncodedTwice() {
        String name = TestData.unique("roles_user");
        long id = data().user(name, false, false);
        String tag = TestData.unique("rl");
        long first = role(tag + "_a", "{\"k\": \"中\"}");
        long second = role(tag + "_b", "");
        long third = role(tag + "_c", "plain");
        long deletedRole = role(tag + "_d", "");
        jdbc.sql("UPDATE account_loonrole SET is_deleted = TRUE WHERE id = :id").param("id", deletedRole).update();
        long other = role(TestData.unique("other_role"), "");
        for (long roleId : new long[] {first, second, third, deletedRole, other}) {
            member(id, roleId);
        }
        jdbc.sql("UPDATE account_loonuserrole SET is_deleted = TRUE WHERE user_id = :u AND role_id = :r")
                .param("u", id).param("r", other).update();

        ApiClient.Response response = asAdmin().get(USERS + "/" + id + "/roles?per_page=2&page=1");
        assertOk(response);
        JsonNode page = response.data();
        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(page.path("per_page").asInt()).isEqualTo(2);
        assertThat(page.path("value")).hasSize(2);
        JsonNode role = page.path("value").get(0);
        assertThat(role.path("id").asLong()).isEqualTo(first);
        // loonflow's json.dumps(label): a JSON string holding the quoted, escaped text
        assertThat(role.path("label").asText()).isEqualTo("\"{\\\"k\\\": \\\"\\u4e2d\\\"}\"");
        assertThat(page.path("value").get(1).path("label").isObject()).isTrue();
        assertThat(page.path("value").get(1).path("label")).isEmpty();
        assertThat(role.path("creator").asText()).isEqualTo("admin");
        assertThat(role.path("gmt_created").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");

        JsonNode secondPage = asAdmin().get(USERS + "/" + id + "/roles?per_page=2&page=2").data();
        assertThat(secondPage.path("value")).hasSize(1);
        assertThat(secondPage.path("value").get(0).path("label").asText()).isEqualTo("\"plain\"");
        assertThat(asAdmin().get(USERS + "/" + id + "/roles?search_value=" + tag.toUpperCase() + "_B")
                .data().path("total").asLong()).isEqualTo(1);

        assertFails(asAdmin().get(USERS + "/987654321/roles"), "user_id: 987654321 is not existed or has been deleted");
        assertFails(as(workflowAdmin).get(USERS + "/" + id + "/roles"), "has no permission:user is not admin");
    }

    @Test
    void resetPasswordOnlyForAdminsAndWorkflowAdmins() {
        String target = TestData.unique("reset_wf");
        long targetId = userWithPassword(target, "before", false, true);
        ApiClient.Response response = asAdmin().post(USERS + "/" + targetId + "/reset_password", null);
        assertOk(response);
        assertThat(response.msg()).isEqualTo("password has been reset to 123456");
        assertThat(response.data()).isEmpty();
        assertOk(api().login(target, "123456"));
        assertFails(api().login(target, "before"), "username or password is invalid");

        String ordinary = TestData.unique("reset_plain");
        long ordinaryId = userWithPassword(ordinary, "pw", false, false);
        String hash = storedPassword(ordinaryId);
        assertFails(asAdmin().post(USERS + "/" + ordinaryId + "/reset_password", null),
                "just admin or workflow admin can be reset password");
        assertThat(storedPassword(ordinaryId)).isEqualTo(hash);

        assertFails(asAdmin().post(USERS + "/987654321/reset_password", null),
                "user_id: 987654321 is not existed or has been deleted");
        assertFails(as(workflowAdmin).post(USERS + "/" + targetId + "/reset_password", null),
                "has no permission:user is not admin");
    }
}
