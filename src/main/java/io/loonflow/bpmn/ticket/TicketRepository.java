package io.loonflow.bpmn.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class TicketRepository {

    private final JdbcClient jdbc;

    TicketRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Ticket> findActive(long id) {
        return jdbc.sql("SELECT * FROM ticket_ticketrecord WHERE id = :id AND is_deleted = FALSE")
                .param("id", id).query(TicketRepository::map).optional();
    }

    /**
     * Locks the ticket row until the transaction ends: every action on one ticket runs after the previous one has
     * committed, on every node, so two concurrent actions cannot both act on the same state.
     */
    public Optional<Ticket> lockActive(long id) {
        return jdbc.sql("SELECT * FROM ticket_ticketrecord WHERE id = :id AND is_deleted = FALSE FOR UPDATE")
                .param("id", id).query(TicketRepository::map).optional();
    }

    /**
     * Whether every live child created for {@code parentId} waiting in {@code parentStateId} is in an end state
     * (children in deleted or missing states are ignored, as loonflow does; no children at all answers false).
     */
    public boolean allChildrenEnded(long parentId, long parentStateId) {
        List<Integer> types = jdbc.sql("""
                SELECT s.type_id FROM ticket_ticketrecord t
                  JOIN workflow_state s ON s.id = t.state_id AND s.is_deleted = FALSE
                WHERE t.parent_ticket_id = :parent AND t.parent_ticket_state_id = :state AND t.is_deleted = FALSE""")
                .param("parent", parentId).param("state", parentStateId).query(Integer.class).list();
        return !types.isEmpty() && types.stream().allMatch(type -> type == io.loonflow.bpmn.definition.State.TYPE_END);
    }

    /** Inserts a new ticket and returns its id. */
    public long insert(Ticket t, LocalDateTime now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO ticket_ticketrecord (title, workflow_id, sn, state_id, parent_ticket_id,
                  parent_ticket_state_id, participant_type_id, participant, relation, in_add_node, add_node_man,
                  script_run_last_result, multi_all_person, act_state_id, proc_inst_id, creator, gmt_created,
                  gmt_modified, is_deleted)
                VALUES (:title, :workflowId, :sn, :stateId, :parentId, :parentStateId, :ptype, :participant,
                  :relation, :inAddNode, :addNodeMan, :scriptOk, :multiAll, :act, :procInstId, :creator, :now, :now,
                  FALSE)""")
                .param("title", t.title()).param("workflowId", t.workflowId()).param("sn", t.sn())
                .param("stateId", t.stateId()).param("parentId", t.parentTicketId())
                .param("parentStateId", t.parentTicketStateId()).param("ptype", t.participantTypeId())
                .param("participant", t.participant()).param("relation", t.relation())
                .param("inAddNode", t.inAddNode()).param("addNodeMan", t.addNodeMan())
                .param("scriptOk", t.scriptRunLastResult()).param("multiAll", t.multiAllPerson())
                .param("act", t.actStateId()).param("procInstId", t.procInstId()).param("creator", t.creator())
                .param("now", Timestamp.valueOf(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Writes every mutable column of the ticket (the row must be locked by the caller). */
    public void update(Ticket t, LocalDateTime now) {
        jdbc.sql("""
                UPDATE ticket_ticketrecord SET title = :title, sn = :sn, state_id = :stateId,
                  participant_type_id = :ptype, participant = :participant, relation = :relation,
                  in_add_node = :inAddNode, add_node_man = :addNodeMan, script_run_last_result = :scriptOk,
                  multi_all_person = :multiAll, act_state_id = :act, proc_inst_id = :procInstId,
                  gmt_modified = :now, is_deleted = :deleted
                WHERE id = :id""")
                .param("title", t.title()).param("sn", t.sn()).param("stateId", t.stateId())
                .param("ptype", t.participantTypeId()).param("participant", t.participant())
                .param("relation", t.relation()).param("inAddNode", t.inAddNode())
                .param("addNodeMan", t.addNodeMan()).param("scriptOk", t.scriptRunLastResult())
                .param("multiAll", t.multiAllPerson()).param("act", t.actStateId())
                .param("procInstId", t.procInstId()).param("now", Timestamp.valueOf(now))
                .param("deleted", t.deleted()).param("id", t.id())
                .update();
    }

    static Ticket map(ResultSet rs, int row) throws SQLException {
        return new Ticket(rs.getLong("id"), rs.getString("title"), rs.getLong("workflow_id"), rs.getString("sn"),
                rs.getLong("state_id"), rs.getLong("parent_ticket_id"), rs.getLong("parent_ticket_state_id"),
                rs.getInt("participant_type_id"), rs.getString("participant"), rs.getString("relation"),
                rs.getBoolean("in_add_node"), rs.getString("add_node_man"), rs.getBoolean("script_run_last_result"),
                rs.getString("multi_all_person"), rs.getInt("act_state_id"), rs.getString("proc_inst_id"),
                rs.getString("creator"), rs.getTimestamp("gmt_created").toLocalDateTime(),
                rs.getTimestamp("gmt_modified").toLocalDateTime(), rs.getBoolean("is_deleted"));
    }
}
