package io.loonflow.bpmn.definition;

import io.loonflow.bpmn.api.ApiResponse;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.Paging;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Run scripts: {@code /api/v1.0/workflows/run_scripts} (§2.22); uploads are multipart, updates use POST. */
@RestController
@RequestMapping("/api/v1.0/workflows/run_scripts")
class WorkflowScriptController {

    private final WorkflowScriptService scripts;

    WorkflowScriptController(WorkflowScriptService scripts) {
        this.scripts = scripts;
    }

    @GetMapping
    ApiResponse list(Caller caller,
                     @RequestParam(name = "search_value", required = false) String searchValue,
                     @RequestParam(name = "page", required = false) String page,
                     @RequestParam(name = "per_page", required = false) String perPage) {
        return ApiResponse.ok(scripts.list(caller, searchValue, Paging.of(page, perPage)));
    }

    @PostMapping
    ApiResponse create(Caller caller,
                       @RequestParam(name = "script_name", required = false) String name,
                       @RequestParam(name = "script_desc", required = false) String description,
                       @RequestParam(name = "is_active", required = false) String active,
                       @RequestParam(name = "file", required = false) MultipartFile file) {
        return ApiResponse.ok(scripts.create(caller, WorkflowScriptUpload.of(name, description, active, file, true)));
    }

    @PostMapping("/{scriptId:\\d+}")
    ApiResponse update(Caller caller, @PathVariable long scriptId,
                       @RequestParam(name = "script_name", required = false) String name,
                       @RequestParam(name = "script_desc", required = false) String description,
                       @RequestParam(name = "is_active", required = false) String active,
                       @RequestParam(name = "file", required = false) MultipartFile file) {
        scripts.update(caller, scriptId, WorkflowScriptUpload.of(name, description, active, file, false));
        return ApiResponse.ok();
    }

    @DeleteMapping("/{scriptId:\\d+}")
    ApiResponse delete(Caller caller, @PathVariable long scriptId) {
        scripts.delete(caller, scriptId);
        return ApiResponse.ok();
    }
}
