package io.loonflow.bpmn.account;

import java.util.Map;

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

/** {@code /api/v1.0/accounts/app_token...}; every endpoint needs a super admin. */
@RestController
@RequestMapping("/api/v1.0/accounts/app_token")
class AppTokenController {

    private static final BodySchema TOKEN = BodySchema.strict()
            .required("app_name", AccountRules.appName())
            .optional("ticket_sn_prefix", Rules.text(AccountRules.SN_PREFIX_MAX))
            .required("workflow_ids", Rules.nonEmptyText(AccountRules.WORKFLOW_IDS_MAX, "workflow_ids is needed"));

    private final AppTokenService tokens;
    private final AccountDirectory directory;

    AppTokenController(AppTokenService tokens, AccountDirectory directory) {
        this.tokens = tokens;
        this.directory = directory;
    }

    @GetMapping
    ApiResponse list(Caller caller, @RequestParam(name = "search_value", defaultValue = "") String search,
                     @RequestParam(name = "page", required = false) String page,
                     @RequestParam(name = "per_page", required = false) String perPage) {
        directory.requireSuperAdmin(caller);
        return ApiResponse.ok(tokens.list(search, Paging.of(page, perPage)));
    }

    /** loonflow answers the new id twice: {@code msg = {"app_token_id": id}} and {@code data = {"id": id}}. */
    @PostMapping
    ApiResponse create(RawBody rawBody, Caller caller) {
        String creator = directory.requireSuperAdmin(caller).username();
        JsonBody json = TOKEN.validate(rawBody.text());
        long id = tokens.create(json.text("app_name", ""), json.text("ticket_sn_prefix", ""),
                json.text("workflow_ids", ""), creator);
        return new ApiResponse(0, Map.of("id", id), Map.of("app_token_id", id));
    }

    @PatchMapping("/{appTokenId:\\d+}")
    ApiResponse update(RawBody rawBody, Caller caller, @PathVariable long appTokenId) {
        directory.requireSuperAdmin(caller);
        JsonBody json = TOKEN.validate(rawBody.text());
        tokens.update(appTokenId, json.text("app_name", ""), json.text("ticket_sn_prefix", null),
                json.text("workflow_ids", ""));
        return ApiResponse.ok();
    }

    @DeleteMapping("/{appTokenId:\\d+}")
    ApiResponse delete(Caller caller, @PathVariable long appTokenId) {
        directory.requireSuperAdmin(caller);
        tokens.delete(appTokenId);
        return ApiResponse.ok();
    }
}
