package io.loonflow.bpmn.ticket;

import java.sql.Timestamp;
import java.time.LocalDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class FlowLogRepository {

    /** The column's size; longer suggestions are refused by the API before anything is written. */
    public static final int MAX_SUGGESTION = 10_000;

    private final JdbcClient jdbc;

    FlowLogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(FlowLogLine line, LocalDateTime now) {
        jdbc.sql("""
                INSERT INTO ticket_ticketflowlog (ticket_id, transition_id, suggestion, participant_type_id,
                  participant, state_id, intervene_type_id, ticket_data, creator, gmt_created, gmt_modified, is_deleted)
                VALUES (:ticketId, :transitionId, :suggestion, :ptype, :participant, :stateId, :intervene, :data,
                  :creator, :now, :now, FALSE)""")
                .param("ticketId", line.ticketId()).param("transitionId", line.transitionId())
                .param("suggestion", line.suggestion()).param("ptype", line.participantTypeId())
                .param("participant", line.participant()).param("stateId", line.stateId())
                .param("intervene", line.interveneTypeId()).param("data", line.ticketData())
                .param("creator", line.creator()).param("now", Timestamp.valueOf(now))
                .update();
    }

    /** A stored line; {@code ticketData} is the raw snapshot text. */
    record Row(long id, long ticketId, long transitionId, String suggestion, int participantTypeId,
               String participant, long stateId, int interveneTypeId, String ticketData, LocalDateTime gmtCreated) {
    }

    long count(long ticketId) {
        return jdbc.sql("SELECT COUNT(*) FROM ticket_ticketflowlog WHERE ticket_id = :id AND is_deleted = FALSE")
                .param("id", ticketId).query(Long.class).single();
    }

    /** Lines of a ticket, newest first; {@code limit} 0 means all. */
    java.util.List<Row> newestFirst(long ticketId, long offset, int limit) {
        String page = limit > 0 ? " LIMIT :limit OFFSET :offset" : "";
        var statement = jdbc.sql("SELECT * FROM ticket_ticketflowlog WHERE ticket_id = :id AND is_deleted = FALSE"
                + " ORDER BY id DESC" + page).param("id", ticketId);
        if (limit > 0) {
            statement = statement.param("limit", limit).param("offset", offset);
        }
        return statement.query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("ticket_id"),
                rs.getLong("transition_id"), rs.getString("suggestion"), rs.getInt("participant_type_id"),
                rs.getString("participant"), rs.getLong("state_id"), rs.getInt("intervene_type_id"),
                rs.getString("ticket_data"), rs.getTimestamp("gmt_created").toLocalDateTime())).list();
    }

    /** The person of the newest line filed under a state, if that line was a person's (remember last handler). */
    String lastPersonIn(long ticketId, long stateId) {
        return jdbc.sql("""
                SELECT participant_type_id, participant FROM ticket_ticketflowlog
                WHERE ticket_id = :ticket AND state_id = :state AND is_deleted = FALSE ORDER BY id DESC LIMIT 1""")
                .param("ticket", ticketId).param("state", stateId)
                .query((rs, n) -> rs.getInt("participant_type_id") == 1 ? rs.getString("participant") : "")
                .optional().filter(name -> !name.isEmpty()).orElse(null);
    }
}
