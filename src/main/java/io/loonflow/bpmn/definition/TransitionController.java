package io.loonflow.bpmn.definition;

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

/** Transitions of a workflow: list for callers and administrators, create/edit/delete for administrators. */
@RestController
@RequestMapping("/api/v1.0/workflows/{workflowId:\\d+}/transitions")
class TransitionController {

    private final TransitionQueryService queries;
    private final TransitionAdminService admin;

    TransitionController(TransitionQueryService queries, TransitionAdminService admin) {
        this.queries = queries;
        this.admin = admin;
    }

    @GetMapping
    ApiResponse list(@PathVariable long workflowId,
                     @RequestParam(name = "search_value", required = false) String searchValue,
                     @RequestParam(name = "page", required = false) String page,
                     @RequestParam(name = "per_page", required = false) String perPage, Caller caller) {
        return ApiResponse.ok(queries.list(caller, workflowId, searchValue, Paging.of(page, perPage)));
    }

    @PostMapping
    ApiResponse create(RawBody rawBody, @PathVariable long workflowId, Caller caller) {
        return ApiResponse.ok(admin.create(caller, workflowId, rawBody.text()));
    }

    @PatchMapping("/{transitionId:\\d+}")
    ApiResponse update(RawBody rawBody, @PathVariable long workflowId, @PathVariable long transitionId, Caller caller) {
        return ApiResponse.ok(admin.update(caller, workflowId, transitionId, rawBody.text()));
    }

    @DeleteMapping("/{transitionId:\\d+}")
    ApiResponse delete(@PathVariable long workflowId, @PathVariable long transitionId, Caller caller) {
        return ApiResponse.ok(admin.delete(caller, workflowId, transitionId));
    }
}
