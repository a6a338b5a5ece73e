package io.loonflow.bpmn.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import javax.sql.DataSource;

/**
 * Seeds the ticket tables for the list benchmark with JDBC batches (one commit per chunk). The distribution:
 * <ul>
 *   <li>{@value #USERS} users in {@value #DEPTS} depts; users are picked with a skew (index = USERS * r², r uniform),
 *       so {@code u00000} is involved in ~1.4 % of the picks and the tail in very few;</li>
 *   <li>{@value #WORKFLOWS} workflows with a start, two middle and an end state each;</li>
 *   <li>creation times uniform over the last two years (about half inside the list's default one-year window);</li>
 *   <li>act states by age: of the last week's tickets 60 % are open (ongoing, sent back, draft), of the rest of the
 *       last month 18 %, of older ones 2 % (forgotten tickets); the others are finished (or closed);</li>
 *   <li>five {@code ticket_ticketuser} rows per ticket: the creator, three past workers ({@code worked}) and the
 *       current handler ({@code in_process}), cleared when the ticket finished or closed, as this service does.
 *       With {@code staleDutyFlags} 30 % of the finished and closed tickets keep the last handler's stale
 *       {@code in_process} flag, as loonflow left it after a handle into the end state (a loonflow database copied
 *       as it is; migration V5 clears such flags).</li>
 * </ul>
 * The secondary indexes of the two ticket tables are dropped during the load and rebuilt after it (a bulk load
 * with live indexes is several times slower and makes H2's file grow by gigabytes).
 */
final class TicketListBenchmarkSeeder {

    static final int USERS = 5000;
    static final int DEPTS = 50;
    static final int WORKFLOWS = 8;
    private static final int CHUNK = 2000;

    private final boolean staleDutyFlags;

    /** What the benchmark needs to know about the seeded data; {@code millis} is -1 for a reused database. */
    record Seeded(List<Long> workflowIds, long millis) {
    }

    private final DataSource dataSource;
    private final Random random = new Random(20240229L);

    TicketListBenchmarkSeeder(DataSource dataSource, boolean staleDutyFlags) {
        this.staleDutyFlags = staleDutyFlags;
        this.dataSource = dataSource;
    }

    static String username(int index) {
        return String.format("u%05d", index);
    }

    Seeded seed(int tickets, LocalDateTime now, boolean h2) throws SQLException {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long existing;
            try (var check = c.createStatement(); var rs = check.executeQuery("SELECT COUNT(*) FROM ticket_ticketrecord")) {
                rs.next();
                existing = rs.getLong(1);
            }
            if (existing == tickets) {
                return new Seeded(workflowIds(c), -1); // seeded by an earlier run: reuse
            }
            if (existing != 0) {
                throw new IllegalStateException("the benchmark database holds " + existing + " tickets, expected 0 or "
                        + tickets + "; drop it (or delete target/benchmark) first");
            }
            long firstDept = depts(c);
            users(c, firstDept);
            List<Long> workflows = new ArrayList<>();
            List<long[]> states = new ArrayList<>();
            for (int w = 0; w < WORKFLOWS; w++) {
                long id = insertWorkflow(c, "bench workflow " + w);
                workflows.add(id);
                states.add(new long[] {insertState(c, id, "start", 1), insertState(c, id, "review", 0),
                        insertState(c, id, "approve", 0), insertState(c, id, "end", 2)});
            }
            c.commit();
            List<String[]> dropped = dropIndexes(c, h2);
            tickets(c, tickets, now, workflows, states);
            try (var s = c.createStatement()) {
                for (String[] index : dropped) {
                    long t0 = System.nanoTime();
                    s.execute("CREATE " + index[2] + "INDEX " + index[0] + " ON " + index[1]);
                    System.out.printf("[benchmark] rebuilt %s in %.1f s%n", index[0], (System.nanoTime() - t0) / 1e9);
                }
                if (h2) {
                    s.execute("ALTER TABLE ticket_ticketrecord ALTER COLUMN id RESTART WITH " + (tickets + 1));
                    s.execute("ANALYZE");
                } else {
                    s.execute("ANALYZE TABLE ticket_ticketrecord, ticket_ticketuser");
                }
            }
            c.commit();
            return new Seeded(workflows, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private long depts(Connection c) throws SQLException {
        long first = -1;
        for (int d = 0; d < DEPTS; d++) {
            long id = insert(c, "INSERT INTO account_loondept (name, parent_dept_id, leader, approver, label, creator)"
                    + " VALUES (?, 0, ?, ?, '{}', 'admin')", "bench dept " + d, username(d), username(d + DEPTS));
            if (first < 0) {
                first = id;
            }
        }
        return first;
    }

    private void users(Connection c, long firstDept) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO account_loonuser (password, username, alias,"
                + " email, phone, dept_id, is_active, is_admin, is_workflow_admin, creator)"
                + " VALUES ('!unusable', ?, ?, ?, '', ?, TRUE, FALSE, FALSE, 'admin')")) {
            for (int u = 0; u < USERS; u++) {
                ps.setString(1, username(u));
                ps.setString(2, "User " + u);
                ps.setString(3, username(u) + "@example.com");
                ps.setLong(4, firstDept + (u % DEPTS));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void tickets(Connection c, int count, LocalDateTime now, List<Long> workflows, List<long[]> states)
            throws SQLException {
        String ticketSql = "INSERT INTO ticket_ticketrecord (id, title, workflow_id, sn, state_id, parent_ticket_id,"
                + " parent_ticket_state_id, participant_type_id, participant, relation, in_add_node, add_node_man,"
                + " script_run_last_result, multi_all_person, act_state_id, proc_inst_id, creator, gmt_created,"
                + " gmt_modified, is_deleted)"
                + " VALUES (?, ?, ?, ?, ?, 0, 0, 1, ?, ?, FALSE, '', TRUE, '{}', ?, '', ?, ?, ?, FALSE)";
        String userSql = "INSERT INTO ticket_ticketuser (ticket_id, username, in_process, worked, creator,"
                + " gmt_created, gmt_modified, is_deleted) VALUES (?, ?, ?, ?, '', ?, ?, FALSE)";
        long window = 2L * 365 * 24 * 3600;
        try (PreparedStatement tp = c.prepareStatement(ticketSql); PreparedStatement up = c.prepareStatement(userSql)) {
            for (int i = 1; i <= count; i++) {
                int w = random.nextInt(WORKFLOWS);
                long[] st = states.get(w);
                long ageSeconds = (long) (random.nextDouble() * window);
                double ageDays = ageSeconds / 86400.0;
                // shares of ongoing, sent back, draft and closed; the rest is finished
                double[] shares = ageDays < 7 ? new double[] {0.45, 0.10, 0.05, 0.02}
                        : ageDays < 30 ? new double[] {0.12, 0.04, 0.02, 0.04} : new double[] {0.01, 0.005, 0.005, 0.05};
                double roll = random.nextDouble();
                int act;
                long state;
                if (roll < shares[0]) {
                    act = 1;
                    state = random.nextBoolean() ? st[1] : st[2];
                } else if (roll < shares[0] + shares[1]) {
                    act = 2;
                    state = st[1];
                } else if (roll < shares[0] + shares[1] + shares[2]) {
                    act = 0;
                    state = st[0];
                } else if (roll < shares[0] + shares[1] + shares[2] + shares[3]) {
                    act = 5;
                    state = st[3];
                } else {
                    act = 4;
                    state = st[3];
                }
                List<String> people = distinctUsers(5);
                String creator = people.get(0);
                String handler = act == 0 ? creator : people.get(4);
                boolean open = act != 4 && act != 5;
                boolean stale = random.nextDouble() < 0.30 && !open && staleDutyFlags;
                Timestamp created = Timestamp.valueOf(now.minusSeconds(ageSeconds));
                tp.setLong(1, i);
                tp.setString(2, "bench ticket " + i);
                tp.setLong(3, workflows.get(w));
                tp.setString(4, "bench_" + i);
                tp.setLong(5, state);
                tp.setString(6, open ? handler : "");
                tp.setString(7, String.join(",", people));
                tp.setInt(8, act);
                tp.setString(9, creator);
                tp.setTimestamp(10, created);
                tp.setTimestamp(11, created);
                tp.addBatch();
                for (int p = 0; p < people.size(); p++) {
                    String name = people.get(p);
                    boolean inProcess;
                    boolean worked;
                    if (p == 0) {
                        inProcess = act == 0;
                        worked = false;
                    } else if (p < 4 || act == 0) {
                        inProcess = false;
                        worked = true;
                    } else {
                        inProcess = open || stale;
                        worked = !open;
                    }
                    up.setLong(1, i);
                    up.setString(2, name);
                    up.setBoolean(3, inProcess);
                    up.setBoolean(4, worked);
                    up.setTimestamp(5, created);
                    up.setTimestamp(6, created);
                    up.addBatch();
                }
                if (i % CHUNK == 0 || i == count) {
                    tp.executeBatch();
                    up.executeBatch();
                    c.commit();
                }
                if (i % 100_000 == 0) {
                    System.out.println("[benchmark] seeded " + i + " tickets");
                }
            }
        }
    }

    /**
     * The secondary indexes of the ticket tables as the migrations create them ({name, table (columns), UNIQUE?});
     * those that exist are dropped for the load and rebuilt afterwards, any other index stays in place.
     */
    private static final List<String[]> BULK_INDEXES = List.of(
            new String[] {"idx_ticket_workflow_deleted_created", "ticket_ticketrecord (workflow_id, is_deleted, gmt_created)",
                    ""},
            new String[] {"idx_ticket_created", "ticket_ticketrecord (gmt_created)", ""},
            new String[] {"idx_ticket_creator_created", "ticket_ticketrecord (creator, gmt_created)", ""},
            new String[] {"idx_ticket_sn", "ticket_ticketrecord (sn)", ""},
            new String[] {"idx_ticket_parent", "ticket_ticketrecord (parent_ticket_id)", ""},
            new String[] {"idx_ticket_act_state", "ticket_ticketrecord (act_state_id)", ""},
            new String[] {"uk_ticketuser_ticket_user", "ticket_ticketuser (ticket_id, username)", "UNIQUE "},
            new String[] {"idx_ticketuser_user_process", "ticket_ticketuser (username, in_process, ticket_id)", ""},
            new String[] {"idx_ticketuser_user_worked", "ticket_ticketuser (username, worked, ticket_id)", ""});

    private static List<String[]> dropIndexes(Connection c, boolean h2) throws SQLException {
        List<String[]> dropped = new ArrayList<>();
        for (String[] index : BULK_INDEXES) {
            String table = index[1].substring(0, index[1].indexOf(' '));
            try (var s = c.createStatement()) {
                s.execute("DROP INDEX " + index[0] + (h2 ? "" : " ON " + table));
                dropped.add(index);
            } catch (SQLException e) {
                c.rollback(); // not there (any more): nothing to rebuild
            }
        }
        c.commit();
        return dropped;
    }

    private List<String> distinctUsers(int n) {
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < n) {
            double r = random.nextDouble();
            names.add(username((int) (USERS * r * r)));
        }
        return new ArrayList<>(names);
    }

    private static List<Long> workflowIds(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (var s = c.createStatement();
             var rs = s.executeQuery("SELECT id FROM workflow_workflow WHERE name LIKE 'bench workflow %' ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private long insertWorkflow(Connection c, String name) throws SQLException {
        return insert(c, "INSERT INTO workflow_workflow (name, description, notices, limit_expression,"
                + " display_form_str, creator) VALUES (?, '', '', '{}', '[]', 'admin')", name);
    }

    private long insertState(Connection c, long workflowId, String name, int type) throws SQLException {
        return insert(c, "INSERT INTO workflow_state (name, workflow_id, order_id, type_id, participant_type_id,"
                + " participant, distribute_type_id, state_field_str, label, creator)"
                + " VALUES (?, ?, 0, ?, 1, '', 1, '{}', '{}', 'admin')", name, workflowId, type);
    }

    private static long insert(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
            try (var keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }
}
