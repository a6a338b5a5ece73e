package io.loonflow.bpmn.account;

import java.util.Optional;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Read-only facts about users that other features (authentication, permissions) need. */
@Service
public class AccountDirectory {

    /** The global flags of a non-deleted user. */
    public record UserFlags(long id, String username, boolean active, boolean admin, boolean workflowAdmin) {
    }

    private final JdbcClient jdbc;

    AccountDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserFlags> findUser(String username) {
        if (username == null || username.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT id, username, is_active, is_admin, is_workflow_admin FROM account_loonuser
                WHERE username = :username AND is_deleted = FALSE""")
                .param("username", username)
                .query((rs, n) -> new UserFlags(rs.getLong("id"), rs.getString("username"), rs.getBoolean("is_active"),
                        rs.getBoolean("is_admin"), rs.getBoolean("is_workflow_admin")))
                .optional();
    }

    /** A console session stays valid only while its user exists, is not deleted and may log in. */
    public boolean mayUseSession(String username) {
        return findUser(username).map(UserFlags::active).orElse(false);
    }

    /** The caller's user, which must be a super admin (loonflow's "admin" permission level). */
    public UserFlags requireSuperAdmin(Caller caller) {
        UserFlags user = requireActiveUser(caller);
        if (!user.admin()) {
            throw new ApiException("has no permission:user is not admin");
        }
        return user;
    }

    /** The caller's user, which must hold the admin or workflow-admin flag ("workflow_admin" level). */
    public UserFlags requireWorkflowAdminFlag(Caller caller) {
        UserFlags user = requireActiveUser(caller);
        if (!user.admin() && !user.workflowAdmin()) {
            throw new ApiException("has no permission:user is not admin or workflow admin");
        }
        return user;
    }

    /** A deactivated admin keeps no power through a signed call either (its console session already ends). */
    private UserFlags requireActiveUser(Caller caller) {
        UserFlags user = requireUser(caller);
        if (!user.active()) {
            throw new ApiException("has no permission:user is not active");
        }
        return user;
    }

    /**
     * The non-deleted user the caller speaks for: the session user, or the {@code username} header of a signed
     * call (loonflow's admin endpoints were session-only; here a trusted app may act for an admin).
     */
    public UserFlags requireUser(Caller caller) {
        if (!caller.hasUsername()) {
            throw new ApiException("has no permission:username or user_id is needed");
        }
        return findUser(caller.username()).orElseThrow(() -> new ApiException(
                "has no permission:username: " + caller.username() + " is not existed or has been deleted"));
    }
}
