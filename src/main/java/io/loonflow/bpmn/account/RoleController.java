package io.loonflow.bpmn.account;

import java.util.Map;
import java.util.Optional;

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

/** {@code /api/v1.0/accounts/roles...}; every endpoint needs a super admin. */
@RestController
@RequestMapping("/api/v1.0/accounts/roles")
class RoleController {

    private static final BodySchema ROLE = BodySchema.strict()
            .required("name", Rules.nonEmptyText(AccountRules.NAME_MAX, "name is need"))
            .optional("description", Rules.text(AccountRules.NAME_MAX))
            .optional("label", Rules.text(AccountRules.LABEL_MAX));

    private static final BodySchema MEMBER = BodySchema.strict()
            .required("user_id", AccountRules.jsonInteger("user_id is needed and should be int"));

    private final RoleService roles;
    private final AccountDirectory directory;

    RoleController(RoleService roles, AccountDirectory directory) {
        this.roles = roles;
        this.directory = directory;
    }

    @GetMapping
    ApiResponse list(Caller caller, @RequestParam(name = "search_value", defaultValue = "") String search,
                     @RequestParam(name = "page", required = false) String page,
                     @RequestParam(name = "per_page", required = false) String perPage) {
        directory.requireSuperAdmin(caller);
        return ApiResponse.ok(roles.list(search, Paging.of(page, perPage)));
    }

    /** loonflow answers the new id in {@code msg}, not in {@code data}. */
    @PostMapping
    ApiResponse create(RawBody rawBody, Caller caller) {
        String creator = directory.requireSuperAdmin(caller).username();
        JsonBody json = ROLE.validate(rawBody.text());
        long id = roles.create(json.text("name", ""), json.text("description", ""), json.text("label", ""), creator);
        return new ApiResponse(0, Map.of(), Map.of("role_id", id));
    }

    @PatchMapping("/{roleId:\\d+}")
    ApiResponse update(RawBody rawBody, Caller caller, @PathVariable long roleId) {
        directory.requireSuperAdmin(caller);
        JsonBody json = ROLE.validate(rawBody.text());
        roles.update(roleId, json.text("name", ""), Optional.ofNullable(json.text("description", null)),
                Optional.ofNullable(json.text("label", null)));
        return ApiResponse.ok();
    }

    @DeleteMapping("/{roleId:\\d+}")
    ApiResponse delete(Caller caller, @PathVariable long roleId) {
        directory.requireSuperAdmin(caller);
        roles.delete(roleId);
        return ApiResponse.ok();
    }

    @GetMapping("/{roleId:\\d+}/users")
    ApiResponse users(Caller caller, @PathVariable long roleId,
                      @RequestParam(name = "search_value", defaultValue = "") String search,
                      @RequestParam(name = "page", required = false) String page,
                      @RequestParam(name = "per_page", required = false) String perPage) {
        directory.requireSuperAdmin(caller);
        return ApiResponse.ok(roles.users(roleId, search, Paging.of(page, perPage)));
    }

    @PostMapping("/{roleId:\\d+}/users")
    ApiResponse addUser(RawBody rawBody, Caller caller, @PathVariable long roleId) {
        String creator = directory.requireSuperAdmin(caller).username();
        JsonBody json = MEMBER.validate(rawBody.text());
        roles.addUser(roleId, json.integer("user_id", 0), creator);
        return ApiResponse.ok();
    }

    @DeleteMapping("/{roleId:\\d+}/users/{userId:\\d+}")
    ApiResponse removeUser(Caller caller, @PathVariable long roleId, @PathVariable long userId) {
        directory.requireSuperAdmin(caller);
        roles.removeUser(roleId, userId);
        return ApiResponse.ok();
    }
}
