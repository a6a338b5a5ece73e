package io.loonflow.bpmn.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.account.AccountDirectory;
import io.loonflow.bpmn.account.AppToken;
import io.loonflow.bpmn.account.AppTokenRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * loonflow's API middleware for every {@code /api/} path: a console session acts as the pseudo app
 * {@code loonflow}; anything else must carry {@code appname}, {@code timestamp} and {@code signature} headers.
 */
class ApiAuthFilter extends OncePerRequestFilter {

    static final String LOGIN_PATH = "/api/v1.0/accounts/login";

    private final AppTokenRepository appTokens;
    private final AccountDirectory accounts;
    private final ObjectMapper json;
    private final Clock clock;

    ApiAuthFilter(AppTokenRepository appTokens, AccountDirectory accounts, ObjectMapper json, Clock clock) {
        this.appTokens = appTokens;
        this.accounts = accounts;
        this.json = json;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().startsWith(LOGIN_PATH)) {
            chain.doFilter(request, response);
            return;
        }
        String sessionUser = ConsoleSession.username(request);
        if (sessionUser != null && accounts.mayUseSession(sessionUser)) {
            request.setAttribute(Caller.REQUEST_ATTRIBUTE, new Caller(Caller.CONSOLE_APP, sessionUser, true));
            chain.doFilter(request, response);
            return;
        }
        String appName = request.getHeader("appname");
        if (appName == null || appName.isEmpty()) {
            reject(response, "appname is not provide in request header");
            return;
        }
        Optional<AppToken> appToken = appTokens.findActiveByAppName(appName);
        if (appToken.isEmpty()) {
            reject(response, "Appname:" + appName + " in request header is unauthorized, please contact administrator"
                    + " to add authorization for appname:" + appName + " in loonflow");
            return;
        }
        SignatureVerifier.Result result = SignatureVerifier.verify(request.getHeader("timestamp"),
                request.getHeader("signature"), appToken.get().token(), clock);
        switch (result) {
            case INVALID ->
                    reject(response, "The signature you provide in request header is invalid");
            case EXPIRED ->
                    reject(response, "The signature you provide in request header is expire, please ensure in 120s");
            case BAD_TIMESTAMP ->
                    reject(response, "The timestamp you provide in request header is not an integer number of seconds");
            case VALID -> {
                // the username header is the calling application's word, as in loonflow
                String username = request.getHeader("username");
                if (Caller.ROBOT.equalsIgnoreCase(username == null ? "" : username.trim())) {
                    // loonflow let a caller claim the engine's name and act in states that wait for the robot
                    reject(response, "username " + Caller.ROBOT + " is the engine's own name, callers cannot act as it");
                    return;
                }
                request.setAttribute(Caller.REQUEST_ATTRIBUTE, new Caller(appToken.get().appName(), username, false));
                chain.doFilter(request, response);
            }
        }
    }

    private void reject(HttpServletResponse response, String reason) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // loonflow's middleware wrote this one body with the keys in the order code, msg, data
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", -1);
        body.put("msg", "permission check fail：" + reason);
        body.put("data", List.of());
        json.writeValue(response.getOutputStream(), body);
    }
}
