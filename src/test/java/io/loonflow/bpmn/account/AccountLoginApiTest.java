package io.loonflow.bpmn.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.Test;

class AccountLoginApiTest extends AccountApiTest {

    private static final String USERS = "/api/v1.0/accounts/users";

    @Test
    void sessionLoginThenAdminCallAndLastLoginRecorded() {
        String name = TestData.unique("login_admin");
        long id = userWithPassword(name, "Pa55-word", true, false);
        ApiClient browser = api();

        ApiClient.Response login = browser.login(name, "Pa55-word");
        assertOk(login);
        assertThat(login.data().isObject()).isTrue();
        assertThat(login.data()).isEmpty();
        assertThat(login.headers().get("set-cookie")).anyMatch(c -> c.startsWith("sessionid="));

        ApiClient.Response list = browser.get(USERS + "?search_value=" + name);
        assertOk(list);
        assertThat(list.data().path("value").get(0).path("username").asText()).isEqualTo(name);
        assertThat(list.data().path("value").get(0).path("last_login").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        // the fixture hash had 1000 iterations: upgraded to the configured count on this login
        assertThat(storedPassword(id)).startsWith("pbkdf2_sha256$" + hasher.iterations() + "$");
        assertOk(api().login(name, "Pa55-word"));
    }

    @Test
    void usernameIsMatchedIgnoringCaseAndTheSessionUsesTheStoredName() {
        String name = TestData.unique("Login_Case");
        userWithPassword(name, "pw-1", true, false);
        ApiClient browser = api();
        assertOk(browser.login(name.toUpperCase(), "pw-1"));
        // the session acts as the stored user: it is the creator of what it creates
        ApiClient.Response created = browser.post("/api/v1.0/accounts/roles", "{\"name\": \"r\"}");
        assertOk(created);
        long roleId = created.json().path("msg").path("role_id").asLong();
        assertThat(jdbc.sql("SELECT creator FROM account_loonrole WHERE id = :id").param("id", roleId)
                .query(String.class).single()).isEqualTo(name);
    }

    @Test
    void wrongPasswordUnknownUserAndEmptyValuesAreRefusedAlike() {
        String name = TestData.unique("login_wrong");
        userWithPassword(name, "right", false, false);
        assertFails(api().login(name, "wrong"), "username or password is invalid");
        assertFails(api().login(TestData.unique("nobody"), "right"), "username or password is invalid");
        assertFails(api().login(name, ""), "username or password is invalid");
        assertFails(api().login("", "right"), "username or password is invalid");
        assertFails(api().post("/api/v1.0/accounts/login", "{\"username\": \"" + name + "\"}"),
                "username or password is invalid");
    }

    @Test
    void deletedAndInactiveUsersCannotLogIn() {
        String deleted = TestData.unique("login_deleted");
        setUserColumn(userWithPassword(deleted, "pw", true, false), "is_deleted", true);
        assertFails(api().login(deleted, "pw"), "username or password is invalid");

        String inactive = TestData.unique("login_inactive");
        setUserColumn(userWithPassword(inactive, "pw", true, false), "is_active", false);
        assertFails(api().login(inactive, "pw"), "username or password is invalid");
    }

    @Test
    void unusableAndEmptyStringHashesNeverOpen() {
        String unusable = TestData.unique("login_unusable");
        data().user(unusable, false, false); // password '!unusable'
        assertFails(api().login(unusable, "!unusable"), "username or password is invalid");
        assertFails(api().login(unusable, "unusable"), "username or password is invalid");

        // what loonflow stored for console users created without a password: a real hash of ""
        String legacy = TestData.unique("login_legacy");
        long id = userWithPassword(legacy, "placeholder", false, false);
        setUserColumn(id, "password",
                "pbkdf2_sha256$1000$emptysalt123$H/zeUEn3NyBDb6ao/brsT+RLvy0piCE8KClNR/m0w9U=");
        assertFails(api().login(legacy, ""), "username or password is invalid");
    }

    @Test
    void migratedLoonflowHashLogsIn() {
        String name = TestData.unique("login_migrated");
        long id = userWithPassword(name, "placeholder", true, false);
        setUserColumn(id, "password", "pbkdf2_sha256$100000$Xq3Rm8TzLp2W$YtADwZoIQepE1AvBIjH7nqmMqGzPvtGevHu+xgwpQwA=");
        assertOk(api().login(name, "loonflow123"));
    }

    @Test
    void malformedBodiesAnswerInTheEnvelope() {
        assertFails(api().post("/api/v1.0/accounts/login", ""), "patch参数为空");
        assertFailsContaining(api().post("/api/v1.0/accounts/login", "{not json"), "请求参数不合法:");
        assertFailsContaining(api().post("/api/v1.0/accounts/login", "[1, 2]"), "请求参数不合法:");
        assertFailsContaining(api().post("/api/v1.0/accounts/login", "{\"username\": {\"a\": 1}, \"password\": \"x\"}"),
                "请求参数不合法:");
        assertFails(api().post("/api/v1.0/accounts/login",
                "{\"username\": \"admin\", \"password\": \"" + "x".repeat(5000) + "\"}"), "username or password is invalid");
    }

    @Test
    void logoutRedirectsToTheConsoleAndEndsTheSession() {
        String name = TestData.unique("logout");
        userWithPassword(name, "pw", true, false);
        ApiClient browser = api();
        assertOk(browser.login(name, "pw"));
        assertOk(browser.get(USERS));

        ApiClient.Response logout = browser.get("/api/v1.0/accounts/logout");
        assertThat(logout.status()).isEqualTo(302);
        assertThat(logout.headers().get("location")).containsExactly("/manage");

        assertFails(browser.get(USERS), "permission check fail：appname is not provide in request header");
    }

    @Test
    void logoutWithoutSessionOrTokenIsRefusedByTheApiFilter() {
        ApiClient.Response response = api().get("/api/v1.0/accounts/logout");
        assertFails(response, "permission check fail：appname is not provide in request header");
    }

    @Test
    void sessionOfAUserDeletedOrDeactivatedAfterLoginStopsWorking() {
        String deleted = TestData.unique("session_deleted");
        long deletedId = userWithPassword(deleted, "pw", true, false);
        ApiClient first = api();
        assertOk(first.login(deleted, "pw"));
        assertOk(first.get(USERS));
        setUserColumn(deletedId, "is_deleted", true);
        assertFails(first.get(USERS), "permission check fail：appname is not provide in request header");

        String inactive = TestData.unique("session_inactive");
        long inactiveId = userWithPassword(inactive, "pw", true, false);
        ApiClient second = api();
        assertOk(second.login(inactive, "pw"));
        setUserColumn(inactiveId, "is_active", false);
        assertFails(second.get(USERS), "permission check fail：appname is not provide in request header");
    }

    @Test
    void changePasswordOfTheLoggedInUser() {
        String name = TestData.unique("change_pw");
        userWithPassword(name, "old-pw", false, false);
        ApiClient browser = api();
        assertOk(browser.login(name, "old-pw"));
        String path = "/api/v1.0/accounts/users/change_password";

        assertFails(browser.post(path, "{\"source_password\": \"old-pw\", \"new_password\": \"a\", \"new_password_again\": \"b\"}"),
                "两次密码不一致，请重新输入");
        assertFails(browser.post(path, "{\"source_password\": \"nope\", \"new_password\": \"n\", \"new_password_again\": \"n\"}"),
                "source password is invalid");
        assertFails(browser.post(path, "{\"source_password\": \"old-pw\", \"new_password\": \"\", \"new_password_again\": \"\"}"),
                "请求参数不合法:new_password is needed");
        assertFails(browser.post(path, "{\"source_password\": \"old-pw\"}"),
                "请求参数不合法:Missing keys: 'new_password', 'new_password_again'");

        assertOk(browser.post(path,
                "{\"source_password\": \"old-pw\", \"new_password\": \"new-pw\", \"new_password_again\": \"new-pw\"}"));
        assertFails(api().login(name, "old-pw"), "username or password is invalid");
        assertOk(api().login(name, "new-pw"));
    }

    @Test
    void changePasswordNeedsAUser() {
        assertFails(as(null).post("/api/v1.0/accounts/users/change_password",
                        "{\"source_password\": \"a\", \"new_password\": \"b\", \"new_password_again\": \"b\"}"),
                "has no permission:username or user_id is needed");
    }
}
