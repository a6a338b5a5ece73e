package io.loonflow.bpmn.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.loonflow.bpmn.api.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Account lookups for the ticket engine (§4 of the workflow-and-admin spec): who belongs to a dept or role, who
 * leads a creator's dept, which depts and roles a user has. Unlike loonflow, handlers are only ever live users:
 * deleted and deactivated users, deleted depts and deleted roles resolve to nobody. Username comparisons are done
 * by the database (case-insensitive, as MySQL's collation made them in loonflow); results carry the stored
 * spelling. Runs in the caller's transaction when there is one.
 */
@Service
public class ParticipantDirectory {

    /** A user row without its password. */
    public record AccountUser(long id, String username, String alias, String email, String phone, long deptId,
                              boolean active, boolean admin, boolean workflowAdmin) {
    }

    private static final String USER_COLUMNS =
            "id, username, alias, email, phone, dept_id, is_active, is_admin, is_workflow_admin";

    private final JdbcClient jdbc;

    ParticipantDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A non-deleted user by username (§4.1); inactive users are returned with {@code active = false}. */
    public Optional<AccountUser> findUser(String username) {
        if (username == null || username.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + USER_COLUMNS + " FROM account_loonuser WHERE username = :username AND is_deleted = FALSE")
                .param("username", username).query(ParticipantDirectory::user).optional();
    }

    /** A non-deleted user by id (§4.1). */
    public Optional<AccountUser> findUser(long userId) {
        return jdbc.sql("SELECT " + USER_COLUMNS + " FROM account_loonuser WHERE id = :id AND is_deleted = FALSE")
                .param("id", userId).query(ParticipantDirectory::user).optional();
    }

    /** The non-deleted users among these usernames, in id order (names without a user are left out). */
    public List<AccountUser> findUsers(Collection<String> usernames) {
        Set<String> names = new LinkedHashSet<>(usernames);
        names.remove(null);
        names.remove("");
        if (names.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + USER_COLUMNS
                        + " FROM account_loonuser WHERE username IN (:names) AND is_deleted = FALSE ORDER BY id")
                .param("names", names).query(ParticipantDirectory::user).list();
    }

    /**
     * Usernames of the live, active users of the depts in a comma-separated id list and of all their live
     * descendants (§4.2, participant type 3). Missing or deleted depts contribute nothing without hiding the
     * others; parent cycles are harmless. Empty elements are skipped; a non-numeric one is a code -1 failure.
     */
    public List<String> deptUsernames(String deptIds) {
        return deptUsernames(parseIds(deptIds, "dept"));
    }

    public List<String> deptUsernames(Collection<Long> deptIds) {
        Set<Long> depts = liveDeptsWithDescendants(deptIds);
        if (depts.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT username FROM account_loonuser
                WHERE dept_id IN (:depts) AND is_deleted = FALSE AND is_active = TRUE ORDER BY id""")
                .param("depts", depts).query(String.class).list();
    }

    /** Usernames of the live, active members of a live role (§4.3, participant type 4), in id order. */
    public List<String> roleUsernames(long roleId) {
        return jdbc.sql("""
                SELECT u.username FROM account_loonuser u
                WHERE u.is_deleted = FALSE AND u.is_active = TRUE AND u.id IN (
                  SELECT m.user_id FROM account_loonuserrole m JOIN account_loonrole r ON r.id = m.role_id
                  WHERE m.role_id = :role AND m.is_deleted = FALSE AND r.is_deleted = FALSE)
                ORDER BY u.id""")
                .param("role", roleId).query(String.class).list();
    }

    /**
     * The {@code creator_tl} variable (§4.4): the approvers of the creator's own dept, or else its leader. Only live,
     * active users count; a deleted or missing dept gives nobody, and the SQL default approver {@code 0} is not a
     * user. The creator must be a non-deleted user (code -1 otherwise, as in loonflow).
     */
    public List<String> creatorTeamLeaders(String creator) {
        AccountUser user = findUser(creator).orElseThrow(() ->
                new ApiException("username: " + creator + " is not existed or has been deleted"));
        Optional<String[]> dept = jdbc.sql("""
                SELECT leader, approver FROM account_loondept WHERE id = :id AND is_deleted = FALSE""")
                .param("id", user.deptId())
                .query((rs, n) -> new String[] {rs.getString("leader"), rs.getString("approver")}).optional();
        if (dept.isEmpty()) {
            return List.of();
        }
        List<String> approvers = liveActiveUsernames(List.of(dept.get()[1].split(",")));
        return approvers.isEmpty() ? liveActiveUsernames(List.of(dept.get()[0])) : approvers;
    }

    /**
     * The user's dept and its ancestors, nearest first, stopping at a missing or deleted dept (§4.5,
     * {@code allow_depts}). The user must be a non-deleted user (code -1 otherwise).
     */
    public List<Long> deptChain(String username) {
        AccountUser user = requireUser(username);
        List<Long> chain = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long current = user.deptId();
        while (current != 0 && seen.add(current)) {
            Optional<Long> parent = jdbc.sql("SELECT parent_dept_id FROM account_loondept WHERE id = :id AND is_deleted = FALSE")
                    .param("id", current).query(Long.class).optional();
            if (parent.isEmpty()) {
                break;
            }
            chain.add(current);
            current = parent.get();
        }
        return chain;
    }

    /** Ids of the live roles the user is a member of (§4.5, {@code allow_roles}), ascending. */
    public List<Long> roleIds(String username) {
        AccountUser user = requireUser(username);
        return jdbc.sql("""
                SELECT DISTINCT m.role_id FROM account_loonuserrole m JOIN account_loonrole r ON r.id = m.role_id
                WHERE m.user_id = :user AND m.is_deleted = FALSE AND r.is_deleted = FALSE ORDER BY m.role_id""")
                .param("user", user.id()).query(Long.class).list();
    }

    /** Name of a non-deleted dept (legacy ticket participant type 3). */
    public Optional<String> deptName(long deptId) {
        return jdbc.sql("SELECT name FROM account_loondept WHERE id = :id AND is_deleted = FALSE")
                .param("id", deptId).query(String.class).optional();
    }

    /** Name of a non-deleted role (legacy ticket participant type 4). */
    public Optional<String> roleName(long roleId) {
        return jdbc.sql("SELECT name FROM account_loonrole WHERE id = :id AND is_deleted = FALSE")
                .param("id", roleId).query(String.class).optional();
    }

    /**
     * A dept as the account API lists it (columns plus {@code creator_info}, {@code parent_dept_info},
     * {@code leader_info}, {@code approver_info}), whatever its deletion flag; the ticket API embeds this as a
     * creator's {@code dept_info}.
     */
    public Optional<Map<String, Object>> deptDetails(long deptId) {
        List<DeptRows.Row> rows = jdbc.sql(DeptRows.SELECT + " " + DeptRows.FROM + " WHERE d.id = :id")
                .param("id", deptId).query(DeptRows::row).list();
        return rows.isEmpty() ? Optional.empty() : Optional.of(DeptRows.complete(jdbc, rows).get(0));
    }

    /**
     * {@link #deptDetails(long)} for many depts with a fixed number of queries (list pages embed one per ticket
     * creator); depts that do not exist are absent from the map.
     */
    public Map<Long, Map<String, Object>> deptDetails(Collection<Long> deptIds) {
        Map<Long, Map<String, Object>> result = new java.util.HashMap<>();
        if (deptIds.isEmpty()) {
            return result;
        }
        List<DeptRows.Row> rows = jdbc.sql(DeptRows.SELECT + " " + DeptRows.FROM + " WHERE d.id IN (:ids)")
                .param("ids", new LinkedHashSet<>(deptIds)).query(DeptRows::row).list();
        for (Map<String, Object> dept : DeptRows.complete(jdbc, rows)) {
            result.put(((Number) dept.get("id")).longValue(), dept);
        }
        return result;
    }

    private AccountUser requireUser(String username) {
        return findUser(username).orElseThrow(() -> new ApiException("user is not existed or has been deleted"));
    }

    private Set<Long> liveDeptsWithDescendants(Collection<Long> roots) {
        Set<Long> collected = new LinkedHashSet<>();
        if (roots.isEmpty()) {
            return collected;
        }
        List<Long> frontier = jdbc.sql("SELECT id FROM account_loondept WHERE id IN (:ids) AND is_deleted = FALSE")
                .param("ids", new LinkedHashSet<>(roots)).query(Long.class).list();
        while (!frontier.isEmpty()) {
            List<Long> fresh = frontier.stream().filter(collected::add).toList();
            if (fresh.isEmpty()) {
                break; // only already visited depts: a parent cycle
            }
            frontier = jdbc.sql("SELECT id FROM account_loondept WHERE parent_dept_id IN (:ids) AND is_deleted = FALSE")
                    .param("ids", fresh).query(Long.class).list();
        }
        return collected;
    }

    /** The names that belong to live, active users, in the given order, spelled as stored, without repeats. */
    private List<String> liveActiveUsernames(List<String> names) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : names) {
            String trimmed = name.trim();
            if (!trimmed.isEmpty() && !trimmed.equals("0")) {
                wanted.add(trimmed);
            }
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<String, String> stored = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        jdbc.sql("""
                SELECT username FROM account_loonuser
                WHERE username IN (:names) AND is_deleted = FALSE AND is_active = TRUE""")
                .param("names", wanted).query(String.class).list()
                .forEach(username -> stored.put(username, username));
        Set<String> result = new LinkedHashSet<>();
        for (String name : wanted) {
            String username = stored.get(name);
            if (username != null) {
                result.add(username);
            }
        }
        return new ArrayList<>(result);
    }

    private static List<Long> parseIds(String text, String what) {
        List<Long> ids = new ArrayList<>();
        if (text == null) {
            return ids;
        }
        for (String part : text.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(trimmed));
            } catch (NumberFormatException e) {
                throw new ApiException("'" + trimmed + "' in '" + text + "' is not a " + what + " id");
            }
        }
        return ids;
    }

    private static AccountUser user(ResultSet rs, int rowNum) throws SQLException {
        return new AccountUser(rs.getLong("id"), rs.getString("username"), rs.getString("alias"),
                rs.getString("email"), rs.getString("phone"), rs.getLong("dept_id"), rs.getBoolean("is_active"),
                rs.getBoolean("is_admin"), rs.getBoolean("is_workflow_admin"));
    }
}
