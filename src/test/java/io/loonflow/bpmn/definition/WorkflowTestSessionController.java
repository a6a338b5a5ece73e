package io.loonflow.bpmn.definition;

import io.loonflow.bpmn.api.ConsoleSession;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only: opens a console session for any user without a password, so the admin-API tests can act as session
 * callers without depending on the login endpoint (another feature). Lives in test sources only.
 */
@RestController
class WorkflowTestSessionController {

    static final String PATH = "/test-support/workflows/session";

    @PostMapping(PATH)
    String open(HttpServletRequest request, @RequestParam("username") String username) {
        ConsoleSession.logIn(request, username);
        return "ok";
    }
}
