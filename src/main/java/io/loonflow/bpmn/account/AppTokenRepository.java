package io.loonflow.bpmn.account;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

@Repository
public class AppTokenRepository {

    private static final String REQUEST_MEMO = AppTokenRepository.class.getName() + ".";

    private final JdbcClient jdbc;

    AppTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * loonflow takes the first non-deleted row with that name (names are not unique). Within an HTTP request the
     * answer is remembered (request attribute): the signature check, the app's workflow permission and the serial
     * number prefix of one call all ask for it, and a request sees one consistent token.
     */
    @SuppressWarnings("unchecked")
    public Optional<AppToken> findActiveByAppName(String appName) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        String memoKey = REQUEST_MEMO + appName;
        if (request != null) {
            Object memo = request.getAttribute(memoKey, RequestAttributes.SCOPE_REQUEST);
            if (memo != null) {
                return (Optional<AppToken>) memo;
            }
        }
        Optional<AppToken> token = query(appName);
        if (request != null) {
            request.setAttribute(memoKey, token, RequestAttributes.SCOPE_REQUEST);
        }
        return token;
    }

    private Optional<AppToken> query(String appName) {
        return jdbc.sql("""
                SELECT id, app_name, token, workflow_ids, ticket_sn_prefix FROM account_apptoken
                WHERE app_name = :name AND is_deleted = FALSE ORDER BY id LIMIT 1""")
                .param("name", appName)
                .query((rs, n) -> new AppToken(rs.getLong("id"), rs.getString("app_name"), rs.getString("token"),
                        rs.getString("workflow_ids"), rs.getString("ticket_sn_prefix")))
                .optional();
    }
}
