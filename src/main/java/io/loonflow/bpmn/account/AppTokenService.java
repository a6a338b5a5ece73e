package io.loonflow.bpmn.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.Paging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Call permissions of applications (§3.4 of the spec). */
@Service
@Transactional
class AppTokenService {

    static final String TOKEN_MISSING = "record is not exist or has been deleted";

    private static final Logger log = LoggerFactory.getLogger(AppTokenService.class);
    private static final String SELECT = """
            SELECT t.id, t.creator, t.gmt_created, t.gmt_modified, t.is_deleted, t.app_name, t.token, t.workflow_ids,
                   t.ticket_sn_prefix, c.id AS creator_id, c.alias AS creator_alias, c.username AS creator_username""";
    private static final String FROM = """
            FROM account_apptoken t LEFT JOIN account_loonuser c ON c.username = t.creator""";

    private final JdbcClient jdbc;
    private final Clock clock;

    AppTokenService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> list(String search, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder from = new StringBuilder(FROM).append(" WHERE t.is_deleted = FALSE");
        if (!search.isEmpty()) {
            from.append(" AND LOWER(t.app_name) LIKE :search").append(AccountSql.LIKE_ESCAPE);
            params.put("search", AccountSql.contains(search));
        }
        return AccountSql.page(jdbc, SELECT, from.toString(), params, "t.id", paging, AppTokenService::item);
    }

    /** A new app with a random secret (loonflow used a time-based UUID, which is partly guessable). */
    public long create(String appName, String snPrefix, String workflowIds, String creator) {
        requireUsableName(appName, null);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO account_apptoken (app_name, token, workflow_ids, ticket_sn_prefix, creator, gmt_created,
                    gmt_modified, is_deleted)
                VALUES (:app, :token, :ids, :prefix, :creator, :now, :now, FALSE)""")
                .param("app", appName).param("token", UUID.randomUUID().toString())
                .param("ids", normalisedWorkflowIds(workflowIds)).param("prefix", snPrefix)
                .param("creator", creator).param("now", AccountSql.now(clock))
                .update(key, "id");
        long id = key.getKey().longValue();
        log.info("app token {} (id {}) created by {}", appName, id, creator);
        return id;
    }

    /** The token itself never changes. An omitted prefix keeps the stored one. */
    public void update(long id, String appName, String snPrefix, String workflowIds) {
        Map<String, String> stored = jdbc.sql("""
                SELECT app_name, ticket_sn_prefix FROM account_apptoken WHERE id = :id AND is_deleted = FALSE FOR UPDATE""")
                .param("id", id)
                .query((rs, n) -> Map.of("app_name", rs.getString("app_name"), "prefix", rs.getString("ticket_sn_prefix")))
                .optional().orElseThrow(() -> new ApiException(TOKEN_MISSING));
        if (!stored.get("app_name").equalsIgnoreCase(appName)) {
            requireUsableName(appName, id);
        }
        jdbc.sql("""
                UPDATE account_apptoken SET app_name = :app, ticket_sn_prefix = :prefix, workflow_ids = :ids,
                    gmt_modified = :now
                WHERE id = :id""")
                .param("app", appName).param("prefix", snPrefix == null ? stored.get("prefix") : snPrefix)
                .param("ids", normalisedWorkflowIds(workflowIds))
                .param("now", AccountSql.now(clock)).param("id", id)
                .update();
    }

    public void delete(long id) {
        int changed = jdbc.sql("""
                UPDATE account_apptoken SET is_deleted = TRUE, gmt_modified = :now WHERE id = :id AND is_deleted = FALSE""")
                .param("now", AccountSql.now(clock)).param("id", id).update();
        if (changed == 0) {
            throw new ApiException(TOKEN_MISSING);
        }
    }

    /**
     * Requests are matched to the first live token of their {@code appname}, so a second live token of the same
     * name would never work; and a token named like the console's pseudo app would get every workflow.
     */
    private void requireUsableName(String appName, Long exceptId) {
        if (Caller.CONSOLE_APP.equalsIgnoreCase(appName)) {
            throw new ApiException("app_name: " + Caller.CONSOLE_APP + " is reserved for the console");
        }
        boolean taken = jdbc.sql("""
                SELECT COUNT(*) FROM account_apptoken
                WHERE LOWER(app_name) = LOWER(:app) AND is_deleted = FALSE AND id <> :except""")
                .param("app", appName).param("except", exceptId == null ? -1L : exceptId)
                .query(Long.class).single() > 0;
        if (taken) {
            throw new ApiException("app_name: " + appName + " already has a token");
        }
    }

    /** {@code "1, 2,,3"} → {@code "1,2,3"}; every id must name a live workflow. */
    private String normalisedWorkflowIds(String workflowIds) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String part : workflowIds.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!trimmed.chars().allMatch(Character::isDigit) || trimmed.length() > 18) {
                throw ApiException.invalidParameter("Key 'workflow_ids' error: '" + abbreviate(trimmed)
                        + "' is not a workflow id");
            }
            ids.add(Long.parseLong(trimmed));
        }
        if (ids.isEmpty()) {
            throw ApiException.invalidParameter("workflow_ids is needed");
        }
        List<Long> live = jdbc.sql("SELECT id FROM workflow_workflow WHERE id IN (:ids) AND is_deleted = FALSE")
                .param("ids", ids).query(Long.class).list();
        List<Long> unknown = new ArrayList<>(ids);
        unknown.removeAll(live);
        if (!unknown.isEmpty()) {
            throw new ApiException("workflow_id: " + unknown.get(0) + " is not existed or has been deleted");
        }
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }

    private static Map<String, Object> item(ResultSet rs, int rowNum) throws SQLException {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("id", rs.getLong("id"));
        token.put("creator", rs.getString("creator"));
        token.put("gmt_created", AccountSql.time(rs, "gmt_created"));
        token.put("gmt_modified", AccountSql.time(rs, "gmt_modified"));
        token.put("is_deleted", rs.getBoolean("is_deleted"));
        token.put("app_name", rs.getString("app_name"));
        token.put("token", rs.getString("token"));
        token.put("workflow_ids", rs.getString("workflow_ids"));
        token.put("ticket_sn_prefix", rs.getString("ticket_sn_prefix"));
        token.put("creator_info", UserRows.creatorInfo(rs, true));
        return token;
    }
}
