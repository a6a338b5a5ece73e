package io.loonflow.bpmn.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user object of loonflow's account lists (its {@code LoonUser.get_dict}): every column except the password,
 * with {@code dept_id} and {@code creator} replaced by {@code dept_info} and {@code creator_info}.
 */
final class UserRows {

    static final String SELECT = """
            SELECT u.id, u.last_login, u.username, u.alias, u.email, u.phone, u.dept_id, d.name AS dept_name,
                   u.is_active, u.is_admin, u.is_workflow_admin, u.creator, c.id AS creator_id,
                   c.alias AS creator_alias, c.username AS creator_username, u.gmt_created, u.gmt_modified,
                   u.is_deleted""";

    /** The dept name is shown only for a live dept; the creator is looked up whatever its deletion flag. */
    static final String FROM = """
            FROM account_loonuser u
            LEFT JOIN account_loondept d ON d.id = u.dept_id AND d.is_deleted = FALSE
            LEFT JOIN account_loonuser c ON c.username = u.creator""";

    private UserRows() {
    }

    static Map<String, Object> item(ResultSet rs, int rowNum) throws SQLException {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", rs.getLong("id"));
        user.put("last_login", AccountSql.time(rs, "last_login"));
        user.put("username", rs.getString("username"));
        user.put("alias", rs.getString("alias"));
        user.put("email", rs.getString("email"));
        user.put("phone", rs.getString("phone"));
        Map<String, Object> dept = new LinkedHashMap<>();
        dept.put("dept_id", rs.getLong("dept_id"));
        String deptName = rs.getString("dept_name");
        dept.put("dept_name", deptName == null ? "" : deptName);
        user.put("dept_info", dept);
        user.put("is_active", rs.getBoolean("is_active"));
        user.put("is_admin", rs.getBoolean("is_admin"));
        user.put("is_workflow_admin", rs.getBoolean("is_workflow_admin"));
        user.put("creator_info", creatorInfo(rs, true));
        user.put("gmt_created", AccountSql.time(rs, "gmt_created"));
        user.put("gmt_modified", AccountSql.time(rs, "gmt_modified"));
        user.put("is_deleted", rs.getBoolean("is_deleted"));
        return user;
    }

    /**
     * loonflow's {@code creator_info} from the columns {@code creator}, {@code creator_id}, {@code creator_alias}
     * and {@code creator_username} of a join with the creator's user row. For a found creator, depts leave the
     * username out ({@code withUsername=false}), as loonflow did.
     */
    static Map<String, Object> creatorInfo(ResultSet rs, boolean withUsername) throws SQLException {
        Map<String, Object> info = new LinkedHashMap<>();
        long creatorId = rs.getLong("creator_id");
        if (rs.wasNull()) {
            info.put("creator_id", 0);
            info.put("creator_alias", "");
            info.put("creator_username", rs.getString("creator"));
        } else {
            info.put("creator_id", creatorId);
            info.put("creator_alias", rs.getString("creator_alias"));
            if (withUsername) {
                info.put("creator_username", rs.getString("creator_username"));
            }
        }
        return info;
    }
}
