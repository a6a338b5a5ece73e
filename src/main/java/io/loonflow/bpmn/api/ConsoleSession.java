package io.loonflow.bpmn.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/** The server-side login session of console users (stored in the shared database, so any node serves it). */
public final class ConsoleSession {

    static final String USERNAME_ATTRIBUTE = "loonflow.username";

    private ConsoleSession() {
    }

    public static void logIn(HttpServletRequest request, String username) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate(); // a fresh session id on login prevents session fixation
        }
        request.getSession(true).setAttribute(USERNAME_ATTRIBUTE, username);
    }

    public static void logOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    static String username(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(USERNAME_ATTRIBUTE);
    }
}
