package io.loonflow.bpmn.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Base of the account endpoint tests: a fresh app token, a super admin, a workflow admin and a plain user per
 * test, and rows inserted straight into the tables. Passwords of fixture users are hashed with few iterations,
 * so that logging in stays fast apart from the one-time upgrade.
 */
abstract class AccountApiTest extends IntegrationTest {

    static final DjangoPasswordHasher FAST_HASHER = new DjangoPasswordHasher(1000);

    /** The application's hasher, configured with {@code loonflow.password-iterations}. */
    @Autowired
    protected DjangoPasswordHasher hasher;

    protected String app;
    protected String appToken;
    protected String admin;
    protected long adminId;
    protected String workflowAdmin;
    protected String plainUser;
    protected long plainUserId;

    @BeforeEach
    void callers() {
        app = TestData.unique("acc_app");
        appToken = data().appToken(app, "");
        admin = TestData.unique("acc_admin");
        adminId = data().user(admin, true, false);
        workflowAdmin = TestData.unique("acc_wfadmin");
        data().user(workflowAdmin, false, true);
        plainUser = TestData.unique("acc_user");
        plainUserId = data().user(plainUser, false, false);
    }

    /** A signed call acting for the super admin. */
    protected ApiClient asAdmin() {
        return as(admin);
    }

    /** A signed call acting for {@code username} (null: no username header). */
    protected ApiClient as(String username) {
        ApiClient client = api().signed(app, appToken);
        return username == null ? client : client.username(username);
    }

    /** A user with a usable password. */
    protected long userWithPassword(String username, String password, boolean admin, boolean workflowAdmin) {
        jdbc.sql("""
                INSERT INTO account_loonuser (password, username, alias, email, is_active, is_admin, is_workflow_admin,
                    creator)
                VALUES (:password, :username, :username, 'x@example.com', TRUE, :admin, :wfadmin, 'admin')""")
                .param("password", FAST_HASHER.hash(password)).param("username", username)
                .param("admin", admin).param("wfadmin", workflowAdmin).update();
        return idOfUser(username);
    }

    protected long idOfUser(String username) {
        return jdbc.sql("SELECT id FROM account_loonuser WHERE username = :u").param("u", username)
                .query(Long.class).single();
    }

    protected long dept(String name, long parentId, String leader, String approver) {
        jdbc.sql("""
                INSERT INTO account_loondept (name, parent_dept_id, leader, approver, label, creator)
                VALUES (:name, :parent, :leader, :approver, '', 'admin')""")
                .param("name", name).param("parent", parentId).param("leader", leader).param("approver", approver)
                .update();
        return jdbc.sql("SELECT MAX(id) FROM account_loondept WHERE name = :name").param("name", name)
                .query(Long.class).single();
    }

    protected long role(String name, String label) {
        jdbc.sql("INSERT INTO account_loonrole (name, description, label, creator) VALUES (:name, '', :label, 'admin')")
                .param("name", name).param("label", label).update();
        return jdbc.sql("SELECT MAX(id) FROM account_loonrole WHERE name = :name").param("name", name)
                .query(Long.class).single();
    }

    protected void member(long userId, long roleId) {
        jdbc.sql("INSERT INTO account_loonuserrole (user_id, role_id, creator) VALUES (:u, :r, 'admin')")
                .param("u", userId).param("r", roleId).update();
    }

    protected void setUserColumn(long userId, String column, Object value) {
        // column names come from the tests themselves, never from input
        jdbc.sql("UPDATE account_loonuser SET " + column + " = :v WHERE id = :id").param("v", value)
                .param("id", userId).update();
    }

    protected String storedPassword(long userId) {
        return jdbc.sql("SELECT password FROM account_loonuser WHERE id = :id").param("id", userId)
                .query(String.class).single();
    }

    static void assertFails(ApiClient.Response response, String msg) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.code()).as(response.toString()).isEqualTo(-1);
        assertThat(response.msg()).as(response.toString()).isEqualTo(msg);
    }

    static void assertFailsContaining(ApiClient.Response response, String part) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.code()).as(response.toString()).isEqualTo(-1);
        assertThat(response.msg()).as(response.toString()).contains(part);
    }

    static void assertOk(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
    }
}
