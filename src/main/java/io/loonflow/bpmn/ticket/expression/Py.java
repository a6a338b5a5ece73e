package io.loonflow.bpmn.ticket.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python value semantics over a small set of Java types: None = {@code null}, bool = {@link Boolean},
 * int = {@link BigInteger}, float = {@link Double}, str = {@link String}, list = {@link List}, tuple = {@link PyTuple},
 * dict = {@link Map}, date = {@link LocalDate}, datetime = {@link LocalDateTime} (microsecond precision),
 * timedelta = {@link PyTimedelta}. Errors carry Python's wording so loonflow users recognise them.
 */
final class Py {

    /** Largest int a computation may produce (Python's own str() limit is about 14,000 bits). */
    static final int MAX_INT_BITS = 10_000;
    /** Largest exponent for int ** int (when the base is not 0, 1 or -1). */
    static final int MAX_EXPONENT = 10_000;
    /** Largest string (chars) or list (elements) that + and * may produce. */
    static final int MAX_SEQUENCE = 100_000;
    /** Deepest nesting of lists and dicts accepted in a bound value. */
    static final int MAX_VALUE_DEPTH = 100;

    private Py() {
    }

    // ---- binding Java values ----------------------------------------------------------------------------------

    /** Converts a caller's Java value to the internal representation (deeply, for lists and maps). */
    static Object bind(Object value, String key) {
        return bind(value, key, 0);
    }

    private static Object bind(Object value, String key, int depth) {
        Budget.charge(1);
        if (depth > MAX_VALUE_DEPTH) {
            throw ConditionException.limit("the value of {" + key + "} is nested more than " + MAX_VALUE_DEPTH
                    + " levels deep");
        }
        if (value == null || value instanceof String || value instanceof BigInteger || value instanceof Double
                || value instanceof LocalDate || value instanceof PyTimedelta || value instanceof PyTuple) {
            return value;
        }
        if (value instanceof Boolean) {
            return Boolean.valueOf((Boolean) value);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Character) {
            return value.toString();
        }
        if (value instanceof LocalDateTime) {
            return ((LocalDateTime) value).truncatedTo(ChronoUnit.MICROS);
        }
        if (value instanceof List) {
            List<Object> items = new ArrayList<>();
            for (Object item : (List<?>) value) {
                items.add(bind(item, key, depth + 1));
            }
            return items;
        }
        if (value instanceof Map) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                Object k = bind(entry.getKey(), key, depth + 1);
                if (!hashable(k)) {
                    throw new ConditionException("the value of {" + key + "} is a map with a "
                            + typeName(k) + " key, which a condition expression cannot use");
                }
                map.put(k, bind(entry.getValue(), key, depth + 1));
            }
            return map;
        }
        throw new ConditionException("the value of {" + key + "} has a type a condition expression cannot use ("
                + value.getClass().getSimpleName() + ")");
    }

    // ---- types and truthiness ---------------------------------------------------------------------------------

    static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof BigInteger) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof PyTuple) {
            return "tuple";
        }
        if (v instanceof Map) {
            return "dict";
        }
        if (v instanceof LocalDateTime) {
            return "datetime.datetime";
        }
        if (v instanceof LocalDate) {
            return "datetime.date";
        }
        if (v instanceof PyTimedelta) {
            return "datetime.timedelta";
        }
        return v.getClass().getSimpleName();
    }

    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof BigInteger) {
            return ((BigInteger) v).signum() != 0;
        }
        if (v instanceof Double) {
            return (Double) v != 0.0; // NaN is truthy, as in Python
        }
        if (v instanceof String) {
            return !((String) v).isEmpty();
        }
        if (v instanceof List) {
            return !((List<?>) v).isEmpty();
        }
        if (v instanceof PyTuple) {
            return !((PyTuple) v).items.isEmpty();
        }
        if (v instanceof Map) {
            return !((Map<?, ?>) v).isEmpty();
        }
        if (v instanceof PyTimedelta) {
            return ((PyTimedelta) v).micros != 0;
        }
        return true;
    }

    static boolean isNumber(Object v) {
        return v instanceof Boolean || v instanceof BigInteger || v instanceof Double;
    }

    /** int or bool (bool is a subclass of int in Python). */
    static boolean isInt(Object v) {
        return v instanceof Boolean || v instanceof BigInteger;
    }

    static BigInteger big(Object v) {
        if (v instanceof Boolean) {
            return (Boolean) v ? BigInteger.ONE : BigInteger.ZERO;
        }
        return (BigInteger) v;
    }

    static double dbl(Object v) {
        if (v instanceof Double) {
            return (Double) v;
        }
        double d = big(v).doubleValue();
        if (Double.isInfinite(d)) {
            throw ConditionException.failed("int too large to convert to float");
        }
        return d;
    }

    static boolean hashable(Object v) {
        return !(v instanceof List || v instanceof Map);
    }

    static BigInteger checkInt(BigInteger v) {
        if (v.bitLength() > MAX_INT_BITS) {
            throw ConditionException.limit("an integer result would have more than " + MAX_INT_BITS + " bits");
        }
        return v;
    }

    // ---- str() and repr() -------------------------------------------------------------------------------------

    static String str(Object v) {
        if (v instanceof String) {
            return (String) v;
        }
        if (v instanceof LocalDateTime) {
            LocalDateTime t = (LocalDateTime) v;
            String text = String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
            int micros = t.getNano() / 1000;
            return micros == 0 ? text : text + String.format(".%06d", micros);
        }
        if (v instanceof LocalDate) {
            LocalDate d = (LocalDate) v;
            return String.format("%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        }
        if (v instanceof PyTimedelta) {
            return ((PyTimedelta) v).str();
        }
        return repr(v, 0);
    }

    static String repr(Object v) {
        return repr(v, 0);
    }

    private static String repr(Object v, int depth) {
        Budget.charge(1);
        if (depth > MAX_VALUE_DEPTH) {
            throw ConditionException.limit("a value is nested more than " + MAX_VALUE_DEPTH + " levels deep");
        }
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "True" : "False";
        }
        if (v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof Double) {
            return floatRepr((Double) v);
        }
        if (v instanceof String) {
            return stringRepr((String) v);
        }
        if (v instanceof List) {
            return "[" + joinRepr((List<?>) v, depth) + "]";
        }
        if (v instanceof PyTuple) {
            List<Object> items = ((PyTuple) v).items;
            return "(" + joinRepr(items, depth) + (items.size() == 1 ? ",)" : ")");
        }
        if (v instanceof Map) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(repr(e.getKey(), depth + 1)).append(": ").append(repr(e.getValue(), depth + 1));
            }
            return sb.append('}').toString();
        }
        if (v instanceof LocalDateTime) {
            LocalDateTime t = (LocalDateTime) v;
            List<Integer> parts = new ArrayList<>(List.of(t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                    t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000));
            for (int k = 0; k < 2 && parts.get(parts.size() - 1) == 0; k++) {
                parts.remove(parts.size() - 1);
            }
            StringBuilder sb = new StringBuilder("datetime.datetime(");
            for (int k = 0; k < parts.size(); k++) {
                sb.append(k == 0 ? "" : ", ").append(parts.get(k));
            }
            return sb.append(')').toString();
        }
        if (v instanceof LocalDate) {
            LocalDate d = (LocalDate) v;
            return "datetime.date(" + d.getYear() + ", " + d.getMonthValue() + ", " + d.getDayOfMonth() + ")";
        }
        if (v instanceof PyTimedelta) {
            return ((PyTimedelta) v).repr();
        }
        return String.valueOf(v);
    }

    private static String joinRepr(List<?> items, int depth) {
        StringBuilder sb = new StringBuilder();
        for (Object item : items) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(repr(item, depth + 1));
        }
        return sb.toString();
    }

    /** Python's repr(str): single quotes unless the text has a single quote and no double quote. */
    static String stringRepr(String s) {
        Budget.chargeText(s.length());
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(quote);
        s.codePoints().forEach(cp -> {
            if (cp == quote || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp < 0x20 || cp == 0x7f) {
                sb.append(String.format("\\x%02x", cp));
            } else if (cp > 0x7f && !printable(cp)) {
                sb.append(cp <= 0xff ? String.format("\\x%02x", cp)
                        : cp <= 0xffff ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.append(quote).toString();
    }

    private static boolean printable(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL: case Character.FORMAT: case Character.SURROGATE: case Character.PRIVATE_USE:
            case Character.UNASSIGNED: case Character.LINE_SEPARATOR: case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    /** Python's repr(float): the shortest text that reads back as the same double. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0.0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        double a = Math.abs(d);
        Budget.charge(40 + Math.abs(Math.getExponent(a)) / 2); // the exact decimal of a double grows with its exponent
        BigDecimal exact = new BigDecimal(a);
        // Fewest significant digits that read back as the same double; "some p-digit decimal reads back" is
        // monotonic in p, so binary search.
        int low = 1;
        int high = 17;
        while (low < high) {
            int mid = (low + high) / 2;
            if (shortestCandidate(exact, a, mid) != null) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        BigDecimal shortest = shortestCandidate(exact, a, low);
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int decpt = digits.length() - shortest.scale(); // value = 0.DIGITS * 10^decpt
        StringBuilder sb = new StringBuilder(d < 0 ? "-" : "");
        if (decpt > 16 || decpt <= -4) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int exponent = decpt - 1;
            sb.append(exponent < 0 ? "e-" : "e+").append(String.format("%02d", Math.abs(exponent)));
        } else if (decpt <= 0) {
            sb.append("0.").append("0".repeat(-decpt)).append(digits);
        } else if (decpt < digits.length()) {
            sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        } else {
            sb.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
        }
        return sb.toString();
    }

    /**
     * The p-digit decimal that reads back as {@code a}: of the two p-digit neighbours of the exact value, the one
     * that reads back, or the nearer one (ties to an even last digit) when both do; null when neither does.
     */
    private static BigDecimal shortestCandidate(BigDecimal exact, double a, int p) {
        BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
        BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
        boolean downReads = down.doubleValue() == a;
        boolean upReads = up.doubleValue() == a;
        if (downReads && upReads && down.compareTo(up) != 0) {
            int c = exact.subtract(down).compareTo(up.subtract(exact));
            return c < 0 ? down : c > 0 ? up : down.unscaledValue().testBit(0) ? up : down;
        }
        return downReads ? down : upReads ? up : null;
    }

    // ---- comparisons ------------------------------------------------------------------------------------------

    static boolean compare(String op, Object a, Object b) {
        switch (op) {
            case "==":
                return eq(a, b);
            case "!=":
                return !eq(a, b);
            case "in":
                return contains(b, a);
            case "not in":
                return !contains(b, a);
            case "is":
                return identical(a, b);
            case "is not":
                return !identical(a, b);
            default:
                return order(op, a, b);
        }
    }

    /** Python's {@code is}: None, True and False are singletons; anything else compares identity. */
    static boolean identical(Object a, Object b) {
        if (a instanceof Boolean && b instanceof Boolean) {
            return a.equals(b);
        }
        return a == b;
    }

    /** Numeric comparison with Python's exact int/float semantics; null when unordered (NaN). */
    static Integer numberCompare(Object a, Object b) {
        if (isInt(a) && isInt(b)) {
            return big(a).compareTo(big(b));
        }
        if (a instanceof Double && b instanceof Double) {
            double x = (Double) a;
            double y = (Double) b;
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return null;
            }
            return x < y ? -1 : x > y ? 1 : 0;
        }
        boolean floatFirst = a instanceof Double;
        double x = floatFirst ? (Double) a : (Double) b;
        BigInteger n = big(floatFirst ? b : a);
        if (Double.isNaN(x)) {
            return null;
        }
        int c;
        if (Double.isInfinite(x)) {
            c = x > 0 ? 1 : -1;
        } else if (n.bitLength() <= 53) {
            c = Double.compare(x + 0.0, n.doubleValue() + 0.0); // n is exact as a double; + 0.0 makes -0.0 equal 0.0
        } else {
            c = new BigDecimal(x).compareTo(new BigDecimal(n));
        }
        return floatFirst ? c : -c;
    }

    static boolean eq(Object a, Object b) {
        Budget.charge(1);
        if (isNumber(a) && isNumber(b)) {
            Integer c = numberCompare(a, b);
            return c != null && c == 0;
        }
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof String && b instanceof String) {
            Budget.chargeText(Math.min(((String) a).length(), ((String) b).length()));
            return a.equals(b);
        }
        if (a instanceof List && b instanceof List) {
            return sequenceEq((List<?>) a, (List<?>) b);
        }
        if (a instanceof PyTuple && b instanceof PyTuple) {
            return sequenceEq(((PyTuple) a).items, ((PyTuple) b).items);
        }
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                Object[] found = lookup(y, e.getKey());
                if (found == null || !(found[0] == e.getValue() || eq(e.getValue(), found[0]))) {
                    return false;
                }
            }
            return true;
        }
        if ((a instanceof LocalDateTime && b instanceof LocalDateTime) || (a instanceof LocalDate && b instanceof LocalDate)
                || (a instanceof PyTimedelta && b instanceof PyTimedelta)) {
            return a.equals(b);
        }
        return false;
    }

    private static boolean sequenceEq(List<?> x, List<?> y) {
        if (x.size() != y.size()) {
            return false;
        }
        for (int k = 0; k < x.size(); k++) {
            if (x.get(k) != y.get(k) && !eq(x.get(k), y.get(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean order(String op, Object a, Object b) {
        Budget.charge(1);
        if (isNumber(a) && isNumber(b)) {
            Integer c = numberCompare(a, b);
            return c != null && test(op, c);
        }
        if (a instanceof String && b instanceof String) {
            return test(op, compareCodePoints((String) a, (String) b));
        }
        if (a instanceof List && b instanceof List) {
            return sequenceOrder(op, (List<?>) a, (List<?>) b);
        }
        if (a instanceof PyTuple && b instanceof PyTuple) {
            return sequenceOrder(op, ((PyTuple) a).items, ((PyTuple) b).items);
        }
        if (a instanceof LocalDateTime && b instanceof LocalDateTime) {
            return test(op, ((LocalDateTime) a).compareTo((LocalDateTime) b));
        }
        if (a instanceof LocalDate && b instanceof LocalDate) {
            return test(op, ((LocalDate) a).compareTo((LocalDate) b));
        }
        if (a instanceof PyTimedelta && b instanceof PyTimedelta) {
            return test(op, Long.compare(((PyTimedelta) a).micros, ((PyTimedelta) b).micros));
        }
        if ((a instanceof LocalDateTime && b instanceof LocalDate) || (a instanceof LocalDate && b instanceof LocalDateTime)) {
            throw ConditionException.failed("can't compare " + typeName(a) + " to " + typeName(b));
        }
        throw ConditionException.failed("'" + op + "' not supported between instances of '" + typeName(a) + "' and '"
                + typeName(b) + "'");
    }

    private static boolean sequenceOrder(String op, List<?> x, List<?> y) {
        int n = Math.min(x.size(), y.size());
        for (int k = 0; k < n; k++) {
            if (x.get(k) != y.get(k) && !eq(x.get(k), y.get(k))) {
                return order(op, x.get(k), y.get(k));
            }
        }
        return test(op, Integer.compare(x.size(), y.size()));
    }

    private static boolean test(String op, int c) {
        switch (op) {
            case "<":
                return c < 0;
            case "<=":
                return c <= 0;
            case ">":
                return c > 0;
            case ">=":
                return c >= 0;
            default:
                throw new IllegalArgumentException(op);
        }
    }

    /** Python orders strings by code point, not by UTF-16 unit. */
    static int compareCodePoints(String a, String b) {
        Budget.chargeText(Math.min(a.length(), b.length()));
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    static boolean contains(Object container, Object item) {
        if (container instanceof String) {
            if (!(item instanceof String)) {
                throw ConditionException.failed("'in <string>' requires string as left operand, not " + typeName(item));
            }
            return indexOf((String) container, (String) item, 0) >= 0;
        }
        if (container instanceof List || container instanceof PyTuple) {
            List<?> items = container instanceof PyTuple ? ((PyTuple) container).items : (List<?>) container;
            for (Object x : items) {
                if (x == item || eq(x, item)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof Map) {
            if (!hashable(item)) {
                throw ConditionException.failed("unhashable type: '" + typeName(item) + "'");
            }
            return lookup((Map<?, ?>) container, item) != null;
        }
        throw ConditionException.failed("argument of type '" + typeName(container) + "' is not iterable");
    }

    /** A one-element array holding the value for {@code key}, or null when the key is absent (Python key equality). */
    static Object[] lookup(Map<?, ?> map, Object key) {
        if (key instanceof String) {
            return map.containsKey(key) ? new Object[] {map.get(key)} : null;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (eq(e.getKey(), key)) {
                return new Object[] {e.getValue()};
            }
        }
        return null;
    }

    static Object index(Object target, Object index) {
        if (target instanceof List || target instanceof PyTuple || target instanceof String) {
            String kind = typeName(target);
            if (!isInt(index)) {
                throw ConditionException.failed(kind.equals("str") ? "string indices must be integers, not '"
                        + typeName(index) + "'" : kind + " indices must be integers or slices, not " + typeName(index));
            }
            String text = target instanceof String ? (String) target : null;
            List<?> items = target instanceof PyTuple ? ((PyTuple) target).items
                    : target instanceof List ? (List<?>) target : null;
            int size = text != null ? text.codePointCount(0, text.length()) : items.size();
            BigInteger i = big(index);
            if (i.signum() < 0) {
                i = i.add(BigInteger.valueOf(size));
            }
            if (i.signum() < 0 || i.compareTo(BigInteger.valueOf(size)) >= 0) {
                throw ConditionException.failed((kind.equals("str") ? "string" : kind) + " index out of range");
            }
            int at = i.intValue();
            if (text != null) {
                int start = text.offsetByCodePoints(0, at);
                return new String(Character.toChars(text.codePointAt(start)));
            }
            return items.get(at);
        }
        if (target instanceof Map) {
            if (!hashable(index)) {
                throw ConditionException.failed("unhashable type: '" + typeName(index) + "'");
            }
            Object[] found = lookup((Map<?, ?>) target, index);
            if (found == null) {
                throw ConditionException.failed("key " + repr(index) + " is not in the dict");
            }
            return found[0];
        }
        throw ConditionException.failed("'" + typeName(target) + "' object is not subscriptable");
    }

    // ---- arithmetic -------------------------------------------------------------------------------------------

    static Object binary(String op, Object a, Object b) {
        switch (op) {
            case "+":
                return add(a, b);
            case "-":
                return subtract(a, b);
            case "*":
                return multiply(a, b);
            case "/":
                return trueDivide(a, b);
            case "//":
                return floorDivide(a, b);
            case "%":
                return modulo(a, b);
            case "**":
                return power(a, b);
            default:
                throw new IllegalArgumentException(op);
        }
    }

    private static ConditionException unsupported(String op, Object a, Object b) {
        return ConditionException.failed("unsupported operand type(s) for " + op + ": '" + typeName(a) + "' and '"
                + typeName(b) + "'");
    }

    static Object add(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                return checkInt(big(a).add(big(b)));
            }
            return dbl(a) + dbl(b);
        }
        if (a instanceof String) {
            if (!(b instanceof String)) {
                throw ConditionException.failed("can only concatenate str (not \"" + typeName(b) + "\") to str");
            }
            checkSize((long) ((String) a).length() + ((String) b).length());
            return (String) a + b;
        }
        if (a instanceof List || a instanceof PyTuple) {
            String kind = typeName(a);
            if (!typeName(b).equals(kind)) {
                throw ConditionException.failed("can only concatenate " + kind + " (not \"" + typeName(b) + "\") to "
                        + kind);
            }
            List<?> x = a instanceof PyTuple ? ((PyTuple) a).items : (List<?>) a;
            List<?> y = b instanceof PyTuple ? ((PyTuple) b).items : (List<?>) b;
            checkSize((long) x.size() + y.size());
            List<Object> joined = new ArrayList<>(x);
            joined.addAll(y);
            return a instanceof PyTuple ? new PyTuple(joined) : joined;
        }
        if (a instanceof PyTimedelta && b instanceof PyTimedelta) {
            return timedelta(addExact(((PyTimedelta) a).micros, ((PyTimedelta) b).micros));
        }
        if (a instanceof PyTimedelta && (b instanceof LocalDateTime || b instanceof LocalDate)) {
            return add(b, a);
        }
        if (a instanceof LocalDateTime && b instanceof PyTimedelta) {
            return plusMicros((LocalDateTime) a, ((PyTimedelta) b).micros);
        }
        if (a instanceof LocalDate && b instanceof PyTimedelta) {
            return plusDays((LocalDate) a, ((PyTimedelta) b).days());
        }
        throw unsupported("+", a, b);
    }

    static Object subtract(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                return checkInt(big(a).subtract(big(b)));
            }
            return dbl(a) - dbl(b);
        }
        if (a instanceof PyTimedelta && b instanceof PyTimedelta) {
            return timedelta(subtractExact(((PyTimedelta) a).micros, ((PyTimedelta) b).micros));
        }
        if (a instanceof LocalDateTime && b instanceof LocalDateTime) {
            return new PyTimedelta(ChronoUnit.MICROS.between((LocalDateTime) b, (LocalDateTime) a));
        }
        if (a instanceof LocalDateTime && b instanceof PyTimedelta) {
            return plusMicros((LocalDateTime) a, subtractExact(0, ((PyTimedelta) b).micros));
        }
        if (a instanceof LocalDate && b instanceof LocalDate) {
            return new PyTimedelta(ChronoUnit.DAYS.between((LocalDate) b, (LocalDate) a) * PyTimedelta.MICROS_PER_DAY);
        }
        if (a instanceof LocalDate && b instanceof PyTimedelta) {
            // Python: date - td == date + timedelta(-td.days)
            return plusDays((LocalDate) a, -((PyTimedelta) b).days());
        }
        throw unsupported("-", a, b);
    }

    static Object multiply(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                BigInteger x = big(a);
                BigInteger y = big(b);
                if (x.bitLength() + y.bitLength() > MAX_INT_BITS + 1) {
                    throw ConditionException.limit("an integer result would have more than " + MAX_INT_BITS + " bits");
                }
                return checkInt(x.multiply(y));
            }
            return dbl(a) * dbl(b);
        }
        if (isSequence(a) || isSequence(b)) {
            Object sequence = isSequence(a) ? a : b;
            Object times = sequence == a ? b : a;
            if (!isInt(times)) {
                throw ConditionException.failed("can't multiply sequence by non-int of type '" + typeName(times) + "'");
            }
            return repeat(sequence, big(times));
        }
        if (a instanceof PyTimedelta || b instanceof PyTimedelta) {
            PyTimedelta td = (PyTimedelta) (a instanceof PyTimedelta ? a : b);
            Object factor = td == a ? b : a;
            if (isInt(factor)) {
                return timedelta(BigInteger.valueOf(td.micros).multiply(big(factor)));
            }
            if (factor instanceof Double) {
                double f = (Double) factor;
                checkFinite(f);
                return timedelta(new BigDecimal(td.micros).multiply(new BigDecimal(f))
                        .setScale(0, RoundingMode.HALF_EVEN).toBigInteger());
            }
        }
        throw unsupported("*", a, b);
    }

    private static boolean isSequence(Object v) {
        return v instanceof String || v instanceof List || v instanceof PyTuple;
    }

    private static Object repeat(Object sequence, BigInteger times) {
        int length = sequence instanceof String ? ((String) sequence).length()
                : sequence instanceof PyTuple ? ((PyTuple) sequence).items.size() : ((List<?>) sequence).size();
        int n = times.signum() <= 0 || length == 0 ? 0 : times.bitLength() > 31 ? Integer.MAX_VALUE : times.intValue();
        checkSize((long) length * n);
        if (sequence instanceof String) {
            return ((String) sequence).repeat(n);
        }
        List<?> items = sequence instanceof PyTuple ? ((PyTuple) sequence).items : (List<?>) sequence;
        List<Object> result = new ArrayList<>(length * n);
        for (int k = 0; k < n; k++) {
            result.addAll(items);
        }
        return sequence instanceof PyTuple ? new PyTuple(result) : result;
    }

    private static void checkSize(long size) {
        if (size > MAX_SEQUENCE) {
            throw ConditionException.limit("a string or list result would have more than " + MAX_SEQUENCE
                    + " elements");
        }
        Budget.chargeText(size);
    }

    /**
     * {@code text.indexOf(pattern, from)} in linear time: String.indexOf compares naively, which is quadratic for
     * long patterns such as {@code ('a' * 50000 + 'b') in 'a' * 100000}.
     */
    static int indexOf(String text, String pattern, int from) {
        Budget.chargeText(text.length() - (long) from + pattern.length());
        int m = pattern.length();
        if (m <= 16) {
            return text.indexOf(pattern, from); // at most 16 comparisons per position
        }
        int[] fail = new int[m];
        for (int i = 1, k = 0; i < m; i++) {
            while (k > 0 && pattern.charAt(i) != pattern.charAt(k)) {
                k = fail[k - 1];
            }
            if (pattern.charAt(i) == pattern.charAt(k)) {
                k++;
            }
            fail[i] = k;
        }
        for (int i = from, k = 0; i < text.length(); i++) {
            while (k > 0 && text.charAt(i) != pattern.charAt(k)) {
                k = fail[k - 1];
            }
            if (text.charAt(i) == pattern.charAt(k)) {
                k++;
            }
            if (k == m) {
                return i - m + 1;
            }
        }
        return -1;
    }

    static Object trueDivide(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                if (big(b).signum() == 0) {
                    throw ConditionException.failed("division by zero");
                }
                return intTrueDivide(big(a), big(b));
            }
            double y = dbl(b);
            if (y == 0.0) {
                throw ConditionException.failed("float division by zero");
            }
            return dbl(a) / y;
        }
        if (a instanceof PyTimedelta && b instanceof PyTimedelta) {
            if (((PyTimedelta) b).micros == 0) {
                throw ConditionException.failed("division by zero");
            }
            return intTrueDivide(BigInteger.valueOf(((PyTimedelta) a).micros),
                    BigInteger.valueOf(((PyTimedelta) b).micros));
        }
        if (a instanceof PyTimedelta && isNumber(b)) {
            BigDecimal micros = new BigDecimal(((PyTimedelta) a).micros);
            BigDecimal divisor;
            if (isInt(b)) {
                divisor = new BigDecimal(big(b));
            } else {
                checkFinite((Double) b);
                divisor = new BigDecimal((Double) b);
            }
            if (divisor.signum() == 0) {
                throw ConditionException.failed("division by zero");
            }
            return timedelta(micros.divide(divisor, 0, RoundingMode.HALF_EVEN).toBigInteger());
        }
        throw unsupported("/", a, b);
    }

    /** Correctly rounded int / int, as Python computes it. */
    static double intTrueDivide(BigInteger a, BigInteger b) {
        if (a.bitLength() <= 53 && b.bitLength() <= 53) {
            return a.doubleValue() / b.doubleValue();
        }
        double result = new BigDecimal(a).divide(new BigDecimal(b), new MathContext(40, RoundingMode.HALF_EVEN))
                .doubleValue();
        if (Double.isInfinite(result)) {
            throw ConditionException.failed("integer division result too large for a float");
        }
        return result;
    }

    static Object floorDivide(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                if (big(b).signum() == 0) {
                    throw ConditionException.failed("integer division or modulo by zero");
                }
                return floorDivMod(big(a), big(b))[0];
            }
            double y = dbl(b);
            if (y == 0.0) {
                throw ConditionException.failed("float floor division by zero");
            }
            return floatDivMod(dbl(a), y)[0];
        }
        if (a instanceof PyTimedelta && b instanceof PyTimedelta) {
            long y = ((PyTimedelta) b).micros;
            if (y == 0) {
                throw ConditionException.failed("integer division or modulo by zero");
            }
            return BigInteger.valueOf(Math.floorDiv(((PyTimedelta) a).micros, y));
        }
        if (a instanceof PyTimedelta && isInt(b)) {
            if (big(b).signum() == 0) {
                throw ConditionException.failed("integer division or modulo by zero");
            }
            return timedelta(floorDivMod(BigInteger.valueOf(((PyTimedelta) a).micros), big(b))[0]);
        }
        throw unsupported("//", a, b);
    }

    static Object modulo(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                if (big(b).signum() == 0) {
                    throw ConditionException.failed("integer modulo by zero");
                }
                return floorDivMod(big(a), big(b))[1];
            }
            double y = dbl(b);
            if (y == 0.0) {
                throw ConditionException.failed("float modulo by zero");
            }
            return floatDivMod(dbl(a), y)[1];
        }
        if (a instanceof String) {
            throw ConditionException.notAllowed("string formatting with '%'");
        }
        if (a instanceof PyTimedelta && b instanceof PyTimedelta) {
            long y = ((PyTimedelta) b).micros;
            if (y == 0) {
                throw ConditionException.failed("integer division or modulo by zero");
            }
            return new PyTimedelta(Math.floorMod(((PyTimedelta) a).micros, y));
        }
        throw unsupported("%", a, b);
    }

    private static BigInteger[] floorDivMod(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        if (qr[1].signum() != 0 && qr[1].signum() != b.signum()) {
            qr[0] = qr[0].subtract(BigInteger.ONE);
            qr[1] = qr[1].add(b);
        }
        return qr;
    }

    /** CPython's float_divmod. */
    private static double[] floatDivMod(double vx, double wx) {
        double mod = vx % wx;
        double div = (vx - mod) / wx;
        if (mod != 0.0) {
            if ((wx < 0) != (mod < 0)) {
                mod += wx;
                div -= 1.0;
            }
        } else {
            mod = Math.copySign(0.0, wx);
        }
        double floordiv;
        if (div != 0.0) {
            floordiv = Math.floor(div);
            if (div - floordiv > 0.5) {
                floordiv += 1.0;
            }
        } else {
            floordiv = Math.copySign(0.0, vx / wx);
        }
        return new double[] {floordiv, mod};
    }

    static Object power(Object a, Object b) {
        if (!isNumber(a) || !isNumber(b)) {
            throw unsupported("** or pow()", a, b);
        }
        if (isInt(a) && isInt(b)) {
            BigInteger base = big(a);
            BigInteger exponent = big(b);
            if (exponent.signum() < 0) {
                if (base.signum() == 0) {
                    throw ConditionException.failed("0.0 cannot be raised to a negative power");
                }
                return floatPower(dbl(a), dbl(b));
            }
            if (base.signum() == 0) {
                return exponent.signum() == 0 ? BigInteger.ONE : BigInteger.ZERO;
            }
            if (base.abs().equals(BigInteger.ONE)) {
                return base.signum() < 0 && exponent.testBit(0) ? base : BigInteger.ONE;
            }
            if (exponent.compareTo(BigInteger.valueOf(MAX_EXPONENT)) > 0) {
                throw ConditionException.limit("the exponent of ** is larger than " + MAX_EXPONENT);
            }
            if ((long) (base.bitLength() - 1) * exponent.intValue() > MAX_INT_BITS) {
                throw ConditionException.limit("an integer result would have more than " + MAX_INT_BITS + " bits");
            }
            return checkInt(base.pow(exponent.intValue()));
        }
        return floatPower(dbl(a), dbl(b));
    }

    private static double floatPower(double x, double y) {
        if (x == 0.0 && y < 0) {
            throw ConditionException.failed("0.0 cannot be raised to a negative power");
        }
        if (x < 0 && Double.isFinite(x) && Double.isFinite(y) && y != Math.floor(y)) {
            throw ConditionException.failed("a negative number cannot be raised to a fractional power (the result"
                    + " would be a complex number)");
        }
        if (x == 1.0 || y == 0.0 || (x == -1.0 && Double.isInfinite(y))) {
            return 1.0; // C's pow (and Python) here; Java's Math.pow answers NaN for some of these
        }
        double result = Math.pow(x, y);
        if (Double.isInfinite(result) && Double.isFinite(x) && Double.isFinite(y)) {
            throw ConditionException.failed("float power result too large");
        }
        return result;
    }

    static Object negate(Object v) {
        if (isInt(v)) {
            return big(v).negate();
        }
        if (v instanceof Double) {
            return -(Double) v;
        }
        if (v instanceof PyTimedelta) {
            return timedelta(subtractExact(0, ((PyTimedelta) v).micros));
        }
        throw ConditionException.failed("bad operand type for unary -: '" + typeName(v) + "'");
    }

    static Object plus(Object v) {
        if (isInt(v)) {
            return big(v);
        }
        if (v instanceof Double || v instanceof PyTimedelta) {
            return v;
        }
        throw ConditionException.failed("bad operand type for unary +: '" + typeName(v) + "'");
    }

    // ---- dates ------------------------------------------------------------------------------------------------

    static PyTimedelta timedelta(BigInteger micros) {
        if (micros.bitLength() > 63) {
            throw ConditionException.failed("timedelta value out of range");
        }
        return new PyTimedelta(micros.longValue());
    }

    private static PyTimedelta timedelta(long micros) {
        return new PyTimedelta(micros);
    }

    private static long addExact(long x, long y) {
        try {
            return Math.addExact(x, y);
        } catch (ArithmeticException e) {
            throw ConditionException.failed("timedelta value out of range");
        }
    }

    private static long subtractExact(long x, long y) {
        try {
            return Math.subtractExact(x, y);
        } catch (ArithmeticException e) {
            throw ConditionException.failed("timedelta value out of range");
        }
    }

    private static void checkFinite(double f) {
        if (Double.isNaN(f)) {
            throw ConditionException.failed("cannot convert float NaN to integer");
        }
        if (Double.isInfinite(f)) {
            throw ConditionException.failed("cannot convert float infinity to integer");
        }
    }

    static LocalDateTime plusMicros(LocalDateTime t, long micros) {
        try {
            return checkYear(t.plus(micros, ChronoUnit.MICROS));
        } catch (DateTimeException | ArithmeticException e) {
            throw ConditionException.failed("date value out of range");
        }
    }

    static LocalDate plusDays(LocalDate d, long days) {
        try {
            return checkYear(d.plusDays(days));
        } catch (DateTimeException | ArithmeticException e) {
            throw ConditionException.failed("date value out of range");
        }
    }

    private static <T extends java.time.temporal.Temporal> T checkYear(T t) {
        int year = t.get(java.time.temporal.ChronoField.YEAR);
        if (year < 1 || year > 9999) {
            throw ConditionException.failed("date value out of range");
        }
        return t;
    }

    /** A list of the elements Python would iterate over (for min/max); str iterates over characters. */
    static List<Object> iterate(Object v) {
        if (v instanceof String) {
            Budget.chargeText(((String) v).length() * 8L);
        }
        if (v instanceof List) {
            return Collections.unmodifiableList((List<?>) v);
        }
        if (v instanceof PyTuple) {
            return ((PyTuple) v).items;
        }
        if (v instanceof Map) {
            return new ArrayList<>(((Map<?, ?>) v).keySet());
        }
        if (v instanceof String) {
            List<Object> chars = new ArrayList<>();
            ((String) v).codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
            return chars;
        }
        throw ConditionException.failed("'" + typeName(v) + "' object is not iterable");
    }
}
