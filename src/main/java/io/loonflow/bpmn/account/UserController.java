package io.loonflow.bpmn.account;

import java.util.Map;

import io.loonflow.bpmn.account.UserService.UserInput;
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

/**
 * {@code /api/v1.0/accounts/users...}. Permission is checked first (super admin; the list also admits workflow
 * admins), then the body. Passwords are hashed here, before the service opens its transaction.
 */
@RestController
@RequestMapping("/api/v1.0/accounts/users")
class UserController {

    static final String RESET_PASSWORD = "123456";

    private static final BodySchema USER = BodySchema.strict()
            .required("username", AccountRules.username())
            .required("alias", Rules.nonEmptyText(AccountRules.NAME_MAX, "alias is needed"))
            .required("email", AccountRules.email())
            .optional("password", Rules.text(DjangoPasswordHasher.MAX_PASSWORD_LENGTH))
            .required("phone", Rules.text(AccountRules.PHONE_MAX))
            .required("dept_id", AccountRules.positiveId())
            .required("is_active", AccountRules.flag())
            .required("is_admin", AccountRules.flag())
            .required("is_workflow_admin", AccountRules.flag());

    private final UserService users;
    private final AccountDirectory directory;
    private final DjangoPasswordHasher passwords;

    UserController(UserService users, AccountDirectory directory, DjangoPasswordHasher passwords) {
        this.users = users;
        this.directory = directory;
        this.passwords = passwords;
    }

    @GetMapping
    ApiResponse list(Caller caller, @RequestParam(name = "search_value", defaultValue = "") String search,
                     @RequestParam(name = "page", required = false) String page,
                     @RequestParam(name = "per_page", required = false) String perPage) {
        directory.requireWorkflowAdminFlag(caller);
        return ApiResponse.ok(users.list(search, Paging.of(page, perPage)));
    }

    @PostMapping
    ApiResponse create(RawBody rawBody, Caller caller) {
        String creator = directory.requireSuperAdmin(caller).username();
        JsonBody json = USER.validate(rawBody.text());
        // no or an empty password gives an unusable one (loonflow hashed "", so such users logged in with "")
        String password = json.text("password", "");
        String hash = password.isEmpty() ? passwords.unusable() : passwords.hash(password);
        long id = users.create(input(json), hash, creator);
        return ApiResponse.ok(Map.of("user_id", id));
    }

    @PatchMapping("/{userId:\\d+}")
    ApiResponse update(RawBody rawBody, Caller caller, @PathVariable long userId) {
        directory.requireSuperAdmin(caller);
        users.update(userId, input(USER.validate(rawBody.text())));
        return ApiResponse.ok();
    }

    @DeleteMapping("/{userId:\\d+}")
    ApiResponse delete(Caller caller, @PathVariable long userId) {
        directory.requireSuperAdmin(caller);
        users.delete(userId);
        return ApiResponse.ok();
    }

    @GetMapping("/{userId:\\d+}/roles")
    ApiResponse roles(Caller caller, @PathVariable long userId,
                      @RequestParam(name = "search_value", defaultValue = "") String search,
                      @RequestParam(name = "page", required = false) String page,
                      @RequestParam(name = "per_page", required = false) String perPage) {
        directory.requireSuperAdmin(caller);
        return ApiResponse.ok(users.roles(userId, search, Paging.of(page, perPage)));
    }

    @PostMapping("/{userId:\\d+}/reset_password")
    ApiResponse resetPassword(Caller caller, @PathVariable long userId) {
        String operator = directory.requireSuperAdmin(caller).username();
        users.requireResettable(userId);
        users.setPassword(userId, passwords.hash(RESET_PASSWORD), operator);
        return new ApiResponse(0, Map.of(), "password has been reset to " + RESET_PASSWORD);
    }

    private static UserInput input(JsonBody json) {
        return new UserInput(json.text("username", ""), json.text("alias", ""), json.text("email", ""),
                json.text("phone", ""), json.integer("dept_id", 0), json.bool("is_active", true),
                json.bool("is_admin", false), json.bool("is_workflow_admin", false));
    }
}
