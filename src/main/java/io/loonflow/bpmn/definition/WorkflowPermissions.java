package io.loonflow.bpmn.definition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.loonflow.bpmn.account.AccountDirectory;
import io.loonflow.bpmn.account.AccountDirectory.UserFlags;
import io.loonflow.bpmn.account.AppTokenRepository;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who may use and who may administer which workflow.
 * <ul>
 *   <li>An application may use the workflows listed in its token ({@code loonflow}, the console, may use all).</li>
 *   <li>A user manages a workflow when super admin, its creator, or one of its workflow admins.</li>
 *   <li>Editing needs the global admin or workflow-admin flag <em>and</em>, for workflow admins, managing that
 *       workflow (loonflow let every workflow admin edit every workflow).</li>
 * </ul>
 */
@Service
public class WorkflowPermissions {

    private final JdbcClient jdbc;
    private final AppTokenRepository appTokens;
    private final AccountDirectory accounts;

    WorkflowPermissions(JdbcClient jdbc, AppTokenRepository appTokens, AccountDirectory accounts) {
        this.jdbc = jdbc;
        this.appTokens = appTokens;
        this.accounts = accounts;
    }

    /** Workflow ids the application may use, in token order (deleted workflows may still be listed). */
    public List<Long> permittedWorkflowIds(String appName) {
        if (appName == null || appName.isEmpty()) {
            throw new ApiException("app_name is not provided");
        }
        if (Caller.CONSOLE_APP.equals(appName)) {
            return jdbc.sql("SELECT id FROM workflow_workflow WHERE is_deleted = FALSE ORDER BY id")
                    .query(Long.class).list();
        }
        String ids = appTokens.findActiveByAppName(appName)
                .orElseThrow(() -> new ApiException("appname is unauthorized")).workflowIds();
        List<Long> result = new ArrayList<>();
        for (String part : ids.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue; // loonflow failed on "1,,2"; an empty element simply names nothing
            }
            try {
                result.add(Long.parseLong(trimmed));
            } catch (NumberFormatException e) {
                throw new ApiException("app token of " + appName + " lists an invalid workflow id: " + trimmed);
            }
        }
        return result;
    }

    public boolean appMayUse(String appName, long workflowId) {
        return Caller.CONSOLE_APP.equals(appName) || permittedWorkflowIds(appName).contains(workflowId);
    }

    /** loonflow's app check, with its message; {@code failureData} is what loonflow put in {@code data}. */
    public void requireAppMayUse(Caller caller, long workflowId, Object failureData) {
        if (!appMayUse(caller.appName(), workflowId)) {
            throw new ApiException("APP:" + caller.appName() + " have no permission to get this workflow info",
                    failureData);
        }
    }

    /** Non-deleted workflows the user manages (§4.7): all for a super admin, else created or administered. */
    public Set<Long> managedWorkflowIds(String username) {
        if (username == null || username.isEmpty()) {
            return Set.of();
        }
        if (accounts.findUser(username).map(UserFlags::admin).orElse(false)) {
            return new LinkedHashSet<>(jdbc.sql("SELECT id FROM workflow_workflow WHERE is_deleted = FALSE ORDER BY id")
                    .query(Long.class).list());
        }
        return new LinkedHashSet<>(jdbc.sql("""
                SELECT w.id FROM workflow_workflow w WHERE w.is_deleted = FALSE AND (w.creator = :username
                  OR EXISTS (SELECT 1 FROM workflow_workflowadmin a WHERE a.workflow_id = w.id
                             AND a.is_deleted = FALSE AND a.username = :username))
                ORDER BY w.id""").param("username", username).query(Long.class).list());
    }

    public boolean manages(String username, long workflowId) {
        return managedWorkflowIds(username).contains(workflowId);
    }

    /** May the caller change (or read the admin view of) this workflow? Checks the app too. */
    public UserFlags requireAdministers(Caller caller, long workflowId) {
        UserFlags user = accounts.requireWorkflowAdminFlag(caller);
        if (!user.admin() && !manages(user.username(), workflowId)) {
            throw new ApiException("has no permission:user is not an admin of workflow " + workflowId);
        }
        requireAppMayUse(caller, workflowId, java.util.Map.of());
        return user;
    }
}
