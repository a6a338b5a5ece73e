package io.loonflow.bpmn.account;

import java.net.URI;
import java.util.Optional;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.ApiResponse;
import io.loonflow.bpmn.api.RawBody;
import io.loonflow.bpmn.api.BodySchema;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.ConsoleSession;
import io.loonflow.bpmn.api.JsonBody;
import io.loonflow.bpmn.api.Rules;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Console login and logout (§3.5), and password change for the logged-in user (an addition of ours). */
@RestController
@RequestMapping("/api/v1.0/accounts")
class LoginController {

    private static final BodySchema CHANGE_PASSWORD = BodySchema.strict()
            .required("source_password", Rules.text(DjangoPasswordHasher.MAX_PASSWORD_LENGTH))
            .required("new_password", Rules.nonEmptyText(DjangoPasswordHasher.MAX_PASSWORD_LENGTH,
                    "new_password is needed"))
            .required("new_password_again", Rules.text(DjangoPasswordHasher.MAX_PASSWORD_LENGTH));

    private final LoginService logins;
    private final AccountDirectory directory;

    LoginController(LoginService logins, AccountDirectory directory) {
        this.logins = logins;
        this.directory = directory;
    }

    /** Exempt from the API filter. Body {@code {"username", "password"}}, no schema (extra keys are ignored). */
    @PostMapping("/login")
    ApiResponse login(RawBody rawBody, HttpServletRequest request) {
        if (rawBody.text() == null || rawBody.text().isBlank()) {
            return ApiResponse.fail("patch参数为空");
        }
        JsonBody json = JsonBody.parse(rawBody.text());
        String username = json.text("username", "");
        String password = json.text("password", "");
        if (password.length() > DjangoPasswordHasher.MAX_PASSWORD_LENGTH) {
            return ApiResponse.fail("username or password is invalid");
        }
        Optional<String> user = logins.authenticate(username, password);
        if (user.isEmpty()) {
            return ApiResponse.fail("username or password is invalid");
        }
        ConsoleSession.logIn(request, user.get());
        return ApiResponse.ok();
    }

    @GetMapping("/logout")
    ResponseEntity<Void> logout(HttpServletRequest request) {
        ConsoleSession.logOut(request);
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/manage")).build();
    }

    /**
     * Not in loonflow 1.0 (there the default admin password could only be changed in Django's admin site, which
     * we do not ship); same URL and body as later loonflow versions.
     */
    @PostMapping("/users/change_password")
    ApiResponse changePassword(RawBody rawBody, Caller caller) {
        String username = directory.requireUser(caller).username();
        JsonBody json = CHANGE_PASSWORD.validate(rawBody.text());
        String newPassword = json.text("new_password", "");
        if (!newPassword.equals(json.text("new_password_again", ""))) {
            throw new ApiException("两次密码不一致，请重新输入");
        }
        logins.changePassword(username, json.text("source_password", ""), newPassword);
        return ApiResponse.ok();
    }
}
