package io.loonflow.bpmn.automation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import io.loonflow.bpmn.api.ApiTime;
import io.loonflow.bpmn.api.Paging;
import io.loonflow.bpmn.compiler.BpmnContract;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.StateRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Open incidents of tickets (engine jobs that ran out of retries and wait for an operator), newest first. Reads the
 * engine's runtime incident table joined to the tickets by process instance: the engine's own query API cannot
 * page over that join.
 */
@Service
class IncidentList {

    private static final String FROM = """
             FROM ACT_RU_INCIDENT i JOIN ticket_ticketrecord t ON t.proc_inst_id = i.PROC_INST_ID_
            WHERE t.is_deleted = FALSE AND t.proc_inst_id <> ''""";

    private final JdbcClient jdbc;
    private final StateRepository states;
    private final Clock clock;

    IncidentList(JdbcClient jdbc, StateRepository states, Clock clock) {
        this.jdbc = jdbc;
        this.states = states;
        this.clock = clock;
    }

    private record Row(String incidentId, String type, Timestamp created, String message, String activityId,
                       String jobId, long ticketId, String sn) {
    }

    @Transactional(readOnly = true)
    Map<String, Object> list(Paging paging, Long ticketId) {
        String filter = ticketId == null ? "" : " AND t.id = :ticketId";
        Map<String, Object> params = new LinkedHashMap<>();
        if (ticketId != null) {
            params.put("ticketId", ticketId);
        }
        long total = jdbc.sql("SELECT COUNT(*)" + FROM + filter).params(params).query(Long.class).single();
        List<Row> rows = jdbc.sql("""
                        SELECT i.ID_ AS incident_id, i.INCIDENT_TYPE_ AS incident_type, i.INCIDENT_TIMESTAMP_ AS created,
                          i.INCIDENT_MSG_ AS message, i.ACTIVITY_ID_ AS activity_id, i.CONFIGURATION_ AS job_id,
                          t.id AS ticket_id, t.sn AS sn""" + FROM + filter
                        + " ORDER BY i.INCIDENT_TIMESTAMP_ DESC, i.ID_ DESC LIMIT :limit OFFSET :offset")
                .params(params).param("limit", paging.perPage()).param("offset", paging.offset(total))
                .query((rs, n) -> new Row(rs.getString("incident_id"), rs.getString("incident_type"),
                        rs.getTimestamp("created"), rs.getString("message"), rs.getString("activity_id"),
                        rs.getString("job_id"), rs.getLong("ticket_id"), rs.getString("sn")))
                .list();
        Map<Long, State> byId = states.findByIdsIncludingDeleted(rows.stream()
                .map(row -> BpmnContract.stateId(row.activityId()))
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).collect(Collectors.toSet()));
        List<Map<String, Object>> value = rows.stream().map(row -> entry(row, byId)).toList();
        return paging.result(value, total);
    }

    private Map<String, Object> entry(Row row, Map<Long, State> byId) {
        OptionalLong stateId = BpmnContract.stateId(row.activityId());
        State state = stateId.isPresent() ? byId.get(stateId.getAsLong()) : null;
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("incident_id", row.incidentId());
        entry.put("ticket_id", row.ticketId());
        entry.put("sn", row.sn());
        entry.put("state_id", stateId.isPresent() ? stateId.getAsLong() : 0L);
        entry.put("state_name", state == null ? "" : state.name());
        entry.put("kind", TicketIncidents.kind(state));
        entry.put("activity_id", row.activityId());
        entry.put("incident_type", row.type());
        entry.put("job_id", Objects.toString(row.jobId(), ""));
        entry.put("message", Objects.toString(row.message(), ""));
        entry.put("gmt_created", row.created() == null ? ""
                : ApiTime.format(LocalDateTime.ofInstant(row.created().toInstant(), clock.getZone())));
        return entry;
    }
}
