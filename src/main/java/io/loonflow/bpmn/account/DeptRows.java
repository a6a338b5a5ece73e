package io.loonflow.bpmn.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * loonflow's dept object ({@code LoonDept.get_dict}): the columns plus {@code creator_info},
 * {@code parent_dept_info}, {@code leader_info} and {@code approver_info}. Users named there are looked up
 * whatever their deletion flag, as loonflow did; a name without a user shows as its own alias with id 0.
 */
final class DeptRows {

    static final String SELECT = """
            SELECT d.id, d.name, d.parent_dept_id, d.leader, d.approver, d.label, d.creator, d.gmt_created,
                   d.gmt_modified, d.is_deleted, p.name AS parent_name, c.id AS creator_id, c.alias AS creator_alias,
                   c.username AS creator_username""";
    static final String FROM = """
            FROM account_loondept d
            LEFT JOIN account_loondept p ON p.id = d.parent_dept_id AND p.is_deleted = FALSE
            LEFT JOIN account_loonuser c ON c.username = d.creator""";

    /** A dept row before its leader and approvers are resolved to user objects. */
    record Row(Map<String, Object> fields, String leader, String approver) {
    }

    private record UserRef(long id, String username, String alias) {
    }

    private DeptRows() {
    }

    static Row row(ResultSet rs, int rowNum) throws SQLException {
        Map<String, Object> dept = new LinkedHashMap<>();
        dept.put("id", rs.getLong("id"));
        dept.put("name", rs.getString("name"));
        long parentId = rs.getLong("parent_dept_id");
        dept.put("parent_dept_id", parentId);
        dept.put("leader", rs.getString("leader"));
        dept.put("approver", rs.getString("approver"));
        dept.put("label", rs.getString("label"));
        dept.put("creator", rs.getString("creator"));
        dept.put("gmt_created", AccountSql.time(rs, "gmt_created"));
        dept.put("gmt_modified", AccountSql.time(rs, "gmt_modified"));
        dept.put("is_deleted", rs.getBoolean("is_deleted"));
        dept.put("creator_info", UserRows.creatorInfo(rs, false));
        Map<String, Object> parent = new LinkedHashMap<>();
        parent.put("parent_dept_id", parentId);
        String parentName = rs.getString("parent_name");
        parent.put("parent_dept_name", parentId == 0 ? "" : parentName == null ? "未知" : parentName);
        dept.put("parent_dept_info", parent);
        return new Row(dept, rs.getString("leader"), rs.getString("approver"));
    }

    /** Completes the rows with {@code leader_info} and {@code approver_info}, looking all users up at once. */
    static List<Map<String, Object>> complete(JdbcClient jdbc, List<Row> rows) {
        Set<String> names = new LinkedHashSet<>();
        for (Row row : rows) {
            if (!row.leader().isEmpty()) {
                names.add(row.leader());
            }
            if (!row.approver().isEmpty()) {
                names.addAll(List.of(row.approver().split(",", -1)));
            }
        }
        Map<String, UserRef> users = lookUp(jdbc, names);
        List<Map<String, Object>> result = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Map<String, Object> dept = new LinkedHashMap<>(row.fields());
            dept.put("leader_info", leaderInfo(row.leader(), users));
            List<Map<String, Object>> approvers = new ArrayList<>();
            if (!row.approver().isEmpty()) {
                for (String name : row.approver().split(",", -1)) {
                    UserRef user = users.get(name);
                    Map<String, Object> info = new LinkedHashMap<>();
                    info.put("approver_name", user == null ? name : user.username());
                    info.put("approver_alias", user == null ? name : user.alias());
                    info.put("approver_id", user == null ? 0 : user.id());
                    approvers.add(info);
                }
            }
            dept.put("approver_info", approvers);
            result.add(dept);
        }
        return result;
    }

    private static Map<String, Object> leaderInfo(String leader, Map<String, UserRef> users) {
        Map<String, Object> info = new LinkedHashMap<>();
        UserRef user = leader.isEmpty() ? null : users.get(leader);
        info.put("leader_username", user == null ? leader : user.username());
        info.put("leader_alias", user == null ? leader : user.alias());
        info.put("leader_id", user == null ? 0 : user.id());
        return info;
    }

    /** Users by username, matched case-insensitively as the database compares them. */
    private static Map<String, UserRef> lookUp(JdbcClient jdbc, Set<String> usernames) {
        Map<String, UserRef> users = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        usernames.remove("");
        if (usernames.isEmpty()) {
            return users;
        }
        jdbc.sql("SELECT id, username, alias FROM account_loonuser WHERE username IN (:names)")
                .param("names", usernames)
                .query((rs, n) -> new UserRef(rs.getLong("id"), rs.getString("username"), rs.getString("alias")))
                .list()
                .forEach(user -> users.put(user.username(), user));
        return users;
    }
}
