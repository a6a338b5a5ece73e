package io.loonflow.bpmn.account;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Paging;
import io.loonflow.bpmn.api.Values;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Departments (§3.3 of the spec). The console sends the leader as a user id and the approvers as a
 * comma-separated list of user ids; they are stored as usernames.
 */
@Service
@Transactional
class DeptService {

    static final String DEPT_MISSING = "dept is not existed or has been deleted";

    /** A create or edit request; {@code null} = key not sent. */
    record DeptInput(String name, Long parentId, String leader, String approver, String label) {
    }

    private record Stored(long parentId, String leader, String approver, String label) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    DeptService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> list(String search, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder from = new StringBuilder(DeptRows.FROM).append(" WHERE d.is_deleted = FALSE");
        if (!search.isEmpty()) {
            from.append(" AND (LOWER(d.name) LIKE :search").append(AccountSql.LIKE_ESCAPE)
                    .append(" OR LOWER(d.label) LIKE :search").append(AccountSql.LIKE_ESCAPE).append(')');
            params.put("search", AccountSql.contains(search));
        }
        AccountSql.Page<DeptRows.Row> page =
                AccountSql.fetch(jdbc, DeptRows.SELECT, from.toString(), params, "d.id", paging, DeptRows::row);
        return paging.result(DeptRows.complete(jdbc, page.rows()), page.total());
    }

    /** Omitted optional values are stored as 0 / empty (loonflow wrote NULL, or crashed on a missing approver). */
    public long create(DeptInput input, String creator) {
        long parentId = input.parentId() == null ? 0 : input.parentId();
        if (parentId != 0) {
            requireLiveParent(parentId);
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO account_loondept (name, parent_dept_id, leader, approver, label, creator, gmt_created,
                    gmt_modified, is_deleted)
                VALUES (:name, :parent, :leader, :approver, :label, :creator, :now, :now, FALSE)""")
                .param("name", input.name()).param("parent", parentId)
                .param("leader", leaderUsername(input.leader() == null ? "" : input.leader()))
                .param("approver", approverUsernames(input.approver() == null ? "" : input.approver()))
                .param("label", input.label() == null ? "" : input.label())
                .param("creator", creator).param("now", AccountSql.now(clock))
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** Omitted optional values keep their stored value. */
    public void update(long deptId, DeptInput input) {
        Stored stored = jdbc.sql("""
                SELECT parent_dept_id, leader, approver, label FROM account_loondept
                WHERE id = :id AND is_deleted = FALSE FOR UPDATE""")
                .param("id", deptId)
                .query((rs, n) -> new Stored(rs.getLong("parent_dept_id"), rs.getString("leader"),
                        rs.getString("approver"), rs.getString("label")))
                .optional().orElseThrow(() -> new ApiException(DEPT_MISSING));
        long parentId = input.parentId() == null ? stored.parentId() : input.parentId();
        if (parentId != stored.parentId() && parentId != 0) {
            requireLiveParent(parentId);
            requireNoCycle(deptId, parentId);
        }
        jdbc.sql("""
                UPDATE account_loondept SET name = :name, parent_dept_id = :parent, leader = :leader,
                    approver = :approver, label = :label, gmt_modified = :now
                WHERE id = :id""")
                .param("name", input.name()).param("parent", parentId)
                .param("leader", input.leader() == null ? stored.leader() : leaderUsername(input.leader()))
                .param("approver", input.approver() == null ? stored.approver() : approverUsernames(input.approver()))
                .param("label", input.label() == null ? stored.label() : input.label())
                .param("now", AccountSql.now(clock)).param("id", deptId)
                .update();
    }

    /** Soft delete. Users and child depts keep pointing at it; participant lookups skip it. */
    public void delete(long deptId) {
        int changed = jdbc.sql("""
                UPDATE account_loondept SET is_deleted = TRUE, gmt_modified = :now WHERE id = :id AND is_deleted = FALSE""")
                .param("now", AccountSql.now(clock)).param("id", deptId).update();
        if (changed == 0) {
            throw new ApiException(DEPT_MISSING);
        }
    }

    private void requireLiveParent(long parentId) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM account_loondept WHERE id = :id AND is_deleted = FALSE")
                .param("id", parentId).query(Long.class).single() > 0;
        if (!exists) {
            throw new ApiException("parent_dept_id: " + parentId + " is not existed or has been deleted");
        }
    }

    /**
     * Walks up from the new parent; reaching the dept itself would close a loop. Each step is a locking read, so
     * two concurrent edits cannot each add half of a loop (the second one sees the first one's link).
     */
    private void requireNoCycle(long deptId, long parentId) {
        Set<Long> seen = new HashSet<>();
        long current = parentId;
        while (current != 0 && seen.add(current)) {
            if (current == deptId) {
                throw new ApiException("parent_dept_id: " + parentId + " is dept " + deptId
                        + " itself or one of its sub depts; a dept cannot be its own ancestor");
            }
            Optional<Long> next = jdbc.sql("SELECT parent_dept_id FROM account_loondept WHERE id = :id FOR UPDATE")
                    .param("id", current).query(Long.class).optional();
            if (next.isEmpty()) {
                break;
            }
            current = next.get();
        }
    }

    /** The console's leader user id → its username; empty stays empty. */
    private String leaderUsername(String leader) {
        String trimmed = leader.trim();
        if (trimmed.isEmpty()) {
            return "";
        }
        return usernameOf(Values.parseLong("leader", trimmed));
    }

    /** The console's comma-separated approver user ids → their usernames, in the order given, without repeats. */
    private String approverUsernames(String approver) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String part : approver.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                ids.add(Values.parseLong("approver", trimmed)); // all well-formed before any lookup
            }
        }
        Set<String> usernames = new LinkedHashSet<>();
        for (long id : ids) {
            usernames.add(usernameOf(id));
        }
        String joined = String.join(",", new ArrayList<>(usernames));
        if (joined.length() > AccountRules.APPROVER_MAX) {
            throw ApiException.invalidParameter("Key 'approver' error: the approvers' usernames take more than "
                    + AccountRules.APPROVER_MAX + " characters");
        }
        return joined;
    }

    private String usernameOf(long userId) {
        return jdbc.sql("SELECT username FROM account_loonuser WHERE id = :id AND is_deleted = FALSE")
                .param("id", userId).query(String.class).optional()
                .orElseThrow(() -> UserService.userMissing(userId));
    }
}
