package io.loonflow.bpmn.ticket.expression;

/** One lexical token; {@code pos} is the 0-based offset of its first character in the original expression. */
final class Token {

    enum Kind { NUMBER, STRING, NAME, OP, PLACEHOLDER, END }

    final Kind kind;
    /** Operator or name text, placeholder key, or the literal's source text. */
    final String text;
    /** BigInteger or Double for numbers, the decoded String for strings, else null. */
    final Object value;
    final int pos;

    Token(Kind kind, String text, Object value, int pos) {
        this.kind = kind;
        this.text = text;
        this.value = value;
        this.pos = pos;
    }

    boolean isOp(String op) {
        return kind == Kind.OP && text.equals(op);
    }

    boolean isName(String name) {
        return kind == Kind.NAME && text.equals(name);
    }

    /** How the token is shown in an error message. */
    String describe() {
        switch (kind) {
            case END:
                return "end of expression";
            case PLACEHOLDER:
                return "placeholder {" + text + "}";
            case STRING:
                return "string literal";
            default:
                return "'" + text + "'";
        }
    }
}
