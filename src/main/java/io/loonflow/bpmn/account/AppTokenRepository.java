package io.loonflow.bpmn.account;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AppTokenRepository {

    private final JdbcClient jdbc;

    AppTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** loonflow takes the first non-deleted row with that name (names are not unique). */
    public Optional<AppToken> findActiveByAppName(String appName) {
        return jdbc.sql("""
                SELECT id, app_name, token, workflow_ids, ticket_sn_prefix FROM account_apptoken
                WHERE app_name = :name AND is_deleted = FALSE ORDER BY id LIMIT 1""")
                .param("name", appName)
                .query((rs, n) -> new AppToken(rs.getLong("id"), rs.getString("app_name"), rs.getString("token"),
                        rs.getString("workflow_ids"), rs.getString("ticket_sn_prefix")))
                .optional();
    }
}
