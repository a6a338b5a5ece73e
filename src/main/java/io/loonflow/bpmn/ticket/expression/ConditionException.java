package io.loonflow.bpmn.ticket.expression;

/**
 * A condition expression that cannot be accepted or evaluated. The message is one English sentence meant for the
 * API client (answered as {@code code -1}); it never contains a Java stack detail.
 */
public class ConditionException extends RuntimeException {

    public ConditionException(String message) {
        super(message, null, false, false);
    }

    /** The text is not a well-formed expression; {@code index} is the 0-based offset in the expression. */
    static ConditionException syntax(String detail, int index) {
        return new ConditionException("invalid condition expression: " + detail + " at character " + (index + 1));
    }

    /** Well-formed Python, but outside the safe subset (names, attributes, statements, ...). */
    static ConditionException notAllowed(String what) {
        return new ConditionException("not allowed in a condition expression: " + what);
    }

    /** The Python-like evaluation failed (the equivalent of a Python TypeError, ValueError, ...). */
    static ConditionException failed(String detail) {
        return new ConditionException("condition expression failed: " + detail);
    }

    /** A resource bound was hit (length, depth, size of a computed value). */
    static ConditionException limit(String detail) {
        return new ConditionException("condition expression exceeds a limit: " + detail);
    }
}
