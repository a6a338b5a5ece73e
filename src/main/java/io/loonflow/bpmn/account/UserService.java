package io.loonflow.bpmn.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Paging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users (§3.1 of the spec). Password hashes are computed by the caller, outside the transaction. */
@Service
@Transactional
class UserService {

    /** The editable attributes of a user, as sent by the console. */
    record UserInput(String username, String alias, String email, String phone, long deptId, boolean active,
                     boolean admin, boolean workflowAdmin) {
    }

    private static final Logger log = LoggerFactory.getLogger(UserService.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    UserService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> list(String search, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder from = new StringBuilder(UserRows.FROM).append(" WHERE u.is_deleted = FALSE");
        if (!search.isEmpty()) {
            from.append(" AND (LOWER(u.username) LIKE :search").append(AccountSql.LIKE_ESCAPE)
                    .append(" OR LOWER(u.alias) LIKE :search").append(AccountSql.LIKE_ESCAPE).append(')');
            params.put("search", AccountSql.contains(search));
        }
        return AccountSql.page(jdbc, UserRows.SELECT, from.toString(), params, "u.id", paging, UserRows::item);
    }

    public long create(UserInput input, String passwordHash, String creator) {
        requireUsernameFree(input.username(), null);
        requireLiveDept(input.deptId());
        KeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    INSERT INTO account_loonuser (password, last_login, username, alias, email, phone, dept_id,
                        is_active, is_admin, is_workflow_admin, creator, gmt_created, gmt_modified, is_deleted)
                    VALUES (:password, NULL, :username, :alias, :email, :phone, :dept, :active, :admin, :wfadmin,
                        :creator, :now, :now, FALSE)""")
                    .param("password", passwordHash)
                    .params(attributes(input))
                    .param("creator", creator)
                    .param("now", AccountSql.now(clock))
                    .update(key, "id");
        } catch (DuplicateKeyException e) {
            throw usernameTaken(input.username());
        }
        long id = key.getKey().longValue();
        log.info("user {} (id {}) created by {}", input.username(), id, creator);
        return id;
    }

    /** Overwrites the attributes of a live user; the password is never changed here (as in loonflow). */
    public void update(long userId, UserInput input) {
        long currentDept = jdbc.sql("SELECT dept_id FROM account_loonuser WHERE id = :id AND is_deleted = FALSE FOR UPDATE")
                .param("id", userId).query(Long.class).optional()
                .orElseThrow(() -> userMissing(userId));
        requireUsernameFree(input.username(), userId);
        if (input.deptId() != currentDept) {
            requireLiveDept(input.deptId()); // an unchanged (possibly since deleted) dept may stay as it is
        }
        try {
            jdbc.sql("""
                    UPDATE account_loonuser SET username = :username, alias = :alias, email = :email, phone = :phone,
                        dept_id = :dept, is_active = :active, is_admin = :admin, is_workflow_admin = :wfadmin,
                        gmt_modified = :now
                    WHERE id = :id""")
                    .params(attributes(input))
                    .param("now", AccountSql.now(clock))
                    .param("id", userId)
                    .update();
        } catch (DuplicateKeyException e) {
            throw usernameTaken(input.username());
        }
    }

    /** Soft delete; role memberships stay (participant lookups skip deleted users). */
    public void delete(long userId) {
        int changed = jdbc.sql("""
                UPDATE account_loonuser SET is_deleted = TRUE, gmt_modified = :now WHERE id = :id AND is_deleted = FALSE""")
                .param("now", AccountSql.now(clock)).param("id", userId).update();
        if (changed == 0) {
            throw userMissing(userId);
        }
    }

    /** The user's live roles; {@code label} JSON-encoded a second time, exactly as loonflow answered. */
    @Transactional(readOnly = true)
    public Map<String, Object> roles(long userId, String search, Paging paging) {
        requireLiveUser(userId);
        Map<String, Object> params = new HashMap<>();
        params.put("user", userId);
        StringBuilder from = new StringBuilder("""
                FROM account_loonrole r WHERE r.is_deleted = FALSE AND r.id IN (
                  SELECT m.role_id FROM account_loonuserrole m WHERE m.user_id = :user AND m.is_deleted = FALSE)""");
        if (!search.isEmpty()) {
            from.append(" AND LOWER(r.name) LIKE :search").append(AccountSql.LIKE_ESCAPE);
            params.put("search", AccountSql.contains(search));
        }
        return AccountSql.page(jdbc, "SELECT r.id, r.name, r.description, r.label, r.creator, r.gmt_created",
                from.toString(), params, "r.id", paging, UserService::userRole);
    }

    /** Checks that the user may get the reset password (loonflow's rule: admins and workflow admins only). */
    @Transactional(readOnly = true)
    public void requireResettable(long userId) {
        boolean mayLogIn = jdbc.sql("""
                SELECT is_admin OR is_workflow_admin FROM account_loonuser WHERE id = :id AND is_deleted = FALSE""")
                .param("id", userId).query(Boolean.class).optional()
                .orElseThrow(() -> userMissing(userId));
        if (!mayLogIn) {
            throw new ApiException("just admin or workflow admin can be reset password");
        }
    }

    public void setPassword(long userId, String passwordHash, String operator) {
        requireResettable(userId);
        jdbc.sql("UPDATE account_loonuser SET password = :password, gmt_modified = :now WHERE id = :id")
                .param("password", passwordHash).param("now", AccountSql.now(clock)).param("id", userId).update();
        log.info("password of user id {} reset by {}", userId, operator);
    }

    private static Map<String, Object> userRole(ResultSet rs, int rowNum) throws SQLException {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("id", rs.getLong("id"));
        role.put("name", rs.getString("name"));
        role.put("description", rs.getString("description"));
        String label = rs.getString("label");
        role.put("label", label == null || label.isEmpty() ? Map.of() : PythonJson.dumps(label));
        role.put("creator", rs.getString("creator"));
        role.put("gmt_created", AccountSql.time(rs, "gmt_created"));
        return role;
    }

    private static Map<String, Object> attributes(UserInput input) {
        Map<String, Object> params = new HashMap<>();
        params.put("username", input.username());
        params.put("alias", input.alias());
        params.put("email", input.email());
        params.put("phone", input.phone());
        params.put("dept", input.deptId());
        params.put("active", input.active());
        params.put("admin", input.admin());
        params.put("wfadmin", input.workflowAdmin());
        return params;
    }

    private void requireUsernameFree(String username, Long exceptId) {
        // the unique index also covers deleted users and ignores case (MySQL collation / H2 IGNORECASE)
        boolean taken = jdbc.sql("""
                SELECT COUNT(*) FROM account_loonuser WHERE LOWER(username) = LOWER(:username) AND id <> :except""")
                .param("username", username).param("except", exceptId == null ? -1L : exceptId)
                .query(Long.class).single() > 0;
        if (taken) {
            throw usernameTaken(username);
        }
    }

    private void requireLiveDept(long deptId) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM account_loondept WHERE id = :id AND is_deleted = FALSE")
                .param("id", deptId).query(Long.class).single() > 0;
        if (!exists) {
            throw new ApiException("dept_id: " + deptId + " is not existed or has been deleted");
        }
    }

    private void requireLiveUser(long userId) {
        jdbc.sql("SELECT id FROM account_loonuser WHERE id = :id AND is_deleted = FALSE").param("id", userId)
                .query(Long.class).optional().orElseThrow(() -> userMissing(userId));
    }

    static ApiException userMissing(long userId) {
        return new ApiException("user_id: " + userId + " is not existed or has been deleted");
    }

    private static ApiException usernameTaken(String username) {
        return new ApiException("username: " + username
                + " already exists (usernames are unique regardless of letter case, deleted users included)");
    }
}
