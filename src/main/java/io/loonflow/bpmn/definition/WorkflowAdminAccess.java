package io.loonflow.bpmn.definition;

import io.loonflow.bpmn.account.AccountDirectory.UserFlags;
import io.loonflow.bpmn.api.Caller;
import org.springframework.stereotype.Component;

/**
 * The gate of every workflow-scoped admin endpoint: the calling app must be allowed the workflow (loonflow's
 * check, with its message and {@code data: ""}), and the user must administer that very workflow — loonflow only
 * looked at the global workflow-admin flag and so let any workflow admin change any workflow.
 */
@Component
class WorkflowAdminAccess {

    private final WorkflowPermissions permissions;

    WorkflowAdminAccess(WorkflowPermissions permissions) {
        this.permissions = permissions;
    }

    UserFlags requireAdministers(Caller caller, long workflowId) {
        permissions.requireAppMayUse(caller, workflowId, "");
        return permissions.requireAdministers(caller, workflowId);
    }
}
