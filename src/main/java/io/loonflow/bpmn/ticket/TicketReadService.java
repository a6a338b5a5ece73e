package io.loonflow.bpmn.ticket;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.loonflow.bpmn.account.ParticipantDirectory;
import io.loonflow.bpmn.account.ParticipantDirectory.AccountUser;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.definition.WorkflowPermissions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only ticket endpoints that work on the tables alone: current participants' contact data (§4.18), batch
 * states (§4.21) and the per-day counts of the console's overview (§4.22). Unlike loonflow, each only shows
 * tickets of workflows the calling app may use.
 */
@Service
class TicketReadService {

    static final String TICKET_NOT_FOUND = "ticket is not existed or has been deleted";
    static final String APP_NO_PERMISSION = "the app has no permission to the workflow_id";

    private final JdbcClient jdbc;
    private final TicketRepository tickets;
    private final WorkflowPermissions permissions;
    private final ParticipantDirectory directory;

    TicketReadService(JdbcClient jdbc, TicketRepository tickets, WorkflowPermissions permissions,
                      ParticipantDirectory directory) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.permissions = permissions;
        this.directory = directory;
    }

    /** §4.18: who may act on the ticket now, with their contact data. */
    @Transactional(readOnly = true)
    public Map<String, Object> participantInfo(Caller caller, long ticketId) {
        Ticket ticket = tickets.findActive(ticketId).orElseThrow(() -> new ApiException(TICKET_NOT_FOUND));
        if (!permissions.appMayUse(caller.appName(), ticket.workflowId())) {
            throw new ApiException(APP_NO_PERMISSION);
        }
        List<String> usernames = switch (ticket.participantTypeId()) {
            case Participants.PERSON -> List.of(ticket.participant());
            case Participants.PEOPLE -> List.of(ticket.participant().split(",", -1));
            case Participants.DEPT -> directory.deptUsernames(ticket.participant());
            case Participants.ROLE -> directory.roleUsernames(roleId(ticket.participant()));
            default -> List.of();
        };
        List<Map<String, Object>> infos = new ArrayList<>();
        for (AccountUser user : directory.findUsers(usernames)) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("username", user.username());
            info.put("alias", user.alias());
            info.put("phone", user.phone());
            info.put("email", user.email());
            infos.add(info);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("participant_username_list", usernames);
        result.put("participant_info_list", infos);
        return result;
    }

    /**
     * §4.21: {@code {"<ticket id>": {"state_id", "state_name"}}} in ticket id order. Soft-deleted tickets are
     * included as in loonflow; unknown tickets and tickets of workflows the app may not use are left out.
     */
    @Transactional(readOnly = true)
    public Map<String, Object> states(Caller caller, List<Long> ticketIds) {
        Set<Long> permitted = new LinkedHashSet<>(permissions.permittedWorkflowIds(caller.appName()));
        Map<String, Object> result = new LinkedHashMap<>();
        if (permitted.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                SELECT t.id, t.state_id, s.name FROM ticket_ticketrecord t LEFT JOIN workflow_state s ON s.id = t.state_id
                WHERE t.id IN (:ids) AND t.workflow_id IN (:workflows) ORDER BY t.id""")
                .param("ids", new LinkedHashSet<>(ticketIds)).param("workflows", permitted)
                .query((ResultSet rs) -> {
                    Map<String, Object> state = new LinkedHashMap<>();
                    state.put("state_id", rs.getLong("state_id"));
                    String name = rs.getString("name");
                    state.put("state_name", name == null ? TicketViews.UNKNOWN_STATE : name);
                    result.put(String.valueOf(rs.getLong("id")), state);
                });
        return result;
    }

    /**
     * §4.22: non-deleted tickets per calendar day and workflow, for the workflows the user manages (and the app
     * may use), between {@code start} (inclusive) and {@code endExclusive}; either may be null.
     */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> numStatistics(Caller caller, LocalDateTime start, LocalDateTime endExclusive) {
        if (!caller.hasUsername()) {
            return List.of();
        }
        Set<Long> scope = new LinkedHashSet<>(permissions.managedWorkflowIds(caller.username()));
        if (!scope.isEmpty() && !Caller.CONSOLE_APP.equals(caller.appName())) {
            scope.retainAll(permissions.permittedWorkflowIds(caller.appName()));
        }
        if (scope.isEmpty()) {
            return List.of();
        }
        Map<Long, String> names = new HashMap<>();
        jdbc.sql("SELECT id, name FROM workflow_workflow WHERE id IN (:ids)").param("ids", scope)
                .query((ResultSet rs) -> {
                    names.put(rs.getLong("id"), rs.getString("name"));
                });
        Map<String, Object> params = new HashMap<>();
        params.put("ids", scope);
        StringBuilder where = new StringBuilder("WHERE t.is_deleted = FALSE AND t.workflow_id IN (:ids)");
        if (start != null) {
            where.append(" AND t.gmt_created >= :start");
            params.put("start", Timestamp.valueOf(start));
        }
        if (endExclusive != null) {
            where.append(" AND t.gmt_created < :end");
            params.put("end", Timestamp.valueOf(endExclusive));
        }
        // CAST(... AS DATE) is the calendar day in H2 and MySQL alike (loonflow used MySQL's YEAR/MONTH/DAY)
        return jdbc.sql("SELECT CAST(t.gmt_created AS DATE) AS ticket_day, t.workflow_id, COUNT(*) AS ticket_count"
                        + " FROM ticket_ticketrecord t " + where
                        + " GROUP BY CAST(t.gmt_created AS DATE), t.workflow_id"
                        + " ORDER BY CAST(t.gmt_created AS DATE), t.workflow_id")
                .params(params)
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("day", rs.getObject("ticket_day", LocalDate.class).toString());
                    row.put("type", names.getOrDefault(rs.getLong("workflow_id"), ""));
                    row.put("count", rs.getLong("ticket_count"));
                    return row;
                })
                .list();
    }

    private static long roleId(String participant) {
        try {
            return Long.parseLong(participant.strip());
        } catch (NumberFormatException e) {
            throw new ApiException("invalid literal for int() with base 10: '" + participant + "'");
        }
    }
}
