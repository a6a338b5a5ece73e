package io.loonflow.bpmn.ticket.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whitelist: the only functions, methods and attributes an expression can reach. Everything is resolved by
 * name when the expression is parsed; nothing here looks anything up reflectively.
 */
final class Builtins {

    /** Marks an optional argument the caller did not pass. */
    static final Object MISSING = new Object();

    /** Names an expression may start a call path with. */
    static final Set<String> ROOTS = Set.of("datetime", "time", "int", "float", "str", "bool", "len", "abs", "min",
            "max");
    /** Paths that may be followed by {@code .name}. */
    static final Set<String> MODULES = Set.of("datetime", "time", "datetime.datetime", "datetime.date");

    private static final String[] DATETIME_PARAMS = {"year", "month", "day", "hour", "minute", "second", "microsecond"};
    private static final String[] TIMEDELTA_PARAMS = {"days", "seconds", "microseconds", "milliseconds", "minutes",
        "hours", "weeks"};
    private static final long[] TIMEDELTA_MICROS = {PyTimedelta.MICROS_PER_DAY, 1_000_000L, 1L, 1_000L, 60_000_000L,
        3_600_000_000L, 7 * PyTimedelta.MICROS_PER_DAY};

    /** A callable's parameters; arguments are matched to them when the expression is parsed. */
    static final class Signature {
        final String[] params;
        final int required;
        final boolean varargs;
        final boolean keywords;

        Signature(int required, boolean varargs, boolean keywords, String... params) {
            this.params = params;
            this.required = required;
            this.varargs = varargs;
            this.keywords = keywords;
        }
    }

    static final Map<String, Signature> FUNCTIONS = Map.ofEntries(
            Map.entry("int", new Signature(0, false, false, "x")),
            Map.entry("float", new Signature(0, false, false, "x")),
            Map.entry("str", new Signature(0, false, false, "object")),
            Map.entry("bool", new Signature(0, false, false, "x")),
            Map.entry("len", new Signature(1, false, false, "obj")),
            Map.entry("abs", new Signature(1, false, false, "x")),
            Map.entry("min", new Signature(1, true, false)),
            Map.entry("max", new Signature(1, true, false)),
            Map.entry("datetime.datetime.strptime", new Signature(2, false, false, "date_string", "format")),
            Map.entry("datetime.datetime.now", new Signature(0, false, false)),
            Map.entry("datetime.datetime.today", new Signature(0, false, false)),
            Map.entry("datetime.date.today", new Signature(0, false, false)),
            Map.entry("time.time", new Signature(0, false, false)),
            Map.entry("datetime.datetime", new Signature(3, false, true, DATETIME_PARAMS)),
            Map.entry("datetime.date", new Signature(3, false, true, "year", "month", "day")),
            Map.entry("datetime.timedelta", new Signature(0, false, true, TIMEDELTA_PARAMS)));

    /** Method name → {fewest, most} positional arguments. */
    static final Map<String, int[]> METHODS = Map.ofEntries(
            Map.entry("date", new int[] {0, 0}),
            Map.entry("strftime", new int[] {1, 1}),
            Map.entry("weekday", new int[] {0, 0}),
            Map.entry("total_seconds", new int[] {0, 0}),
            Map.entry("startswith", new int[] {1, 1}),
            Map.entry("endswith", new int[] {1, 1}),
            Map.entry("lower", new int[] {0, 0}),
            Map.entry("upper", new int[] {0, 0}),
            Map.entry("strip", new int[] {0, 1}),
            Map.entry("lstrip", new int[] {0, 1}),
            Map.entry("rstrip", new int[] {0, 1}),
            Map.entry("split", new int[] {0, 2}));

    static final Set<String> PROPERTIES = Set.of("days", "seconds", "microseconds", "year", "month", "day", "hour",
            "minute", "second", "microsecond");

    private Builtins() {
    }

    // ---- functions --------------------------------------------------------------------------------------------

    /**
     * Matches call arguments to the function's parameters (Python's rules and messages). The result has one slot
     * per parameter (null = not passed), or the positional arguments for a varargs function.
     */
    static Node[] bind(String path, List<Node> positional, List<String> keywordNames, List<Node> keywordValues,
            int pos) {
        Signature sig = FUNCTIONS.get(path);
        if (!keywordNames.isEmpty() && !sig.keywords) {
            throw ConditionException.syntax(path + "() takes no keyword arguments", pos);
        }
        if (sig.varargs) {
            if (positional.size() < sig.required) {
                throw ConditionException.syntax(path + "() expected at least " + sig.required + " argument, got "
                        + positional.size(), pos);
            }
            return positional.toArray(new Node[0]);
        }
        if (positional.size() > sig.params.length || (!sig.keywords && positional.size() < sig.required)) {
            throw ConditionException.syntax(path + "() takes " + (sig.params.length == 0 ? "no arguments"
                    : (sig.required == sig.params.length ? "exactly " : "at most ") + sig.params.length
                    + (sig.params.length == 1 ? " argument" : " arguments")) + " (" + positional.size() + " given)", pos);
        }
        // CPython's argument parser order: fill each parameter from its position or its keyword (reporting the
        // first missing required one), then complain about keywords that named no free parameter.
        List<String> params = Arrays.asList(sig.params);
        Node[] slots = new Node[sig.params.length];
        for (int k = 0; k < slots.length; k++) {
            int keyword = keywordNames.indexOf(sig.params[k]);
            slots[k] = k < positional.size() ? positional.get(k) : keyword >= 0 ? keywordValues.get(keyword) : null;
            if (slots[k] == null && k < sig.required) {
                throw ConditionException.syntax(path + "() missing required argument '" + sig.params[k] + "' (pos "
                        + (k + 1) + ")", pos);
            }
        }
        for (String name : keywordNames) {
            int at = params.indexOf(name);
            if (at < 0) {
                throw ConditionException.syntax("'" + name + "' is an invalid keyword argument for " + path + "()", pos);
            }
            if (at < positional.size()) {
                throw ConditionException.syntax("argument for " + path + "() given by name ('" + name
                        + "') and position (" + (at + 1) + ")", pos);
            }
        }
        return slots;
    }

    static Object call(String path, Object[] args, Clock clock) {
        switch (path) {
            case "int":
                return toInt(args[0]);
            case "float":
                return toFloat(args[0]);
            case "str":
                return args[0] == MISSING ? "" : Py.str(args[0]);
            case "bool":
                return args[0] != MISSING && Py.truthy(args[0]);
            case "len":
                return BigInteger.valueOf(length(args[0]));
            case "abs":
                return abs(args[0]);
            case "min":
                return extreme("min", "<", args);
            case "max":
                return extreme("max", ">", args);
            case "datetime.datetime.strptime":
                return DateFormats.strptime(text(args[0], "strptime() argument 1"), text(args[1], "strptime() argument 2"));
            case "datetime.datetime.now":
            case "datetime.datetime.today":
                return LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
            case "datetime.date.today":
                return LocalDate.now(clock);
            case "time.time": {
                Instant now = clock.instant();
                return BigDecimal.valueOf(now.getEpochSecond()).add(BigDecimal.valueOf(now.getNano(), 9)).doubleValue();
            }
            case "datetime.datetime":
                return dateTime(intArg(args[0]), intArg(args[1]), intArg(args[2]), intArg(args[3]), intArg(args[4]),
                        intArg(args[5]), intArg(args[6]));
            case "datetime.date":
                return date(intArg(args[0]), intArg(args[1]), intArg(args[2]));
            case "datetime.timedelta":
                return timedelta(args);
            default:
                throw new IllegalStateException(path);
        }
    }

    private static String text(Object v, String what) {
        if (!(v instanceof String)) {
            throw ConditionException.failed(what + " must be str, not " + Py.typeName(v));
        }
        return (String) v;
    }

    private static Object toInt(Object v) {
        if (v == MISSING) {
            return BigInteger.ZERO;
        }
        if (Py.isInt(v)) {
            return Py.big(v);
        }
        if (v instanceof Double) {
            double d = (Double) v;
            if (Double.isNaN(d)) {
                throw ConditionException.failed("cannot convert float NaN to integer");
            }
            if (Double.isInfinite(d)) {
                throw ConditionException.failed("cannot convert float infinity to integer");
            }
            return Py.checkInt(new BigDecimal(d).toBigInteger());
        }
        if (v instanceof String) {
            Budget.chargeText(((String) v).length());
            String s = strip((String) v, null, true, true);
            if (!NumberText.intText(s)) {
                throw ConditionException.failed("invalid literal for int() with base 10: " + Py.stringRepr((String) v));
            }
            if (s.length() > 4300) {
                throw ConditionException.limit("an integer string has more than 4300 digits");
            }
            StringBuilder ascii = new StringBuilder();
            s.codePoints().filter(cp -> cp != '_').forEach(cp -> ascii.append(
                    cp == '+' || cp == '-' ? (char) cp : (char) ('0' + Character.digit(cp, 10))));
            return Py.checkInt(new BigInteger(ascii.toString()));
        }
        throw ConditionException.failed("int() argument must be a string, a bytes-like object or a real number, not '"
                + Py.typeName(v) + "'");
    }

    private static Object toFloat(Object v) {
        if (v == MISSING) {
            return 0.0;
        }
        if (Py.isNumber(v)) {
            return Py.dbl(v);
        }
        if (v instanceof String) {
            Budget.chargeText(((String) v).length());
            String s = strip((String) v, null, true, true);
            if (!NumberText.floatText(s)) {
                throw ConditionException.failed("could not convert string to float: " + Py.stringRepr((String) v));
            }
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            boolean negative = lower.startsWith("-");
            String unsigned = lower.replaceFirst("^[+-]", "");
            if (unsigned.startsWith("inf")) {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (unsigned.equals("nan")) {
                return Double.NaN;
            }
            StringBuilder ascii = new StringBuilder();
            s.codePoints().filter(cp -> cp != '_').forEach(cp -> ascii.append(Character.isDigit(cp)
                    ? (char) ('0' + Character.digit(cp, 10)) : (char) cp));
            return Double.parseDouble(ascii.toString());
        }
        throw ConditionException.failed("float() argument must be a string or a real number, not '" + Py.typeName(v)
                + "'");
    }

    private static long length(Object v) {
        if (v instanceof String) {
            return ((String) v).codePointCount(0, ((String) v).length());
        }
        if (v instanceof List) {
            return ((List<?>) v).size();
        }
        if (v instanceof PyTuple) {
            return ((PyTuple) v).items.size();
        }
        if (v instanceof Map) {
            return ((Map<?, ?>) v).size();
        }
        throw ConditionException.failed("object of type '" + Py.typeName(v) + "' has no len()");
    }

    private static Object abs(Object v) {
        if (Py.isInt(v)) {
            return Py.big(v).abs();
        }
        if (v instanceof Double) {
            return Math.abs((Double) v);
        }
        if (v instanceof PyTimedelta) {
            long micros = ((PyTimedelta) v).micros;
            return micros < 0 ? Py.negate(v) : v;
        }
        throw ConditionException.failed("bad operand type for abs(): '" + Py.typeName(v) + "'");
    }

    private static Object extreme(String name, String op, Object[] args) {
        List<Object> items = args.length == 1 ? Py.iterate(args[0]) : Arrays.asList(args);
        if (items.isEmpty()) {
            throw ConditionException.failed(name + "() arg is an empty sequence");
        }
        Object best = items.get(0);
        for (Object item : items.subList(1, items.size())) {
            if (Py.compare(op, item, best)) {
                best = item;
            }
        }
        return best;
    }

    private static int intArg(Object v) {
        if (v == MISSING) {
            return 0;
        }
        if (!Py.isInt(v)) {
            throw ConditionException.failed("'" + Py.typeName(v) + "' object cannot be interpreted as an integer");
        }
        BigInteger n = Py.big(v);
        if (n.bitLength() > 31) {
            throw ConditionException.failed("Python int too large to convert to C int");
        }
        return n.intValue();
    }

    static LocalDate date(int year, int month, int day) {
        if (year < 1 || year > 9999) {
            throw ConditionException.failed("year " + year + " is out of range");
        }
        if (month < 1 || month > 12) {
            throw ConditionException.failed("month must be in 1..12");
        }
        if (day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            throw ConditionException.failed("day is out of range for month");
        }
        return LocalDate.of(year, month, day);
    }

    static LocalDateTime dateTime(int year, int month, int day, int hour, int minute, int second, int micros) {
        LocalDate date = date(year, month, day);
        if (hour < 0 || hour > 23) {
            throw ConditionException.failed("hour must be in 0..23");
        }
        if (minute < 0 || minute > 59) {
            throw ConditionException.failed("minute must be in 0..59");
        }
        if (second < 0 || second > 59) {
            throw ConditionException.failed("second must be in 0..59");
        }
        if (micros < 0 || micros > 999_999) {
            throw ConditionException.failed("microsecond must be in 0..999999");
        }
        return date.atTime(hour, minute, second, micros * 1000);
    }

    private static PyTimedelta timedelta(Object[] args) {
        BigDecimal micros = BigDecimal.ZERO;
        for (int k = 0; k < args.length; k++) {
            Object v = args[k];
            if (v == MISSING) {
                continue;
            }
            BigDecimal amount;
            if (Py.isInt(v)) {
                amount = new BigDecimal(Py.big(v));
            } else if (v instanceof Double) {
                double d = (Double) v;
                if (!Double.isFinite(d)) {
                    throw ConditionException.failed("cannot convert float " + (Double.isNaN(d) ? "NaN" : "infinity")
                            + " to integer");
                }
                amount = new BigDecimal(d);
            } else {
                throw ConditionException.failed("unsupported type for timedelta " + TIMEDELTA_PARAMS[k]
                        + " component: " + Py.typeName(v));
            }
            if (amount.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw ConditionException.failed("timedelta value out of range");
            }
            micros = micros.add(amount.multiply(BigDecimal.valueOf(TIMEDELTA_MICROS[k])));
        }
        return Py.timedelta(micros.setScale(0, RoundingMode.HALF_EVEN).toBigInteger());
    }

    // ---- methods and attributes -------------------------------------------------------------------------------

    private static ConditionException noAttribute(Object target, String name) {
        return ConditionException.failed("'" + Py.typeName(target) + "' object has no attribute '" + name + "'");
    }

    static Object method(String name, Object target, Object[] args) {
        if (target instanceof String) {
            return stringMethod(name, (String) target, args);
        }
        boolean dated = target instanceof LocalDate || target instanceof LocalDateTime;
        switch (name) {
            case "date":
                if (target instanceof LocalDateTime) {
                    return ((LocalDateTime) target).toLocalDate();
                }
                break;
            case "strftime":
                if (dated) {
                    return DateFormats.strftime(target, text(args[0], "strftime() argument 1"));
                }
                break;
            case "weekday":
                if (dated) {
                    LocalDate d = target instanceof LocalDate ? (LocalDate) target : ((LocalDateTime) target).toLocalDate();
                    return BigInteger.valueOf(d.getDayOfWeek().getValue() - 1L);
                }
                break;
            case "total_seconds":
                if (target instanceof PyTimedelta) {
                    return BigDecimal.valueOf(((PyTimedelta) target).micros, 6).doubleValue();
                }
                break;
            default:
                break;
        }
        throw noAttribute(target, name);
    }

    private static Object stringMethod(String name, String s, Object[] args) {
        Budget.chargeText(s.length());
        switch (name) {
            case "startswith":
            case "endswith": {
                Object arg = args[0];
                List<Object> options = arg instanceof PyTuple ? ((PyTuple) arg).items : List.of(arg == null ? "" : arg);
                for (Object option : options) {
                    if (!(option instanceof String) || arg == null) {
                        throw ConditionException.failed(name + " first arg must be str or a tuple of str, not "
                                + Py.typeName(arg instanceof PyTuple ? option : arg));
                    }
                }
                for (Object option : options) {
                    if (name.equals("startswith") ? s.startsWith((String) option) : s.endsWith((String) option)) {
                        return true;
                    }
                }
                return false;
            }
            case "lower":
                return s.toLowerCase(java.util.Locale.ROOT);
            case "upper":
                return s.toUpperCase(java.util.Locale.ROOT);
            case "strip":
            case "lstrip":
            case "rstrip": {
                Object chars = args.length == 0 ? null : args[0];
                if (chars != null && !(chars instanceof String)) {
                    throw ConditionException.failed(name + " arg must be None or str");
                }
                return strip(s, (String) chars, !name.equals("rstrip"), !name.equals("lstrip"));
            }
            case "split": {
                Object sep = args.length > 0 ? args[0] : null;
                Object max = args.length > 1 ? args[1] : BigInteger.ONE.negate();
                if (sep != null && !(sep instanceof String)) {
                    throw ConditionException.failed("must be str or None, not " + Py.typeName(sep));
                }
                if (!Py.isInt(max)) {
                    throw ConditionException.failed("'" + Py.typeName(max) + "' object cannot be interpreted as an"
                            + " integer");
                }
                BigInteger m = Py.big(max);
                long maxsplit = m.signum() < 0 ? -1 : m.bitLength() > 31 ? Integer.MAX_VALUE : m.longValue();
                return sep == null ? splitWhitespace(s, maxsplit) : split(s, (String) sep, maxsplit);
            }
            default:
                throw noAttribute(s, name);
        }
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end) {
            int cp = s.codePointAt(start);
            if (!(chars == null ? isSpace(cp) : chars.indexOf(cp) >= 0)) {
                break;
            }
            start += Character.charCount(cp);
        }
        while (right && end > start) {
            int cp = s.codePointBefore(end);
            if (!(chars == null ? isSpace(cp) : chars.indexOf(cp) >= 0)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(start, end);
    }

    private static List<Object> splitWhitespace(String s, long maxsplit) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && isSpace(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            if (i >= n) {
                return parts;
            }
            if (maxsplit >= 0 && parts.size() == maxsplit) {
                parts.add(s.substring(i));
                return parts;
            }
            int start = i;
            while (i < n && !isSpace(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            parts.add(s.substring(start, i));
        }
    }

    private static List<Object> split(String s, String sep, long maxsplit) {
        if (sep.isEmpty()) {
            throw ConditionException.failed("empty separator");
        }
        List<Object> parts = new ArrayList<>();
        int start = 0;
        while (maxsplit < 0 || parts.size() < maxsplit) {
            int at = Py.indexOf(s, sep, start);
            if (at < 0) {
                break;
            }
            parts.add(s.substring(start, at));
            start = at + sep.length();
        }
        parts.add(s.substring(start));
        return parts;
    }

    static Object property(String name, Object target) {
        if (target instanceof PyTimedelta) {
            PyTimedelta td = (PyTimedelta) target;
            switch (name) {
                case "days": return BigInteger.valueOf(td.days());
                case "seconds": return BigInteger.valueOf(td.seconds());
                case "microseconds": return BigInteger.valueOf(td.microseconds());
                default: break;
            }
        }
        if (target instanceof LocalDate || target instanceof LocalDateTime) {
            LocalDateTime t = target instanceof LocalDate ? ((LocalDate) target).atStartOfDay() : (LocalDateTime) target;
            switch (name) {
                case "year": return BigInteger.valueOf(t.getYear());
                case "month": return BigInteger.valueOf(t.getMonthValue());
                case "day": return BigInteger.valueOf(t.getDayOfMonth());
                default: break;
            }
            if (target instanceof LocalDateTime) {
                switch (name) {
                    case "hour": return BigInteger.valueOf(t.getHour());
                    case "minute": return BigInteger.valueOf(t.getMinute());
                    case "second": return BigInteger.valueOf(t.getSecond());
                    case "microsecond": return BigInteger.valueOf(t.getNano() / 1000);
                    default: break;
                }
            }
        }
        throw noAttribute(target, name);
    }
}
