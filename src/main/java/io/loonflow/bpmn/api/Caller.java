package io.loonflow.bpmn.api;

/**
 * Who is calling: the application (the {@code appname} header, or {@code loonflow} for a logged-in console
 * session) and the end user it speaks for ({@code username} header or the session user; may be null).
 */
public record Caller(String appName, String username, boolean session) {

    /** The engine's own actor name (timers, hooks, scripts, parent auto-advance); no caller may use it. */
    public static final String ROBOT = "loonrobot";

    /** The pseudo application every console session acts as; it may use every workflow. */
    public static final String CONSOLE_APP = "loonflow";

    static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    public boolean hasUsername() {
        return username != null && !username.isBlank();
    }

    /** The username, or a code -1 with loonflow's message when the caller did not say who the user is. */
    public String requireUsername() {
        if (!hasUsername()) {
            throw new ApiException("请提供username", "");
        }
        return username;
    }
}
