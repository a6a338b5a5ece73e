package io.loonflow.bpmn.definition;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.TestData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Rows for the state and transition tests, inserted straight into the tables (the workflow and custom-field
 * endpoints belong to another part of the service), plus callers: signed apps and console sessions.
 */
final class StateFixture {

    /** What {@code ConsoleSession} stores the logged-in username under. */
    private static final String SESSION_USERNAME_ATTRIBUTE = "loonflow.username";

    private final JdbcClient jdbc;
    private final TestData data;

    StateFixture(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.data = new TestData(jdbc);
    }

    long workflow(String creator) {
        return insert("""
                INSERT INTO workflow_workflow (name, description, notices, limit_expression, display_form_str, creator)
                VALUES (:name, '', '', '{}', '[]', :creator)""", spec -> spec
                .param("name", TestData.unique("wf")).param("creator", creator));
    }

    void deleteWorkflow(long workflowId) {
        jdbc.sql("UPDATE workflow_workflow SET is_deleted = TRUE WHERE id = :id").param("id", workflowId).update();
    }

    void workflowAdmin(long workflowId, String username) {
        jdbc.sql("INSERT INTO workflow_workflowadmin (workflow_id, username, creator) VALUES (:wid, :username, 'admin')")
                .param("wid", workflowId).param("username", username).update();
    }

    long customField(long workflowId, String key, String name, int typeId, int orderId, String fieldChoice,
                     String label) {
        return insert("""
                INSERT INTO workflow_customfield (workflow_id, field_type_id, field_key, field_name, order_id,
                  default_value, description, field_template, boolean_field_display, field_choice, label, creator)
                VALUES (:wid, :type, :key, :name, :orderId, NULL, :description, '', '', :choice, :label, 'admin')""",
                spec -> spec.param("wid", workflowId).param("type", typeId).param("key", key).param("name", name)
                        .param("orderId", orderId).param("description", name + " help").param("choice", fieldChoice)
                        .param("label", label));
    }

    /** A state row as the tables allow it (no validation: legacy data looks like this too). */
    long state(long workflowId, String name, int typeId, int participantTypeId, String participant,
               String stateFieldStr) {
        return insert("""
                INSERT INTO workflow_state (name, workflow_id, order_id, type_id, participant_type_id, participant,
                  distribute_type_id, state_field_str, label, creator)
                VALUES (:name, :wid, 0, :type, :ptype, :participant, 1, :fields, '{}', 'admin')""",
                spec -> spec.param("name", name).param("wid", workflowId).param("type", typeId)
                        .param("ptype", participantTypeId).param("participant", participant)
                        .param("fields", stateFieldStr));
    }

    long transition(long workflowId, String name, long source, long destination, String conditionExpression) {
        return insert("""
                INSERT INTO workflow_transition (name, workflow_id, transition_type_id, source_state_id,
                  destination_state_id, condition_expression, attribute_type_id, creator)
                VALUES (:name, :wid, 1, :source, :destination, :conditions, 1, 'admin')""",
                spec -> spec.param("name", name).param("wid", workflowId).param("source", source)
                        .param("destination", destination).param("conditions", conditionExpression));
    }

    long dept(String name) {
        return insert("INSERT INTO account_loondept (name, creator) VALUES (:name, 'admin')",
                spec -> spec.param("name", name));
    }

    long role(String name) {
        return insert("INSERT INTO account_loonrole (name, creator) VALUES (:name, 'admin')",
                spec -> spec.param("name", name));
    }

    long script(String name) {
        return insert("""
                INSERT INTO workflow_workflowscript (name, saved_name, content, creator)
                VALUES (:name, 'x.py', 'print(1)', 'admin')""", spec -> spec.param("name", name));
    }

    void setAlias(String username, String alias) {
        jdbc.sql("UPDATE account_loonuser SET alias = :alias WHERE username = :username")
                .param("alias", alias).param("username", username).update();
    }

    /** A new user with the given flags; returns the username. */
    String user(String prefix, boolean admin, boolean workflowAdmin) {
        String username = TestData.unique(prefix);
        data.user(username, admin, workflowAdmin);
        return username;
    }

    /** A signed client of a new app allowed to use {@code workflowIds}, speaking for {@code username}. */
    ApiClient signedClient(ApiClient client, String workflowIds, String username) {
        String app = TestData.unique("app");
        String token = data.appToken(app, workflowIds);
        client.signed(app, token);
        return username == null ? client : client.username(username);
    }

    /**
     * A console session for {@code username}, created in the session store the way login does, so that these
     * tests do not depend on the login endpoint.
     */
    ApiClient sessionClient(ApiClient client, JdbcIndexedSessionRepository sessions, String username) {
        String id = saveSession(sessions, username);
        String cookie = Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8));
        return client.header("Cookie", "sessionid=" + cookie);
    }

    private static <S extends Session> String saveSession(SessionRepository<S> sessions, String username) {
        S session = sessions.createSession();
        session.setAttribute(SESSION_USERNAME_ATTRIBUTE, username);
        sessions.save(session);
        return session.getId();
    }

    long count(String table, long id, boolean deleted) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE id = :id AND is_deleted = :deleted")
                .param("id", id).param("deleted", deleted).query(Long.class).single();
    }

    private long insert(String sql, java.util.function.UnaryOperator<JdbcClient.StatementSpec> params) {
        KeyHolder key = new GeneratedKeyHolder();
        params.apply(jdbc.sql(sql)).update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }
}
