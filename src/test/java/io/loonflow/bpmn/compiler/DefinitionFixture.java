package io.loonflow.bpmn.compiler;

import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.Transition;
import io.loonflow.bpmn.support.TestData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Writes workflow definitions straight into the definition tables (the admin endpoints are built elsewhere);
 * every method returns the new row's id. Call inside the transaction that publishes the change.
 */
final class DefinitionFixture {

    private final JdbcClient jdbc;

    DefinitionFixture(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long workflow() {
        return insert("INSERT INTO workflow_workflow (name, creator) VALUES (:name, 'admin')",
                "name", TestData.unique("wf"));
    }

    long start(long workflowId, String name) {
        return state(workflowId, name, State.TYPE_START, 0, "");
    }

    long normal(long workflowId, String name) {
        return state(workflowId, name, State.TYPE_NORMAL, 1, "admin");
    }

    long end(long workflowId, String name) {
        return state(workflowId, name, State.TYPE_END, 0, "");
    }

    long hook(long workflowId, String name, boolean wait) {
        return state(workflowId, name, State.TYPE_NORMAL, 10,
                "{\"hook_url\": \"http://127.0.0.1:9/hook\", \"hook_token\": \"t\", \"wait\": " + wait + "}");
    }

    long script(long workflowId, String name) {
        return state(workflowId, name, State.TYPE_NORMAL, 6, "1");
    }

    long state(long workflowId, String name, int type, int participantType, String participant) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO workflow_state (name, workflow_id, type_id, participant_type_id, participant,
                                            state_field_str, creator)
                VALUES (:name, :wid, :type, :ptype, :participant, '{}', 'admin')""")
                .param("name", name).param("wid", workflowId).param("type", type).param("ptype", participantType)
                .param("participant", participant).update(keys, "id");
        return keys.getKey().longValue();
    }

    long transition(long workflowId, String name, long source, long destination) {
        return transition(workflowId, name, source, destination, Transition.TYPE_NORMAL, 0, "[]");
    }

    long timer(long workflowId, String name, long source, long destination, int seconds) {
        return transition(workflowId, name, source, destination, Transition.TYPE_TIMER, seconds, "[]");
    }

    long transition(long workflowId, String name, long source, long destination, int type, int timer,
                    String conditions) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO workflow_transition (name, workflow_id, transition_type_id, timer, source_state_id,
                                                 destination_state_id, condition_expression, creator)
                VALUES (:name, :wid, :type, :timer, :source, :destination, :conditions, 'admin')""")
                .param("name", name).param("wid", workflowId).param("type", type).param("timer", timer)
                .param("source", source).param("destination", destination).param("conditions", conditions)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void rename(long stateId, String name) {
        jdbc.sql("UPDATE workflow_state SET name = :name WHERE id = :id").param("name", name).param("id", stateId)
                .update();
    }

    void deleteWorkflow(long workflowId) {
        jdbc.sql("UPDATE workflow_workflow SET is_deleted = TRUE WHERE id = :id").param("id", workflowId).update();
    }

    private long insert(String sql, String param, Object value) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(sql).param(param, value).update(keys, "id");
        return keys.getKey().longValue();
    }

    /** {@code [{"expression": e, "target_state_id": t}, ...]} from pairs of expression and target. */
    static String conditions(Object... expressionTargetPairs) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < expressionTargetPairs.length; i += 2) {
            if (i > 0) {
                json.append(", ");
            }
            json.append("{\"expression\": ").append(io.loonflow.bpmn.support.ApiClient.quote(
                    (String) expressionTargetPairs[i])).append(", \"target_state_id\": ")
                    .append(expressionTargetPairs[i + 1]).append('}');
        }
        return json.append(']').toString();
    }
}
