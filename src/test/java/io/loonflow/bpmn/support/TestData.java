package io.loonflow.bpmn.support;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Inserts uniquely named fixtures straight into the tables, for tests that need them as a starting point. */
public final class TestData {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private final JdbcClient jdbc;

    public TestData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A name no other test uses, e.g. {@code unique("app")} → {@code app_123456}. */
    public static String unique(String prefix) {
        return prefix + "_" + SEQUENCE.incrementAndGet();
    }

    /** An app token row allowed to use the given workflow ids; returns its secret token. */
    public String appToken(String appName, String workflowIds) {
        String token = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO account_apptoken (app_name, token, workflow_ids, ticket_sn_prefix, creator)
                VALUES (:app, :token, :ids, 'loonflow', 'admin')""")
                .param("app", appName).param("token", token).param("ids", workflowIds).update();
        return token;
    }

    /** A user row with the given flags and an unusable password. */
    public long user(String username, boolean admin, boolean workflowAdmin) {
        jdbc.sql("""
                INSERT INTO account_loonuser (password, username, alias, is_active, is_admin, is_workflow_admin, creator)
                VALUES ('!unusable', :username, :username, TRUE, :admin, :wfadmin, 'admin')""")
                .param("username", username).param("admin", admin).param("wfadmin", workflowAdmin).update();
        return jdbc.sql("SELECT id FROM account_loonuser WHERE username = :username")
                .param("username", username).query(Long.class).single();
    }

    /** Adds a workflow to the workflows an app token may use. */
    public void allowApp(String appName, long workflowId) {
        String ids = jdbc.sql("SELECT workflow_ids FROM account_apptoken WHERE app_name = :app AND is_deleted = FALSE")
                .param("app", appName).query(String.class).single();
        jdbc.sql("UPDATE account_apptoken SET workflow_ids = :ids WHERE app_name = :app AND is_deleted = FALSE")
                .param("ids", ids.isBlank() ? String.valueOf(workflowId) : ids + "," + workflowId)
                .param("app", appName).update();
    }

    /** The engine's process instance of a ticket. */
    public String processInstanceOf(long ticketId) {
        return jdbc.sql("SELECT proc_inst_id FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId)
                .query(String.class).single();
    }
}
