package io.loonflow.bpmn.definition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.Paging;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading workflow records: the caller's list, the user's managed workflows and the admin detail. */
@Service
class WorkflowCatalogService {

    static final String NOT_FOUND = "workflow is not existed or has been deleted";

    private final WorkflowRepository workflows;
    private final WorkflowAdminRepository admins;
    private final WorkflowPermissions permissions;
    private final WorkflowAdminAccess access;

    WorkflowCatalogService(WorkflowRepository workflows, WorkflowAdminRepository admins,
                           WorkflowPermissions permissions, WorkflowAdminAccess access) {
        this.workflows = workflows;
        this.admins = admins;
        this.permissions = permissions;
        this.access = access;
    }

    /** GET /workflows: the app's workflows (with {@code from_admin}, only those the user manages). */
    @Transactional(readOnly = true)
    public Map<String, Object> list(Caller caller, String searchValue, Paging paging, boolean fromAdmin) {
        Set<Long> ids = new LinkedHashSet<>(permissions.permittedWorkflowIds(caller.appName()));
        if (fromAdmin && !ids.isEmpty()) {
            ids.retainAll(permissions.managedWorkflowIds(caller.username()));
        }
        String search = WorkflowSqlLike.normalise(searchValue);
        long total = workflows.countActive(ids, search);
        List<Workflow> page = workflows.pageActive(ids, search, paging.perPage(), paging.offset(total));
        Map<Long, List<String>> adminNames = admins.activeUsernames(page.stream().map(Workflow::id).toList());
        List<Map<String, Object>> items = new ArrayList<>();
        for (Workflow w : page) {
            items.add(WorkflowViews.listItem(w, String.join(",", adminNames.getOrDefault(w.id(), List.of()))));
        }
        return paging.result(items, total);
    }

    /**
     * GET /workflows/user_admin: the workflows the user manages. A signed caller only sees those its app may use
     * (loonflow showed every app the definitions of all workflows the named user manages).
     */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> userAdmin(Caller caller) {
        if (!caller.hasUsername()) {
            return List.of();
        }
        Set<Long> ids = permissions.managedWorkflowIds(caller.username());
        if (!Caller.CONSOLE_APP.equals(caller.appName())) {
            ids = new LinkedHashSet<>(ids);
            ids.retainAll(permissions.permittedWorkflowIds(caller.appName()));
        }
        return workflows.findActiveByIds(ids).stream().map(WorkflowViews::record).toList();
    }

    /** GET /workflows/{id}: for the workflow's administrators only. */
    @Transactional(readOnly = true)
    public Map<String, Object> detail(Caller caller, long workflowId) {
        access.requireAdministers(caller, workflowId);
        Workflow workflow = workflows.findActive(workflowId).orElseThrow(() -> new ApiException(NOT_FOUND));
        return WorkflowViews.detail(workflow);
    }
}
