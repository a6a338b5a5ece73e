package io.loonflow.bpmn.definition;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class TransitionRepository {

    private final JdbcClient jdbc;

    TransitionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Transition> findActive(long id) {
        return DefinitionMemo.get("transition", id, () -> jdbc.sql(
                        "SELECT * FROM workflow_transition WHERE id = :id AND is_deleted = FALSE")
                .param("id", id).query(DefinitionRows::transition).optional());
    }

    /** Non-deleted transitions of a workflow in id order (the order buttons and conditions are listed in). */
    public List<Transition> findActiveByWorkflow(long workflowId) {
        return jdbc.sql("SELECT * FROM workflow_transition WHERE workflow_id = :wid AND is_deleted = FALSE ORDER BY id")
                .param("wid", workflowId).query(DefinitionRows::transition).list();
    }

    public List<Transition> findActiveBySource(long sourceStateId) {
        return DefinitionMemo.get("transitions from state", sourceStateId, () -> jdbc.sql(
                        "SELECT * FROM workflow_transition WHERE source_state_id = :sid AND is_deleted = FALSE ORDER BY id")
                .param("sid", sourceStateId).query(DefinitionRows::transition).list());
    }

    /** The lowest-id live transition leaving the state: the one loonflow's robot moves (hook, script, parent) take. */
    public java.util.Optional<Transition> findFirstActiveBySource(long sourceStateId) {
        return findActiveBySource(sourceStateId).stream().findFirst();
    }

    long insert(TransitionDraft transition, String creator, LocalDateTime now) {
        KeyHolder key = new GeneratedKeyHolder();
        columns(jdbc.sql("""
                INSERT INTO workflow_transition (name, workflow_id, transition_type_id, timer, source_state_id,
                  destination_state_id, condition_expression, attribute_type_id, field_require_check, alert_enable,
                  alert_text, creator, gmt_created, gmt_modified, is_deleted)
                VALUES (:name, :wid, :type, :timer, :source, :destination, :conditions, :attribute, :requireCheck,
                  :alert, :alertText, :creator, :now, :now, FALSE)"""), transition)
                .param("creator", creator == null ? "" : creator).param("now", now)
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /** Replaces every admin-editable column of a non-deleted transition; returns the number of rows changed. */
    int update(long id, TransitionDraft transition, LocalDateTime now) {
        return columns(jdbc.sql("""
                UPDATE workflow_transition SET name = :name, workflow_id = :wid, transition_type_id = :type,
                  timer = :timer, source_state_id = :source, destination_state_id = :destination,
                  condition_expression = :conditions, attribute_type_id = :attribute,
                  field_require_check = :requireCheck, alert_enable = :alert, alert_text = :alertText,
                  gmt_modified = :now
                WHERE id = :id AND is_deleted = FALSE"""), transition)
                .param("id", id).param("now", now).update();
    }

    /** Soft delete (rows stay so that flow logs can still name the transition). */
    int softDelete(long id, LocalDateTime now) {
        return jdbc.sql("UPDATE workflow_transition SET is_deleted = TRUE, gmt_modified = :now WHERE id = :id AND is_deleted = FALSE")
                .param("id", id).param("now", now).update();
    }

    private static JdbcClient.StatementSpec columns(JdbcClient.StatementSpec spec, TransitionDraft transition) {
        return spec.param("name", transition.name()).param("wid", transition.workflowId())
                .param("type", transition.transitionTypeId()).param("timer", transition.timer())
                .param("source", transition.sourceStateId()).param("destination", transition.destinationStateId())
                .param("conditions", transition.conditionExpression())
                .param("attribute", transition.attributeTypeId())
                .param("requireCheck", transition.fieldRequireCheck()).param("alert", transition.alertEnable())
                .param("alertText", transition.alertText());
    }

    /** Transitions by id whatever their deletion flag (history shows the names of transitions deleted since). */
    public java.util.Map<Long, Transition> findByIdsIncludingDeleted(java.util.Collection<Long> ids) {
        java.util.Map<Long, Transition> result = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT * FROM workflow_transition WHERE id IN (:ids)").param("ids", ids)
                    .query(DefinitionRows::transition).list().forEach(t -> result.put(t.id(), t));
        }
        return result;
    }
}
