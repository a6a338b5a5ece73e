package io.loonflow.bpmn.account;

import java.util.Map;

import io.loonflow.bpmn.account.DeptService.DeptInput;
import io.loonflow.bpmn.api.ApiResponse;
import io.loonflow.bpmn.api.RawBody;
import io.loonflow.bpmn.api.BodySchema;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.JsonBody;
import io.loonflow.bpmn.api.Paging;
import io.loonflow.bpmn.api.Rules;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1.0/accounts/depts...}; every endpoint needs a super admin. */
@RestController
@RequestMapping("/api/v1.0/accounts/depts")
class DeptController {

    private static final BodySchema DEPT = BodySchema.strict()
            .required("name", Rules.nonEmptyText(AccountRules.NAME_MAX, "name is need"))
            .optional("parent_dept_id", AccountRules.idOrZero())
            .optional("leader", Rules.text(AccountRules.NAME_MAX))
            .optional("approver", Rules.text(AccountRules.APPROVER_MAX))
            .optional("label", Rules.text(AccountRules.LABEL_MAX));

    private final DeptService depts;
    private final AccountDirectory directory;

    DeptController(DeptService depts, AccountDirectory directory) {
        this.depts = depts;
        this.directory = directory;
    }

    @GetMapping
    ApiResponse list(Caller caller, @RequestParam(name = "search_value", defaultValue = "") String search,
                     @RequestParam(name = "page", required = false) String page,
                     @RequestParam(name = "per_page", required = false) String perPage) {
        directory.requireSuperAdmin(caller);
        return ApiResponse.ok(depts.list(search, Paging.of(page, perPage)));
    }

    /** loonflow answers the new id in {@code msg}, not in {@code data}. */
    @PostMapping
    ApiResponse create(RawBody rawBody, Caller caller) {
        String creator = directory.requireSuperAdmin(caller).username();
        long id = depts.create(input(DEPT.validate(rawBody.text())), creator);
        return new ApiResponse(0, Map.of(), Map.of("dept_id", id));
    }

    @PatchMapping("/{deptId:\\d+}")
    ApiResponse update(RawBody rawBody, Caller caller, @PathVariable long deptId) {
        directory.requireSuperAdmin(caller);
        depts.update(deptId, input(DEPT.validate(rawBody.text())));
        return ApiResponse.ok();
    }

    @DeleteMapping("/{deptId:\\d+}")
    ApiResponse delete(Caller caller, @PathVariable long deptId) {
        directory.requireSuperAdmin(caller);
        depts.delete(deptId);
        return ApiResponse.ok();
    }

    private static DeptInput input(JsonBody json) {
        Long parent = json.has("parent_dept_id") ? json.integer("parent_dept_id", 0) : null;
        return new DeptInput(json.text("name", ""), parent, json.text("leader", null), json.text("approver", null),
                json.text("label", null));
    }
}
