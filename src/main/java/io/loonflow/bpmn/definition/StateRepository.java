package io.loonflow.bpmn.definition;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class StateRepository {

    private final JdbcClient jdbc;

    StateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<State> findActive(long id) {
        return DefinitionMemo.get("state", id, () -> jdbc.sql(
                        "SELECT * FROM workflow_state WHERE id = :id AND is_deleted = FALSE")
                .param("id", id).query(DefinitionRows::state).optional());
    }

    /** The state if this transaction has read it already (its {@link DefinitionMemo}); never queries. */
    public Optional<State> findKnown(long id) {
        Optional<State> known = DefinitionMemo.known("state", id);
        return known == null ? Optional.empty() : known;
    }

    /**
     * A state of {@code workflowId}. A transaction that memoises definitions reads all of the workflow's states at
     * once (a ticket action reads the state it leaves and the one it enters); otherwise as {@link #findActive(long)}.
     */
    public Optional<State> findActive(long workflowId, long id) {
        if (!DefinitionMemo.isOpen()) {
            return findActive(id);
        }
        Optional<State> state = findActiveByWorkflow(workflowId).stream().filter(s -> s.id() == id).findFirst();
        return state.isPresent() ? state : findActive(id);
    }

    /** Non-deleted states of a workflow in display order ({@code order_id}, then id). */
    public List<State> findActiveByWorkflow(long workflowId) {
        return DefinitionMemo.get("states of workflow", workflowId, () -> {
            List<State> states = jdbc.sql(
                            "SELECT * FROM workflow_state WHERE workflow_id = :wid AND is_deleted = FALSE ORDER BY order_id, id")
                    .param("wid", workflowId).query(DefinitionRows::state).list();
            states.forEach(state -> DefinitionMemo.remember("state", state.id(), Optional.of(state)));
            return states;
        });
    }

    long insert(StateDraft state, String creator, LocalDateTime now) {
        KeyHolder key = new GeneratedKeyHolder();
        columns(jdbc.sql("""
                INSERT INTO workflow_state (name, workflow_id, is_hidden, order_id, type_id, participant_type_id,
                  participant, distribute_type_id, state_field_str, label, remember_last_man_enable, enable_retreat,
                  creator, gmt_created, gmt_modified, is_deleted)
                VALUES (:name, :wid, :hidden, :orderId, :typeId, :ptype, :participant, :dtype, :fields, :label,
                  :remember, :retreat, :creator, :now, :now, FALSE)"""), state)
                .param("creator", creator == null ? "" : creator).param("now", now)
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /** Replaces every admin-editable column of a non-deleted state; returns the number of rows changed. */
    int update(long id, StateDraft state, LocalDateTime now) {
        return columns(jdbc.sql("""
                UPDATE workflow_state SET name = :name, workflow_id = :wid, is_hidden = :hidden, order_id = :orderId,
                  type_id = :typeId, participant_type_id = :ptype, participant = :participant,
                  distribute_type_id = :dtype, state_field_str = :fields, label = :label,
                  remember_last_man_enable = :remember, enable_retreat = :retreat, gmt_modified = :now
                WHERE id = :id AND is_deleted = FALSE"""), state)
                .param("id", id).param("now", now).update();
    }

    /** Soft delete (rows stay so that history can still name the state). */
    int softDelete(long id, LocalDateTime now) {
        return jdbc.sql("UPDATE workflow_state SET is_deleted = TRUE, gmt_modified = :now WHERE id = :id AND is_deleted = FALSE")
                .param("id", id).param("now", now).update();
    }

    private static JdbcClient.StatementSpec columns(JdbcClient.StatementSpec spec, StateDraft state) {
        return spec.param("name", state.name()).param("wid", state.workflowId()).param("hidden", state.hidden())
                .param("orderId", state.orderId()).param("typeId", state.typeId())
                .param("ptype", state.participantTypeId()).param("participant", state.participant())
                .param("dtype", state.distributeTypeId()).param("fields", state.stateFieldStr())
                .param("label", state.label()).param("remember", state.rememberLastManEnable())
                .param("retreat", state.enableRetreat());
    }

    /** States by id whatever their deletion flag (history shows the names of states deleted since). */
    public java.util.Map<Long, State> findByIdsIncludingDeleted(java.util.Collection<Long> ids) {
        java.util.Map<Long, State> result = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT * FROM workflow_state WHERE id IN (:ids)").param("ids", ids)
                    .query(DefinitionRows::state).list().forEach(state -> result.put(state.id(), state));
        }
        return result;
    }
}
