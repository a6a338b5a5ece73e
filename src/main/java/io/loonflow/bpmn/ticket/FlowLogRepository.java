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
}
