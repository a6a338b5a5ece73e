package io.loonflow.bpmn.definition;

import java.util.LinkedHashMap;
import java.util.Map;

import io.loonflow.bpmn.api.ApiTime;

/** The JSON shapes loonflow returns for a workflow record. */
final class WorkflowViews {

    private WorkflowViews() {
    }

    /** An item of GET /workflows (§2.1). */
    static Map<String, Object> listItem(Workflow w, String admins) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", w.id());
        item.put("name", w.name());
        item.put("description", w.description());
        item.put("notices", w.notices());
        item.put("view_permission_check", w.viewPermissionCheck());
        item.put("limit_expression", w.limitExpression());
        item.put("display_form_str", w.displayFormStr());
        item.put("creator", w.creator());
        item.put("gmt_created", ApiTime.format(w.gmtCreated()));
        item.put("title_template", w.titleTemplate());
        item.put("content_template", w.contentTemplate());
        item.put("workflow_admin", admins);
        return item;
    }

    /** The full column set ("get_dict"), used by GET /workflows/user_admin (§2.2). */
    static Map<String, Object> record(Workflow w) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", w.id());
        item.put("creator", w.creator());
        item.put("gmt_created", ApiTime.format(w.gmtCreated()));
        item.put("gmt_modified", ApiTime.format(w.gmtModified()));
        item.put("is_deleted", w.deleted());
        item.put("name", w.name());
        item.put("description", w.description());
        item.put("notices", w.notices());
        item.put("view_permission_check", w.viewPermissionCheck());
        item.put("limit_expression", w.limitExpression());
        item.put("display_form_str", w.displayFormStr());
        item.put("title_template", w.titleTemplate());
        item.put("content_template", w.contentTemplate());
        return item;
    }

    /** GET /workflows/{id} (§2.4): no id, templates or admins — loonflow's console takes those from the list. */
    static Map<String, Object> detail(Workflow w) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", w.name());
        item.put("description", w.description());
        item.put("notices", w.notices());
        item.put("view_permission_check", w.viewPermissionCheck());
        item.put("limit_expression", w.limitExpression());
        item.put("display_form_str", w.displayFormStr());
        item.put("creator", w.creator());
        item.put("gmt_created", ApiTime.format(w.gmtCreated()));
        return item;
    }
}
