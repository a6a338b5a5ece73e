package io.loonflow.bpmn.ticket.expression;

/**
 * Python's number spellings, checked by hand: java.util.regex recurses once per repetition of a group such as
 * {@code (?:_?\d)*}, which overflows the stack on long input.
 */
final class NumberText {

    private NumberText() {
    }

    private static boolean digit(int c, boolean unicode) {
        return unicode ? Character.isDigit(c) : (c >= '0' && c <= '9');
    }

    /** {@code digit (_? digit)*}, where digits are ASCII or (for int() and float()) any Unicode decimal digit. */
    static boolean digitPart(String s, int from, int to, boolean unicode) {
        if (from >= to || !digit(s.codePointAt(from), unicode) || s.charAt(to - 1) == '_') {
            return false;
        }
        boolean underscore = false;
        for (int i = from; i < to; ) {
            int c = s.codePointAt(i);
            if (c == '_') {
                if (underscore) {
                    return false;
                }
                underscore = true;
            } else if (digit(c, unicode)) {
                underscore = false;
            } else {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static int sign(String s) {
        return !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    }

    /** A decimal integer literal: {@code 0}, {@code 00}, {@code 1_000}, but not {@code 012}. */
    static boolean decimalLiteral(String s) {
        if (!digitPart(s, 0, s.length(), false)) {
            return false;
        }
        return s.charAt(0) != '0' || s.chars().allMatch(c -> c == '0' || c == '_');
    }

    /** A float literal without sign: {@code 1.5}, {@code .5}, {@code 5.}, {@code 1e3}, {@code 1_0.5e-1_0}. */
    static boolean floatLiteral(String s) {
        return floatBody(s, 0, false);
    }

    /** {@code 0x..}, {@code 0o..}, {@code 0b..} with optional single underscores between digits. */
    static boolean radixLiteral(String s, int radix) {
        if (s.length() < 3 || s.charAt(s.length() - 1) == '_') {
            return false;
        }
        boolean underscore = false;
        for (int i = 2; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                if (underscore) {
                    return false;
                }
                underscore = true;
            } else if (c < 128 && Character.digit(c, radix) >= 0) {
                underscore = false;
            } else {
                return false;
            }
        }
        return true;
    }

    /** What int() accepts after stripping whitespace: an optional sign and a digit part. */
    static boolean intText(String s) {
        return digitPart(s, sign(s), s.length(), true);
    }

    /** What float() accepts after stripping whitespace: sign, then inf, infinity, nan or a decimal number. */
    static boolean floatText(String s) {
        int start = sign(s);
        String word = s.substring(start).toLowerCase(java.util.Locale.ROOT);
        if (word.equals("inf") || word.equals("infinity") || word.equals("nan")) {
            return true;
        }
        return floatBody(s, start, true) || digitPart(s, start, s.length(), true);
    }

    private static boolean floatBody(String s, int start, boolean unicode) {
        int e = Math.max(s.indexOf('e', start), s.indexOf('E', start));
        int end = e >= 0 ? e : s.length();
        if (e >= 0) {
            int expStart = e + 1 < s.length() && (s.charAt(e + 1) == '+' || s.charAt(e + 1) == '-') ? e + 2 : e + 1;
            if (!digitPart(s, expStart, s.length(), unicode)) {
                return false;
            }
        }
        int dot = s.indexOf('.', start);
        if (dot < 0 || dot >= end) {
            return e >= 0 && digitPart(s, start, end, unicode);
        }
        boolean before = dot > start;
        boolean after = end > dot + 1;
        return (before || after) && (!before || digitPart(s, start, dot, unicode))
                && (!after || digitPart(s, dot + 1, end, unicode));
    }
}
