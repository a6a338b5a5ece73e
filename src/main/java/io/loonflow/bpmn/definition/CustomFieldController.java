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

/** Custom fields of a workflow: {@code /api/v1.0/workflows/{id}/custom_fields} (§2.18–2.21). */
@RestController
@RequestMapping("/api/v1.0/workflows/{workflowId:\\d+}/custom_fields")
class CustomFieldController {

    private final CustomFieldService fields;

    CustomFieldController(CustomFieldService fields) {
        this.fields = fields;
    }

    @GetMapping
    ApiResponse list(Caller caller, @PathVariable long workflowId,
                     @RequestParam(name = "search_value", required = false) String searchValue,
                     @RequestParam(name = "page", required = false) String page,
                     @RequestParam(name = "per_page", required = false) String perPage) {
        return ApiResponse.ok(fields.list(caller, workflowId, searchValue, Paging.of(page, perPage)));
    }

    @PostMapping
    ApiResponse create(RawBody body, Caller caller, @PathVariable long workflowId) {
        return ApiResponse.ok(fields.create(caller, workflowId, body.text()));
    }

    @PatchMapping("/{customFieldId:\\d+}")
    ApiResponse update(RawBody body, Caller caller, @PathVariable long workflowId,
                       @PathVariable long customFieldId) {
        fields.update(caller, workflowId, customFieldId, body.text());
        return ApiResponse.ok();
    }

    @DeleteMapping("/{customFieldId:\\d+}")
    ApiResponse delete(Caller caller, @PathVariable long workflowId, @PathVariable long customFieldId) {
        return ApiResponse.ok(fields.delete(caller, workflowId, customFieldId));
    }
}
