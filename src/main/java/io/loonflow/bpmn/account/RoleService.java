package io.loonflow.bpmn.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Paging;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Roles and role membership (§3.2 of the spec). */
@Service
@Transactional
class RoleService {

    static final String ROLE_MISSING = "role record is not existed";

    private static final String SELECT = """
            SELECT r.id, r.name, r.description, r.label, r.creator, r.gmt_created, r.gmt_modified, r.is_deleted,
                   c.id AS creator_id, c.alias AS creator_alias, c.username AS creator_username""";
    private static final String FROM = """
            FROM account_loonrole r LEFT JOIN account_loonuser c ON c.username = r.creator""";

    private final JdbcClient jdbc;
    private final Clock clock;

    RoleService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> list(String search, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder from = new StringBuilder(FROM).append(" WHERE r.is_deleted = FALSE");
        if (!search.isEmpty()) {
            from.append(" AND (LOWER(r.name) LIKE :search").append(AccountSql.LIKE_ESCAPE)
                    .append(" OR LOWER(r.description) LIKE :search").append(AccountSql.LIKE_ESCAPE).append(')');
            params.put("search", AccountSql.contains(search));
        }
        return AccountSql.page(jdbc, SELECT, from.toString(), params, "r.id", paging, RoleService::item);
    }

    public long create(String name, String description, String label, String creator) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO account_loonrole (name, description, label, creator, gmt_created, gmt_modified, is_deleted)
                VALUES (:name, :description, :label, :creator, :now, :now, FALSE)""")
                .param("name", name).param("description", description).param("label", label)
                .param("creator", creator).param("now", AccountSql.now(clock))
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** Omitted optional values keep their stored text (loonflow wrote NULL into NOT NULL columns). */
    public void update(long roleId, String name, Optional<String> description, Optional<String> label) {
        Map<String, String> current = jdbc.sql("""
                SELECT description, label FROM account_loonrole WHERE id = :id AND is_deleted = FALSE FOR UPDATE""")
                .param("id", roleId)
                .query((rs, n) -> Map.of("description", rs.getString("description"), "label", rs.getString("label")))
                .optional().orElseThrow(() -> new ApiException(ROLE_MISSING));
        jdbc.sql("""
                UPDATE account_loonrole SET name = :name, description = :description, label = :label, gmt_modified = :now
                WHERE id = :id""")
                .param("name", name)
                .param("description", description.orElse(current.get("description")))
                .param("label", label.orElse(current.get("label")))
                .param("now", AccountSql.now(clock)).param("id", roleId)
                .update();
    }

    /** Soft delete. Memberships stay, but participant lookups ignore deleted roles. */
    public void delete(long roleId) {
        int changed = jdbc.sql("""
                UPDATE account_loonrole SET is_deleted = TRUE, gmt_modified = :now WHERE id = :id AND is_deleted = FALSE""")
                .param("now", AccountSql.now(clock)).param("id", roleId).update();
        if (changed == 0) {
            throw new ApiException(ROLE_MISSING);
        }
    }

    /** Live users holding the live role, as user objects of the user list. */
    @Transactional(readOnly = true)
    public Map<String, Object> users(long roleId, String search, Paging paging) {
        requireLiveRole(roleId, false);
        Map<String, Object> params = new HashMap<>();
        params.put("role", roleId);
        StringBuilder from = new StringBuilder(UserRows.FROM).append(" WHERE u.is_deleted = FALSE AND u.id IN (")
                .append("SELECT m.user_id FROM account_loonuserrole m WHERE m.role_id = :role AND m.is_deleted = FALSE)");
        if (!search.isEmpty()) {
            from.append(" AND (LOWER(u.username) LIKE :search").append(AccountSql.LIKE_ESCAPE)
                    .append(" OR LOWER(u.alias) LIKE :search").append(AccountSql.LIKE_ESCAPE).append(')');
            params.put("search", AccountSql.contains(search));
        }
        return AccountSql.page(jdbc, UserRows.SELECT, from.toString(), params, "u.id", paging, UserRows::item);
    }

    public void addUser(long roleId, long userId, String creator) {
        requireLiveRole(roleId, true); // the row lock serialises membership changes of this role across nodes
        boolean userExists = jdbc.sql("SELECT COUNT(*) FROM account_loonuser WHERE id = :id AND is_deleted = FALSE")
                .param("id", userId).query(Long.class).single() > 0;
        if (!userExists) {
            throw UserService.userMissing(userId);
        }
        boolean member = jdbc.sql("""
                SELECT COUNT(*) FROM account_loonuserrole WHERE role_id = :role AND user_id = :user AND is_deleted = FALSE""")
                .param("role", roleId).param("user", userId).query(Long.class).single() > 0;
        if (member) {
            throw new ApiException("user has been existed in this role");
        }
        jdbc.sql("""
                INSERT INTO account_loonuserrole (user_id, role_id, creator, gmt_created, gmt_modified, is_deleted)
                VALUES (:user, :role, :creator, :now, :now, FALSE)""")
                .param("user", userId).param("role", roleId).param("creator", creator)
                .param("now", AccountSql.now(clock)).update();
    }

    /** Ends this one membership (loonflow ended every membership of the user, in all roles). */
    public void removeUser(long roleId, long userId) {
        int changed = jdbc.sql("""
                UPDATE account_loonuserrole SET is_deleted = TRUE, gmt_modified = :now
                WHERE role_id = :role AND user_id = :user AND is_deleted = FALSE""")
                .param("now", AccountSql.now(clock)).param("role", roleId).param("user", userId).update();
        if (changed == 0) {
            throw new ApiException("record is not existed or has been deleted");
        }
    }

    private void requireLiveRole(long roleId, boolean lock) {
        jdbc.sql("SELECT id FROM account_loonrole WHERE id = :id AND is_deleted = FALSE" + (lock ? " FOR UPDATE" : ""))
                .param("id", roleId).query(Long.class).optional()
                .orElseThrow(() -> new ApiException(ROLE_MISSING));
    }

    private static Map<String, Object> item(ResultSet rs, int rowNum) throws SQLException {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("id", rs.getLong("id"));
        role.put("name", rs.getString("name"));
        role.put("description", rs.getString("description"));
        role.put("label", rs.getString("label"));
        role.put("creator", rs.getString("creator"));
        role.put("gmt_created", AccountSql.time(rs, "gmt_created"));
        role.put("gmt_modified", AccountSql.time(rs, "gmt_modified"));
        role.put("is_deleted", rs.getBoolean("is_deleted"));
        role.put("creator_info", UserRows.creatorInfo(rs, true));
        return role;
    }
}
