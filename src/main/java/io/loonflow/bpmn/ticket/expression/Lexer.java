package io.loonflow.bpmn.ticket.expression;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns an expression into tokens in two steps, mirroring loonflow's {@code str.format} followed by {@code eval}:
 * first the format level ({@code {key}} placeholders, {@code {{}} and {@code }}} as literal braces), then Python's
 * lexical rules for numbers, strings, names and operators. A placeholder becomes one token, so a bound value can
 * never be re-read as expression text.
 */
final class Lexer {

    /** Marks a placeholder unit in the code point array. */
    private static final int PLACEHOLDER = -1;
    private static final int END = -2;


    private static final Set<String> THREE_CHAR_OPS = Set.of("**=", "//=", ">>=", "<<=", "...");
    private static final Set<String> TWO_CHAR_OPS = Set.of("**", "//", "==", "!=", "<=", ">=", "<<", ">>", "->",
            ":=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=");
    private static final String ONE_CHAR_OPS = "+-*/%<>()[]{},.:;=~&|^@";

    private final String source;
    private final int[] units;
    private final int[] offsets;
    private final String[] keys;
    private int count;
    private int i;
    private final List<Token> tokens = new ArrayList<>();

    private Lexer(String source) {
        this.source = source;
        this.units = new int[source.length()];
        this.offsets = new int[source.length()];
        this.keys = new String[source.length()];
    }

    static List<Token> tokenize(String source) {
        Lexer lexer = new Lexer(source);
        lexer.formatLevel();
        lexer.scan();
        return lexer.tokens;
    }

    // ---- step 1: the str.format level -------------------------------------------------------------------------

    private void formatLevel() {
        int k = 0;
        int length = source.length();
        while (k < length) {
            int cp = source.codePointAt(k);
            if (cp == '{') {
                if (k + 1 < length && source.charAt(k + 1) == '{') {
                    add('{', k, null);
                    k += 2;
                    continue;
                }
                int close = source.indexOf('}', k + 1);
                if (close < 0) {
                    throw ConditionException.syntax("'{' without a closing '}' (write '{{' for a literal brace)", k);
                }
                String key = source.substring(k + 1, close);
                checkPlaceholder(key, k);
                add(PLACEHOLDER, k, key);
                k = close + 1;
                continue;
            }
            if (cp == '}') {
                if (k + 1 < length && source.charAt(k + 1) == '}') {
                    add('}', k, null);
                    k += 2;
                    continue;
                }
                throw ConditionException.syntax("single '}' (write '}}' for a literal brace)", k);
            }
            add(cp, k, null);
            k += Character.charCount(cp);
        }
    }

    private static void checkPlaceholder(String key, int offset) {
        String shown = "{" + key + "}";
        if (key.isEmpty()) {
            throw ConditionException.syntax("empty placeholder {} (name a field, e.g. {days})", offset);
        }
        if (key.indexOf('{') >= 0) {
            throw ConditionException.syntax("'{' inside a placeholder", offset);
        }
        if (key.indexOf(':') >= 0) {
            throw ConditionException.syntax("format specifications in placeholders are not supported: " + shown, offset);
        }
        if (key.indexOf('!') >= 0) {
            throw ConditionException.syntax("conversions in placeholders are not supported: " + shown, offset);
        }
        if (key.indexOf('[') >= 0) {
            throw ConditionException.syntax("indexing inside placeholders is not supported: " + shown
                    + " (index the value instead, e.g. {key}[0])", offset);
        }
        if (!isKey(key)) {
            throw ConditionException.syntax("invalid placeholder " + shown
                    + " (a field key is letters, digits and underscores, optionally joined by dots)", offset);
        }
    }

    /** Letters, digits and underscores, in segments joined by single dots. */
    private static boolean isKey(String key) {
        boolean segmentStart = true;
        for (int i = 0; i < key.length(); ) {
            int c = key.codePointAt(i);
            if (c == '.') {
                if (segmentStart) {
                    return false;
                }
                segmentStart = true;
            } else if (c == '_' || Character.isLetterOrDigit(c)) {
                segmentStart = false;
            } else {
                return false;
            }
            i += Character.charCount(c);
        }
        return !segmentStart;
    }

    private void add(int unit, int offset, String key) {
        units[count] = unit;
        offsets[count] = offset;
        keys[count] = key;
        count++;
    }

    // ---- step 2: Python tokens --------------------------------------------------------------------------------

    private int peek(int ahead) {
        int at = i + ahead;
        return at < count ? units[at] : END;
    }

    private int offset(int at) {
        return at < count ? offsets[at] : source.length();
    }

    private void scan() {
        while (true) {
            skipBlanks();
            if (i >= count) {
                tokens.add(new Token(Token.Kind.END, "", null, source.length()));
                return;
            }
            int c = units[i];
            if (c == PLACEHOLDER) {
                tokens.add(new Token(Token.Kind.PLACEHOLDER, keys[i], null, offsets[i]));
                i++;
            } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
                number();
            } else if (c == '\'' || c == '"') {
                string(false, offsets[i]);
            } else if (isIdentifierStart(c)) {
                nameOrPrefixedString();
            } else {
                operator();
            }
        }
    }

    private void skipBlanks() {
        while (i < count) {
            int c = units[i];
            if (c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r') {
                i++;
            } else if (c == '\\' && (peek(1) == '\n' || peek(1) == '\r')) {
                i += (peek(1) == '\r' && peek(2) == '\n') ? 3 : 2;
            } else if (c == '#') {
                while (i < count && units[i] != '\n' && units[i] != '\r') {
                    i++;
                }
            } else {
                return;
            }
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(int c) {
        return c == '_' || (c >= 0 && Character.isLetter(c));
    }

    private static boolean isIdentifierPart(int c) {
        return c >= 0 && (c == '_' || Character.isLetterOrDigit(c)
                || (Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c)));
    }

    private void number() {
        int start = i;
        StringBuilder text = new StringBuilder();
        if (units[i] == '0' && "xXoObB".indexOf(peek(1)) >= 0 && peek(1) >= 0) {
            text.append('0').appendCodePoint(units[i + 1]);
            i += 2;
            while (i < count && units[i] >= 0 && (Character.isLetterOrDigit(units[i]) || units[i] == '_')) {
                text.appendCodePoint(units[i++]);
            }
            String literal = text.toString();
            char kind = Character.toLowerCase(literal.charAt(1));
            int radix = kind == 'x' ? 16 : kind == 'o' ? 8 : 2;
            if (!NumberText.radixLiteral(literal, radix)) {
                throw ConditionException.syntax("invalid number literal '" + literal + "'", offsets[start]);
            }
            tokens.add(new Token(Token.Kind.NUMBER, literal,
                    new BigInteger(literal.substring(2).replace("_", ""), radix), offsets[start]));
            return;
        }
        digits(text);
        if (peek(0) == '.') {
            text.append('.');
            i++;
            digits(text);
        }
        if ((peek(0) == 'e' || peek(0) == 'E')
                && (isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
            text.appendCodePoint(units[i++]);
            if (!isDigit(peek(0))) {
                text.appendCodePoint(units[i++]);
            }
            digits(text);
        }
        String literal = text.toString();
        if (peek(0) == 'j' || peek(0) == 'J') {
            throw ConditionException.syntax("complex numbers are not supported", offsets[start]);
        }
        if (isIdentifierPart(peek(0))) {
            throw ConditionException.syntax("invalid number literal '" + literal + new String(Character.toChars(peek(0)))
                    + "'", offsets[start]);
        }
        Object value;
        if (NumberText.decimalLiteral(literal)) {
            value = new BigInteger(literal.replace("_", ""));
        } else if (NumberText.floatLiteral(literal)) {
            value = Double.parseDouble(literal.replace("_", ""));
        } else if (literal.length() > 1 && literal.charAt(0) == '0' && literal.chars().allMatch(c -> c == '_'
                || (c >= '0' && c <= '9'))) {
            throw ConditionException.syntax("leading zeros in decimal integer literals are not permitted (use 0o for"
                    + " octal)", offsets[start]);
        } else {
            throw ConditionException.syntax("invalid number literal '" + literal + "'", offsets[start]);
        }
        tokens.add(new Token(Token.Kind.NUMBER, literal, value, offsets[start]));
    }

    private void digits(StringBuilder text) {
        while (isDigit(peek(0)) || peek(0) == '_') {
            text.appendCodePoint(units[i++]);
        }
    }

    private void nameOrPrefixedString() {
        int start = i;
        StringBuilder name = new StringBuilder();
        while (isIdentifierPart(peek(0))) {
            name.appendCodePoint(units[i++]);
        }
        String text = name.toString();
        String prefix = text.toLowerCase(Locale.ROOT);
        if ((peek(0) == '\'' || peek(0) == '"') && prefix.length() <= 2 && prefix.matches("[rubf]+")) {
            if (prefix.contains("f")) {
                throw ConditionException.notAllowed("f-string");
            }
            if (prefix.contains("b")) {
                throw ConditionException.notAllowed("bytes literal");
            }
            if (!Set.of("r", "u").contains(prefix)) {
                throw ConditionException.syntax("invalid string prefix '" + text + "'", offsets[start]);
            }
            string(prefix.equals("r"), offsets[start]);
            return;
        }
        tokens.add(new Token(Token.Kind.NAME, text, null, offsets[start]));
    }

    private void string(boolean raw, int start) {
        int quote = units[i];
        boolean triple = peek(1) == quote && peek(2) == quote;
        i += triple ? 3 : 1;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (i >= count) {
                throw ConditionException.syntax(triple ? "unterminated triple-quoted string literal"
                        : "unterminated string literal", start);
            }
            int c = units[i];
            if (c == PLACEHOLDER) {
                throw ConditionException.syntax("placeholder {" + keys[i] + "} inside a string literal (write it"
                        + " outside the quotes: placeholders are bound as typed values, not pasted as text)", offsets[i]);
            }
            if (c == quote) {
                if (!triple) {
                    i++;
                    break;
                }
                if (peek(1) == quote && peek(2) == quote) {
                    i += 3;
                    break;
                }
            }
            if ((c == '\n' || c == '\r') && !triple) {
                throw ConditionException.syntax("unterminated string literal", start);
            }
            if (c == '\\') {
                if (raw) {
                    value.append('\\');
                    i++;
                    if (i < count && units[i] != PLACEHOLDER) {
                        value.appendCodePoint(units[i++]);
                    }
                } else {
                    escape(value);
                }
                continue;
            }
            value.appendCodePoint(c);
            i++;
        }
        tokens.add(new Token(Token.Kind.STRING, source.substring(start, offset(i)), value.toString(), start));
    }

    /** Python's string escapes; {@code i} is at the backslash. Unknown escapes keep the backslash, as in Python. */
    private void escape(StringBuilder value) {
        int at = offsets[i];
        int e = peek(1);
        if (e == END || e == PLACEHOLDER) {
            i++;
            return; // the string loop reports the unterminated string or the placeholder
        }
        i += 2;
        switch (e) {
            case '\n':
                return;
            case '\r':
                if (peek(0) == '\n') {
                    i++;
                }
                return;
            case '\\': case '\'': case '"':
                value.appendCodePoint(e);
                return;
            case 'a': value.append('\u0007'); return;
            case 'b': value.append('\b'); return;
            case 'f': value.append('\f'); return;
            case 'n': value.append('\n'); return;
            case 'r': value.append('\r'); return;
            case 't': value.append('\t'); return;
            case 'v': value.append('\u000b'); return;
            case 'x':
                value.appendCodePoint(hexDigits(2, "\\xXX", at));
                return;
            case 'u':
                value.appendCodePoint(hexDigits(4, "\\uXXXX", at));
                return;
            case 'U': {
                int cp = hexDigits(8, "\\UXXXXXXXX", at);
                if (cp > Character.MAX_CODE_POINT) {
                    throw ConditionException.syntax("illegal Unicode character in \\U escape", at);
                }
                value.appendCodePoint(cp);
                return;
            }
            case 'N':
                value.appendCodePoint(namedCharacter(at));
                return;
            default:
                if (e >= '0' && e <= '7') {
                    int cp = e - '0';
                    for (int n = 0; n < 2 && peek(0) >= '0' && peek(0) <= '7'; n++) {
                        cp = cp * 8 + (units[i++] - '0');
                    }
                    value.appendCodePoint(cp);
                    return;
                }
                value.append('\\').appendCodePoint(e);
        }
    }

    private int hexDigits(int n, String form, int at) {
        int cp = 0;
        for (int k = 0; k < n; k++) {
            int d = peek(0) >= 0 ? Character.digit(peek(0), 16) : -1;
            if (d < 0 || peek(0) > 'f') {
                throw ConditionException.syntax("truncated " + form + " escape", at);
            }
            cp = cp * 16 + d;
            i++;
        }
        return cp;
    }

    private int namedCharacter(int at) {
        if (peek(0) != '{') {
            throw ConditionException.syntax("malformed \\N character escape (braces must be doubled: \\N{{NAME}})", at);
        }
        i++;
        StringBuilder name = new StringBuilder();
        while (peek(0) != '}') {
            if (peek(0) < 0 || name.length() > 100) {
                throw ConditionException.syntax("malformed \\N character escape", at);
            }
            name.appendCodePoint(units[i++]);
        }
        i++;
        try {
            return Character.codePointOf(name.toString());
        } catch (IllegalArgumentException e) {
            throw ConditionException.syntax("unknown Unicode character name '" + name + "'", at);
        }
    }

    private void operator() {
        int start = offsets[i];
        for (int length = 3; length >= 1; length--) {
            String op = text(length);
            if (op == null) {
                continue;
            }
            if ((length == 3 && THREE_CHAR_OPS.contains(op)) || (length == 2 && TWO_CHAR_OPS.contains(op))
                    || (length == 1 && ONE_CHAR_OPS.contains(op))) {
                tokens.add(new Token(Token.Kind.OP, op, null, start));
                i += length;
                return;
            }
        }
        int c = units[i];
        String hint = c == '≤' ? " (use <=)" : c == '≥' ? " (use >=)" : c == '≠' ? " (use !=)" : "";
        String shown = Character.isISOControl(c) || Character.isWhitespace(c)
                ? String.format("U+%04X", c) : "'" + new String(Character.toChars(c)) + "'";
        throw ConditionException.syntax("invalid character " + shown + hint, start);
    }

    private String text(int length) {
        if (i + length > count) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = i; k < i + length; k++) {
            if (units[k] < 0) {
                return null;
            }
            sb.appendCodePoint(units[k]);
        }
        return sb.toString();
    }
}
