package io.loonflow.bpmn.ticket;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.definition.WorkflowPermissions;
import io.loonflow.bpmn.ticket.TicketListQuery.Category;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code GET /api/v1.0/tickets} (ticket spec §4.1). One call costs a fixed number of queries whatever the page size:
 * the app's live workflows, the managed workflows for {@code from_admin}, two queries for the total and the page,
 * then the batched lookups of {@link TicketViews}.
 * <p>
 * The user-based categories select ticket ids from {@code ticket_ticketuser} through its
 * {@code (username, in_process|worked, ticket_id)} indexes, so a user's page costs in proportion to that user's
 * tickets, not to the table.
 */
@Service
class TicketListService {

    /** Matches of a handler category sorted in memory (two longs each); more fall back to an SQL page. */
    static final int MAX_SORTED_IN_MEMORY = 200_000;

    private static final String TICKETS = " FROM ticket_ticketrecord t";

    private static final Set<Category> HANDLER_CATEGORIES = EnumSet.of(Category.DUTY, Category.RELATION,
            Category.WORKED);

    /**
     * The handler categories start from the user's {@code ticket_ticketuser} rows (unique per ticket and user) and
     * read each ticket by its key. Written as a LEFT JOIN, which H2 never reorders (the WHERE conditions on
     * {@code t} still drop rows without a ticket): as an inner join or {@code t.id IN (SELECT ...)} H2 preferred to
     * walk a year of tickets through the workflow index and test each one (0.6 s for a user with 1,000 tickets
     * among 1,000,000). MySQL/MariaDB turn it into an inner join and choose the same order themselves.
     */
    private static final String HANDLER_TICKETS =
            " FROM ticket_ticketuser u LEFT JOIN ticket_ticketrecord t ON t.id = u.ticket_id";

    private int maxSortedInMemory = MAX_SORTED_IN_MEMORY;

    private final JdbcClient jdbc;
    private final WorkflowPermissions permissions;
    private final TicketViews views;
    private final Clock clock;

    TicketListService(JdbcClient jdbc, WorkflowPermissions permissions, TicketViews views, Clock clock) {
        this.jdbc = jdbc;
        this.permissions = permissions;
        this.views = views;
        this.clock = clock;
    }

    /** Tests lower the limit to exercise the SQL fallback; returns the previous value. */
    int maxSortedInMemory(int limit) {
        int previous = maxSortedInMemory;
        maxSortedInMemory = limit;
        return previous;
    }

    /** The wall-clock time that fixes the default window. */
    LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    @Transactional(readOnly = true)
    public Map<String, Object> list(Caller caller, TicketListQuery query) {
        Set<Long> scope = scope(caller, query);
        String username = caller.hasUsername() ? caller.username() : null;
        if (scope.isEmpty() || (query.category() != TicketListQuery.Category.ALL && username == null)) {
            return query.paging().result(List.of(), 0);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(query, scope, username, params);
        Page page = switch (query.category()) {
            case DUTY, RELATION, WORKED -> handlerPage(query, where, params);
            default -> sqlPage(query, where, params, -1);
        };
        if (page.tickets().isEmpty()) {
            return query.paging().result(List.of(), page.total());
        }
        TicketViews.Rendered rendered = views.render(page.tickets());
        List<Map<String, Object>> items = new ArrayList<>(page.tickets().size());
        for (Ticket t : page.tickets()) {
            items.add(rendered.listItem(t));
        }
        return query.paging().result(items, page.total());
    }

    private record Page(List<Ticket> tickets, long total) {
    }

    /** One count and one ordered page query; the indexes on creation time serve {@code all} and {@code owner}. */
    private Page sqlPage(TicketListQuery query, String where, Map<String, Object> params, long knownTotal) {
        long total = knownTotal >= 0 ? knownTotal
                : jdbc.sql("SELECT COUNT(*)" + tables(query, false) + where).params(params).query(Long.class).single();
        if (total == 0) {
            return new Page(List.of(), 0);
        }
        String direction = query.descending() ? " DESC" : " ASC";
        Map<String, Object> pageParams = new LinkedHashMap<>(params);
        pageParams.put("limit", query.paging().perPage());
        pageParams.put("offset", query.paging().offset(total));
        // loonflow ordered by gmt_created alone; the id makes pages stable among tickets created the same second
        List<Ticket> tickets = jdbc.sql("SELECT t.*" + tables(query, true) + where + " ORDER BY t.gmt_created"
                        + direction + ", t.id" + direction + " LIMIT :limit OFFSET :offset")
                .params(pageParams).query(TicketRepository::map).list();
        return new Page(tickets, total);
    }

    /**
     * The {@code FROM} of a count ({@code page} false) or a page. The handler categories join the user's rows
     * ({@link #HANDLER_TICKETS}). For {@code all} and {@code owner} pages without a filter that narrows the tickets
     * by an index of its own, walking a creation-time index in page order stops after one page, while the planners
     * (H2's at least) prefer the workflow index for the {@code workflow_id} list and then sort the whole window
     * (seconds at 1,000,000 tickets). H2 and MySQL/MariaDB read the same hint.
     */
    static String tables(TicketListQuery query, boolean page) {
        if (HANDLER_CATEGORIES.contains(query.category())) {
            return HANDLER_TICKETS;
        }
        boolean narrowed = !query.sn().isEmpty() || query.ticketIds() != null || query.stateIds() != null
                || (query.fromAdmin() && !query.creator().isEmpty());
        String index = switch (query.category()) {
            // counts are left to the planner: a wide one reads the (workflow_id, is_deleted, gmt_created) index only
            case ALL -> narrowed || !page ? null : "idx_ticket_created";
            case OWNER -> page ? "idx_ticket_creator_created" : null;
            default -> null;
        };
        return index == null ? TICKETS : TICKETS + " USE INDEX (" + index + ")";
    }

    /**
     * The handler categories in one pass over the user's matching tickets: their ids and creation times give the
     * total and the page, then only the page's rows are read. A count plus an ordered page would check every
     * candidate ticket twice. Beyond {@link #MAX_SORTED_IN_MEMORY} matches the page comes from SQL instead.
     */
    private Page handlerPage(TicketListQuery query, String where, Map<String, Object> params) {
        List<long[]> matches = new ArrayList<>();
        long[] total = {0};
        jdbc.sql("SELECT t.id, t.gmt_created" + HANDLER_TICKETS + where).params(params).query((ResultSet rs) -> {
            total[0]++;
            if (matches.size() < maxSortedInMemory) {
                LocalDateTime created = rs.getObject(2, LocalDateTime.class);
                matches.add(new long[] {created.toEpochSecond(ZoneOffset.UTC), rs.getLong(1)});
            }
        });
        if (total[0] == 0) {
            return new Page(List.of(), 0);
        }
        if (total[0] > matches.size()) {
            return sqlPage(query, where, params, total[0]);
        }
        Comparator<long[]> order = Comparator.<long[]>comparingLong(m -> m[0]).thenComparingLong(m -> m[1]);
        matches.sort(query.descending() ? order.reversed() : order);
        int offset = (int) query.paging().offset(total[0]);
        List<Long> ids = new ArrayList<>();
        for (int i = offset; i < Math.min(matches.size(), offset + query.paging().perPage()); i++) {
            ids.add(matches.get(i)[1]);
        }
        Map<Long, Ticket> rows = new HashMap<>();
        jdbc.sql("SELECT * FROM ticket_ticketrecord WHERE id IN (:ids)").param("ids", ids)
                .query(TicketRepository::map).list().forEach(t -> rows.put(t.id(), t));
        List<Ticket> tickets = new ArrayList<>(ids.size());
        for (Long id : ids) {
            tickets.add(rows.get(id));
        }
        return new Page(tickets, total[0]);
    }

    /**
     * The workflows whose tickets may be listed: the app's live workflows (loonflow failed the whole list when a
     * token still named a deleted workflow), with {@code from_admin} only those the user manages, narrowed to
     * {@code workflow_ids} when given.
     */
    private Set<Long> scope(Caller caller, TicketListQuery query) {
        List<Long> permitted = permissions.permittedWorkflowIds(caller.appName());
        if (permitted.isEmpty()) {
            return Set.of();
        }
        Set<Long> scope = new LinkedHashSet<>(permitted);
        if (query.workflowIds() != null) {
            scope.retainAll(query.workflowIds());
        }
        if (scope.isEmpty()) {
            return scope;
        }
        if (query.fromAdmin()) {
            // managedWorkflowIds lists live workflows only
            scope.retainAll(permissions.managedWorkflowIds(caller.username()));
            return scope;
        }
        if (Caller.CONSOLE_APP.equals(caller.appName())) {
            return scope; // the console's list already holds live workflows only
        }
        return new LinkedHashSet<>(jdbc.sql("SELECT id FROM workflow_workflow WHERE id IN (:ids) AND is_deleted = FALSE")
                .param("ids", scope).query(Long.class).list());
    }

    /** {@code WHERE ...} of the count and the page (tickets are {@code t}); fills {@code params}. */
    private static String where(TicketListQuery q, Set<Long> scope, String username, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder(" WHERE t.is_deleted = FALSE AND t.workflow_id IN (:workflowIds)");
        params.put("workflowIds", scope);
        if (q.actStateId() != null) {
            sql.append(" AND t.act_state_id = :actStateId");
            params.put("actStateId", q.actStateId());
        }
        if (q.fromAdmin() && !q.creator().isEmpty()) {
            sql.append(" AND t.creator = :creator");
            params.put("creator", q.creator());
        }
        if (!q.sn().isEmpty()) {
            // LIKE narrows by the index (case-insensitive in both databases); REPLACE compares case-sensitively,
            // as loonflow's LIKE BINARY did: the first n characters minus the prefix leave nothing only on a match
            sql.append(" AND t.sn LIKE :snPattern ESCAPE '!'"
                    + " AND CHAR_LENGTH(REPLACE(SUBSTRING(t.sn, 1, :snLength), :sn, '')) = 0");
            params.put("snPattern", likeEscape(q.sn()) + "%");
            params.put("snLength", q.sn().length());
            params.put("sn", q.sn());
        }
        if (!q.title().isEmpty()) {
            // case-sensitive substring in H2 (IGNORECASE) and MySQL (_ci collations) alike: REPLACE matches exactly
            sql.append(" AND CHAR_LENGTH(REPLACE(t.title, :title, '')) < CHAR_LENGTH(t.title)");
            params.put("title", q.title());
        }
        if (q.createStart() != null) {
            sql.append(" AND t.gmt_created >= :createStart");
            params.put("createStart", Timestamp.valueOf(q.createStart()));
        }
        if (q.createEnd() != null) {
            sql.append(" AND t.gmt_created <= :createEnd");
            params.put("createEnd", Timestamp.valueOf(q.createEnd()));
        }
        if (q.stateIds() != null) {
            sql.append(" AND t.state_id IN (:stateIds)");
            params.put("stateIds", q.stateIds());
        }
        if (q.ticketIds() != null) {
            sql.append(" AND t.id IN (:ticketIds)");
            params.put("ticketIds", q.ticketIds());
        }
        switch (q.category()) {
            case OWNER -> {
                sql.append(" AND t.creator = :username");
                params.put("username", username);
            }
            case DUTY -> {
                sql.append(" AND t.act_state_id NOT IN (4, 5) AND u.username = :username AND u.in_process = TRUE");
                params.put("username", username);
            }
            case RELATION -> {
                sql.append(" AND u.username = :username");
                params.put("username", username);
            }
            case WORKED -> {
                sql.append(" AND u.username = :username AND u.worked = TRUE");
                params.put("username", username);
            }
            default -> {
                // all: every ticket of the scope, whoever asks (loonflow's behaviour, kept)
            }
        }
        return sql.toString();
    }

    /** Wildcards in the text match literally; {@code !} escapes in H2 and MySQL alike. */
    static String likeEscape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 4);
        for (char c : text.toCharArray()) {
            if (c == '!' || c == '%' || c == '_') {
                escaped.append('!');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
