package io.loonflow.bpmn.definition;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.ApiResponse;
import io.loonflow.bpmn.api.RawBody;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.Paging;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Workflow records: the caller list (§2.1), managed workflows (§2.2) and the admin endpoints (§2.4–2.7). */
@RestController
@RequestMapping("/api/v1.0/workflows")
class WorkflowController {

    private final WorkflowCatalogService catalog;
    private final WorkflowEditService edits;

    WorkflowController(WorkflowCatalogService catalog, WorkflowEditService edits) {
        this.catalog = catalog;
        this.edits = edits;
    }

    @GetMapping
    ApiResponse list(Caller caller,
                     @RequestParam(name = "search_value", required = false) String searchValue,
                     @RequestParam(name = "page", required = false) String page,
                     @RequestParam(name = "per_page", required = false) String perPage,
                     @RequestParam(name = "from_admin", required = false) String fromAdmin) {
        return ApiResponse.ok(catalog.list(caller, searchValue, Paging.of(page, perPage), flag(fromAdmin)));
    }

    @GetMapping("/user_admin")
    ApiResponse userAdmin(Caller caller) {
        return ApiResponse.ok(catalog.userAdmin(caller));
    }

    @PostMapping
    ApiResponse create(RawBody body, Caller caller) {
        return ApiResponse.ok(edits.create(caller, body.text()));
    }

    @GetMapping("/{workflowId:\\d+}")
    ApiResponse detail(Caller caller, @PathVariable long workflowId) {
        return ApiResponse.ok(catalog.detail(caller, workflowId));
    }

    @PatchMapping("/{workflowId:\\d+}")
    ApiResponse update(RawBody body, Caller caller, @PathVariable long workflowId) {
        edits.update(caller, workflowId, body.text());
        return ApiResponse.ok();
    }

    @DeleteMapping("/{workflowId:\\d+}")
    ApiResponse delete(Caller caller, @PathVariable long workflowId) {
        edits.delete(caller, workflowId);
        return ApiResponse.ok();
    }

    /** loonflow's {@code int(from_admin)}: non-zero means yes; a non-number is a clear failure (loonflow: HTTP 500). */
    private static boolean flag(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        try {
            return Long.parseLong(value.trim()) != 0;
        } catch (NumberFormatException e) {
            throw new ApiException("from_admin must be an integer");
        }
    }
}
