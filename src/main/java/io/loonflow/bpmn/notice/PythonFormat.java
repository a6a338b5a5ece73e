package io.loonflow.bpmn.notice;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A safe subset of Python's {@code template.format(**values)}, as loonflow renders notice titles and contents:
 * {@code {key}} placeholders, {@code {{}}/{@code }}} literals, {@code !s/!r/!a} conversions, {@code [index]} into
 * a list or dict value, one level of nested {@code {key}} inside a format spec, and the format-spec mini-language
 * {@code [[fill]align][sign][#][0][width][,|_][.precision][type]} for text, integers and floats. Values print as
 * Python prints them ({@code None}, {@code True}, {@code 1.0}, {@code ['a', 1]}).
 * <p>
 * What Python would refuse (an unknown key, positional {@code {}} or {@code {0}}, a single brace, a spec that does
 * not fit the value) raises {@link FormatException} with a message naming the problem; nothing is evaluated, no
 * attribute is read ({@code {a.b}} is refused).
 */
final class PythonFormat {

    /** Why a template could not be rendered. */
    static final class FormatException extends Exception {
        FormatException(String message) {
            super(message);
        }
    }

    private static final Pattern SPEC = Pattern.compile(
            "(?:(.)?([<>=^]))?([+\\- ])?(#)?(0)?(\\d+)?([,_])?(?:\\.(\\d+))?([bcdeEfFgGnosxX%])?", Pattern.DOTALL);
    private static final int MAX_WIDTH = 10_000;
    /** A rendered text beyond this is refused (wide format specs could otherwise blow up a notice body). */
    static final int MAX_OUTPUT = 100_000;

    private PythonFormat() {
    }

    static String format(String template, Map<String, Object> values) throws FormatException {
        if (template == null) {
            throw new FormatException("the template is NULL");
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c == '{') {
                if (i + 1 < n && template.charAt(i + 1) == '{') {
                    out.append('{');
                    i += 2;
                    continue;
                }
                int end = fieldEnd(template, i);
                out.append(replacement(template.substring(i + 1, end), values, true));
                i = end + 1;
                if (out.length() > MAX_OUTPUT) {
                    throw new FormatException("the rendered text is longer than " + MAX_OUTPUT + " characters");
                }
            } else if (c == '}') {
                if (i + 1 < n && template.charAt(i + 1) == '}') {
                    out.append('}');
                    i += 2;
                    continue;
                }
                throw new FormatException("Single '}' encountered in format string");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The index of the '}' closing the field opened at {@code start}, counting nested braces of its spec. */
    private static int fieldEnd(String template, int start) throws FormatException {
        int depth = 0;
        for (int i = start; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw new FormatException("Single '{' encountered in format string");
    }

    private static String replacement(String field, Map<String, Object> values, boolean allowNested)
            throws FormatException {
        int colon = -1;
        int bang = -1;
        int bracket = 0;
        for (int i = 0; i < field.length() && colon < 0; i++) {
            char c = field.charAt(i);
            if (c == '[') {
                bracket++;
            } else if (c == ']') {
                bracket--;
            } else if (bracket == 0 && c == ':') {
                colon = i;
            } else if (bracket == 0 && c == '!' && bang < 0) {
                bang = i;
            }
        }
        String head = colon < 0 ? field : field.substring(0, colon);
        String spec = colon < 0 ? "" : field.substring(colon + 1);
        String conversion = null;
        String name = head;
        if (bang >= 0 && (colon < 0 || bang < colon)) {
            name = head.substring(0, bang);
            conversion = head.substring(bang + 1);
            if (!conversion.equals("s") && !conversion.equals("r") && !conversion.equals("a")) {
                throw new FormatException("Unknown conversion specifier " + conversion + " in {" + field + "}");
            }
        }
        if (spec.indexOf('{') >= 0) {
            if (!allowNested) {
                throw new FormatException("Max string recursion exceeded in {" + field + "}");
            }
            spec = expandNested(spec, values);
        }
        Object value = lookup(name, values);
        if (conversion != null) {
            value = conversion.equals("s") ? str(value) : conversion.equals("r") ? repr(value) : ascii(repr(value));
        }
        return formatValue(value, spec);
    }

    private static String expandNested(String spec, Map<String, Object> values) throws FormatException {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < spec.length()) {
            char c = spec.charAt(i);
            if (c == '{') {
                int end = fieldEnd(spec, i);
                out.append(replacement(spec.substring(i + 1, end), values, false));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static Object lookup(String name, Map<String, Object> values) throws FormatException {
        int bracket = name.indexOf('[');
        String key = bracket < 0 ? name : name.substring(0, bracket);
        if (key.isEmpty() || key.chars().allMatch(Character::isDigit)) {
            throw new FormatException("positional field {" + name + "} is not supported, name a key: {field_key}");
        }
        if (key.indexOf('.') >= 0) {
            throw new FormatException("attribute access {" + name + "} is not supported");
        }
        if (!values.containsKey(key)) {
            throw new FormatException("unknown key '" + key + "'");
        }
        Object value = values.get(key);
        String rest = bracket < 0 ? "" : name.substring(bracket);
        while (!rest.isEmpty()) {
            int close = rest.indexOf(']');
            if (!rest.startsWith("[") || close < 0) {
                throw new FormatException("invalid field {" + name + "}");
            }
            String index = rest.substring(1, close);
            rest = rest.substring(close + 1);
            if (value instanceof List<?> list && !index.isEmpty() && index.chars().allMatch(Character::isDigit)) {
                int at = Integer.parseInt(index);
                if (at >= list.size()) {
                    throw new FormatException("list index out of range in {" + name + "}");
                }
                value = list.get(at);
            } else if (value instanceof Map<?, ?> map && map.containsKey(index)) {
                value = map.get(index);
            } else {
                throw new FormatException("cannot index " + typeName(value) + " with [" + index + "] in {" + name + "}");
            }
        }
        return value;
    }

    // ---- format(value, spec) ----

    private record Spec(char fill, char align, char sign, boolean alternate, boolean zero, int width,
                        char grouping, int precision, char type) {
    }

    private static Spec parseSpec(String spec) throws FormatException {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new FormatException("Invalid format specifier '" + spec + "'");
        }
        int width = m.group(6) == null ? -1 : parseBounded(m.group(6), spec);
        int precision = m.group(8) == null ? -1 : parseBounded(m.group(8), spec);
        return new Spec(m.group(1) == null ? ' ' : m.group(1).charAt(0), m.group(2) == null ? 0 : m.group(2).charAt(0),
                m.group(3) == null ? 0 : m.group(3).charAt(0), m.group(4) != null, m.group(5) != null, width,
                m.group(7) == null ? 0 : m.group(7).charAt(0), precision, m.group(9) == null ? 0 : m.group(9).charAt(0));
    }

    private static int parseBounded(String digits, String spec) throws FormatException {
        if (digits.length() > 5 || Integer.parseInt(digits) > MAX_WIDTH) {
            throw new FormatException("width or precision too large in format specifier '" + spec + "'");
        }
        return Integer.parseInt(digits);
    }

    static String formatValue(Object value, String specText) throws FormatException {
        if (value instanceof Boolean b) {
            return specText.isEmpty() ? str(b) : formatInteger(BigInteger.valueOf(b ? 1 : 0), parseSpec(specText), "bool");
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return formatInteger(BigInteger.valueOf(((Number) value).longValue()), parseSpec(specText), "int");
        }
        if (value instanceof BigInteger big) {
            return formatInteger(big, parseSpec(specText), "int");
        }
        if (value instanceof Double || value instanceof Float) {
            return formatFloat(((Number) value).doubleValue(), parseSpec(specText));
        }
        if (value instanceof BigDecimal decimal) {
            return formatFloat(decimal.doubleValue(), parseSpec(specText));
        }
        if (value instanceof String s) {
            return formatString(s, parseSpec(specText), "str");
        }
        if (!specText.isEmpty()) {
            throw new FormatException("unsupported format string passed to " + typeName(value) + ".__format__");
        }
        return str(value);
    }

    private static String formatString(String s, Spec spec, String type) throws FormatException {
        if (spec.type() != 0 && spec.type() != 's') {
            throw new FormatException("Unknown format code '" + spec.type() + "' for object of type '" + type + "'");
        }
        if (spec.sign() != 0) {
            throw new FormatException("Sign not allowed in string format specifier");
        }
        if (spec.alternate()) {
            throw new FormatException("Alternate form (#) not allowed in string format specifier");
        }
        if (spec.grouping() != 0) {
            throw new FormatException("Cannot specify '" + spec.grouping() + "' with 's'.");
        }
        if (spec.align() == '=') {
            throw new FormatException("'=' alignment not allowed in string format specifier");
        }
        String text = spec.precision() >= 0 && s.codePointCount(0, s.length()) > spec.precision()
                ? s.substring(0, s.offsetByCodePoints(0, spec.precision())) : s;
        char fill = spec.zero() && spec.align() == 0 ? '0' : spec.fill();
        return pad("", text, spec.width(), fill, spec.align() == 0 ? '<' : spec.align());
    }

    private static String formatInteger(BigInteger value, Spec spec, String type) throws FormatException {
        char t = spec.type();
        if ("eEfFgG%".indexOf(t) >= 0 && t != 0) {
            return formatFloat(value.doubleValue(), spec);
        }
        if (t == 's') {
            throw new FormatException("Unknown format code 's' for object of type '" + type + "'");
        }
        if (spec.precision() >= 0) {
            throw new FormatException("Precision not allowed in integer format specifier");
        }
        String digits;
        String prefix = "";
        int groupSize = 3;
        BigInteger magnitude = value.abs();
        switch (t) {
            case 'b' -> {
                digits = magnitude.toString(2);
                prefix = spec.alternate() ? "0b" : "";
                groupSize = 4;
            }
            case 'o' -> {
                digits = magnitude.toString(8);
                prefix = spec.alternate() ? "0o" : "";
                groupSize = 4;
            }
            case 'x' -> {
                digits = magnitude.toString(16);
                prefix = spec.alternate() ? "0x" : "";
                groupSize = 4;
            }
            case 'X' -> {
                digits = magnitude.toString(16).toUpperCase();
                prefix = spec.alternate() ? "0X" : "";
                groupSize = 4;
            }
            case 'c' -> {
                if (value.signum() < 0 || value.compareTo(BigInteger.valueOf(0x10FFFF)) > 0) {
                    throw new FormatException("%c arg not in range(0x110000)");
                }
                return formatString(new String(Character.toChars(value.intValue())), withType(spec), type);
            }
            default -> digits = magnitude.toString();
        }
        if (spec.grouping() == ',' && groupSize != 3) {
            throw new FormatException("Cannot specify ',' with '" + t + "'.");
        }
        if (spec.grouping() != 0) {
            digits = group(digits, spec.grouping(), groupSize);
        }
        return padNumber(sign(value.signum() < 0, spec) + prefix, digits, spec);
    }

    private static Spec withType(Spec spec) {
        return new Spec(spec.fill(), spec.align() == 0 ? '<' : spec.align(), spec.sign(), false, spec.zero(),
                spec.width(), (char) 0, -1, 's');
    }

    private static String formatFloat(double value, Spec spec) throws FormatException {
        char t = spec.type();
        if (t != 0 && "eEfFgGn%".indexOf(t) < 0) {
            throw new FormatException("Unknown format code '" + t + "' for object of type 'float'");
        }
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        double magnitude = Math.abs(value);
        String body;
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            body = Double.isNaN(value) ? "nan" : "inf";
            if (t == 'E' || t == 'F' || t == 'G') {
                body = body.toUpperCase();
            }
            if (t == '%') {
                body += "%";
            }
        } else {
            int p = spec.precision();
            body = switch (t) {
                case 'f', 'F' -> fixed(magnitude, p < 0 ? 6 : p, spec.alternate());
                case '%' -> fixed(magnitude * 100, p < 0 ? 6 : p, spec.alternate()) + "%";
                case 'e', 'E' -> exponent(magnitude, p < 0 ? 6 : p, spec.alternate(), t == 'E');
                case 'g', 'G', 'n' -> general(magnitude, p < 0 ? 6 : p, spec.alternate(), t == 'G', false);
                default -> p < 0 ? floatRepr(magnitude) : general(magnitude, p, spec.alternate(), false, true);
            };
        }
        if (spec.grouping() != 0) {
            int dot = body.indexOf('.');
            int end = dot >= 0 ? dot : indexOfAny(body, "eE%");
            end = end < 0 ? body.length() : end;
            if (body.chars().limit(end).allMatch(Character::isDigit)) {
                body = group(body.substring(0, end), spec.grouping(), 3) + body.substring(end);
            }
        }
        return padNumber(sign(negative, spec), body, spec);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String fixed(double magnitude, int precision, boolean alternate) {
        String text = new BigDecimal(magnitude).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return alternate && precision == 0 ? text + "." : text;
    }

    private static String exponent(double magnitude, int precision, boolean alternate, boolean upper) {
        BigDecimal exact = new BigDecimal(magnitude);
        int exp = 0;
        String mantissa;
        if (exact.signum() == 0) {
            mantissa = BigDecimal.ZERO.setScale(precision).toPlainString();
        } else {
            BigDecimal rounded = exact.round(new java.math.MathContext(precision + 1, RoundingMode.HALF_EVEN));
            exp = rounded.precision() - rounded.scale() - 1;
            mantissa = rounded.movePointLeft(exp).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        }
        if (alternate && precision == 0) {
            mantissa += ".";
        }
        return mantissa + (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    /** Python's 'g' (and the no-type form with a precision, which keeps one digit after the point). */
    private static String general(double magnitude, int precision, boolean alternate, boolean upper,
                                  boolean keepPointZero) {
        int p = precision == 0 ? 1 : precision;
        if (magnitude == 0) {
            return alternate ? "0." + "0".repeat(p - 1) : keepPointZero ? "0.0" : "0";
        }
        BigDecimal rounded = new BigDecimal(magnitude).round(new java.math.MathContext(p, RoundingMode.HALF_EVEN));
        int exp = rounded.precision() - rounded.scale() - 1;
        String text;
        if (exp >= -4 && exp < p) {
            text = rounded.setScale(Math.max(0, p - 1 - exp), RoundingMode.HALF_EVEN).toPlainString();
            if (!alternate) {
                text = stripZeros(text);
                if (keepPointZero && text.indexOf('.') < 0) {
                    text += ".0";
                }
            }
        } else {
            text = exponent(magnitude, p - 1, alternate, upper);
            if (!alternate) {
                int e = text.indexOf(upper ? 'E' : 'e');
                text = stripZeros(text.substring(0, e)) + text.substring(e);
            }
        }
        return text;
    }

    private static String stripZeros(String text) {
        if (text.indexOf('.') < 0) {
            return text;
        }
        String stripped = text.replaceAll("0+$", "");
        return stripped.endsWith(".") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }

    private static String sign(boolean negative, Spec spec) {
        if (negative) {
            return "-";
        }
        return spec.sign() == '+' ? "+" : spec.sign() == ' ' ? " " : "";
    }

    private static String padNumber(String prefix, String digits, Spec spec) {
        char align = spec.align();
        char fill = spec.fill();
        if (align == 0) {
            align = spec.zero() ? '=' : '>';
            fill = spec.zero() ? '0' : fill;
        }
        return pad(prefix, digits, spec.width(), fill, align);
    }

    private static String pad(String prefix, String body, int width, char fill, char align) {
        int length = prefix.codePointCount(0, prefix.length()) + body.codePointCount(0, body.length());
        int missing = Math.max(0, width - length);
        String f = String.valueOf(fill);
        return switch (align) {
            case '<' -> prefix + body + f.repeat(missing);
            case '^' -> f.repeat(missing / 2) + prefix + body + f.repeat(missing - missing / 2);
            case '=' -> prefix + f.repeat(missing) + body;
            default -> f.repeat(missing) + prefix + body;
        };
    }

    private static String group(String digits, char separator, int size) {
        StringBuilder out = new StringBuilder();
        int first = digits.length() % size == 0 ? size : digits.length() % size;
        out.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += size) {
            out.append(separator).append(digits, i, i + size);
        }
        return out.toString();
    }

    // ---- Python's str() and repr() of the values a ticket holds ----

    static String str(Object value) {
        if (value instanceof String s) {
            return s;
        }
        return repr(value);
    }

    static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof String s) {
            return stringRepr(s);
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                return "nan";
            }
            return (d < 0 || (d == 0 && 1 / d < 0) ? "-" : "") + (Double.isInfinite(d) ? "inf" : floatRepr(Math.abs(d)));
        }
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<?, ?> e = it.next();
                out.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
                if (it.hasNext()) {
                    out.append(", ");
                }
            }
            return out.append('}').toString();
        }
        if (value instanceof Collection<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (Iterator<?> it = list.iterator(); it.hasNext(); ) {
                out.append(repr(it.next()));
                if (it.hasNext()) {
                    out.append(", ");
                }
            }
            return out.append(']').toString();
        }
        return stringRepr(value.toString());
    }

    private static String stringRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(quote).toString();
    }

    private static String ascii(String repr) {
        StringBuilder out = new StringBuilder();
        repr.codePoints().forEach(cp -> {
            if (cp < 0x80) {
                out.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                out.append(String.format("\\x%02x", cp));
            } else if (cp <= 0xffff) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.append(String.format("\\U%08x", cp));
            }
        });
        return out.toString();
    }

    /** Python's repr of a finite non-negative float: shortest digits, exponent form below 1e-4 and from 1e16. */
    static String floatRepr(double magnitude) {
        if (magnitude == 0) {
            return "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(magnitude)).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int exp = digits.length() - 1 - shortest.scale();
        if (exp >= -4 && exp < 16) {
            String plain = shortest.toPlainString();
            return plain.indexOf('.') < 0 ? plain + ".0" : plain;
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    private static String typeName(Object value) {
        if (value == null) {
            return "NoneType";
        }
        if (value instanceof Map) {
            return "dict";
        }
        if (value instanceof Collection) {
            return "list";
        }
        if (value instanceof String) {
            return "str";
        }
        return value.getClass().getSimpleName();
    }
}
