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
 *   <li>act states: 60 % finished, 5 % closed, 25 % ongoing, 5 % sent back, 5 % draft;</li>
 *   <li>five {@code ticket_ticketuser} rows per ticket: the creator, three past workers ({@code worked}) and the
 *       current handler ({@code in_process}); for finished and closed tickets 30 % keep a stale
 *       {@code in_process} flag, as loonflow left it after a handle into the end state.</li>
 * </ul>
 */
final class TicketListBenchmarkSeeder {

    static final int USERS = 5000;
    static final int DEPTS = 50;
    static final int WORKFLOWS = 8;
    private static final int CHUNK = 2000;

    /** What the benchmark needs to know about the seeded data. */
    record Seeded(List<Long> workflowIds, long millis) {
    }

    private final DataSource dataSource;
    private final Random random = new Random(20240229L);

    TicketListBenchmarkSeeder(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static String username(int index) {
        return String.format("u%05d", index);
    }

    Seeded seed(int tickets, LocalDateTime now, boolean h2) throws SQLException {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var check = c.createStatement(); var rs = check.executeQuery("SELECT COUNT(*) FROM ticket_ticketrecord")) {
                rs.next();
                if (rs.getLong(1) != 0) {
                    throw new IllegalStateException("the benchmark needs an empty database (found tickets)");
                }
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
            tickets(c, tickets, now, workflows, states);
            if (h2) {
                try (var s = c.createStatement()) {
                    s.execute("ALTER TABLE ticket_ticketrecord ALTER COLUMN id RESTART WITH " + (tickets + 1));
                    s.execute("ANALYZE");
                }
            } else {
                try (var s = c.createStatement()) {
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
                double roll = random.nextDouble();
                int act;
                long state;
                if (roll < 0.60) {
                    act = 4;
                    state = st[3];
                } else if (roll < 0.65) {
                    act = 5;
                    state = st[3];
                } else if (roll < 0.90) {
                    act = 1;
                    state = random.nextBoolean() ? st[1] : st[2];
                } else if (roll < 0.95) {
                    act = 2;
                    state = st[1];
                } else {
                    act = 0;
                    state = st[0];
                }
                List<String> people = distinctUsers(5);
                String creator = people.get(0);
                String handler = act == 0 ? creator : people.get(4);
                boolean open = act != 4 && act != 5;
                boolean stale = !open && random.nextDouble() < 0.30;
                Timestamp created = Timestamp.valueOf(now.minusSeconds((long) (random.nextDouble() * window)));
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

    private List<String> distinctUsers(int n) {
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < n) {
            double r = random.nextDouble();
            names.add(username((int) (USERS * r * r)));
        }
        return new ArrayList<>(names);
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
