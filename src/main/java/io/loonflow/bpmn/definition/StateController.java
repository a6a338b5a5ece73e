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

/** States of a workflow: list and detail for callers, create/edit/delete for its administrators. */
@RestController
@RequestMapping("/api/v1.0/workflows")
class StateController {

    private final StateQueryService queries;
    private final StateAdminService admin;
    private final InitStateService initState;

    StateController(StateQueryService queries, StateAdminService admin, InitStateService initState) {
        this.queries = queries;
        this.admin = admin;
        this.initState = initState;
    }

    @GetMapping("/{workflowId:\\d+}/init_state")
    ApiResponse initState(@PathVariable long workflowId, Caller caller) {
        return ApiResponse.ok(initState.initState(caller, workflowId));
    }

    @GetMapping("/{workflowId:\\d+}/states")
    ApiResponse list(@PathVariable long workflowId,
                     @RequestParam(name = "search_value", required = false) String searchValue,
                     @RequestParam(name = "page", required = false) String page,
                     @RequestParam(name = "per_page", required = false) String perPage, Caller caller) {
        return ApiResponse.ok(queries.list(caller, workflowId, searchValue, Paging.of(page, perPage)));
    }

    @GetMapping("/states/{stateId:\\d+}")
    ApiResponse detail(@PathVariable long stateId, Caller caller) {
        return ApiResponse.ok(queries.detail(caller, stateId));
    }

    @PostMapping("/{workflowId:\\d+}/states")
    ApiResponse create(RawBody rawBody, @PathVariable long workflowId, Caller caller) {
        return ApiResponse.ok(admin.create(caller, workflowId, rawBody.text()));
    }

    @PatchMapping("/{workflowId:\\d+}/states/{stateId:\\d+}")
    ApiResponse update(RawBody rawBody, @PathVariable long workflowId, @PathVariable long stateId, Caller caller) {
        return ApiResponse.ok(admin.update(caller, workflowId, stateId, rawBody.text()));
    }

    @DeleteMapping("/{workflowId:\\d+}/states/{stateId:\\d+}")
    ApiResponse delete(@PathVariable long workflowId, @PathVariable long stateId, Caller caller) {
        return ApiResponse.ok(admin.delete(caller, workflowId, stateId));
    }
}
