package io.loonflow.bpmn.ticket.expression;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code datetime.strptime} and {@code strftime} for the C locale. strptime builds the same regular
 * expression as CPython's {@code _strptime} (same alternatives per directive, case-insensitive, whitespace in the
 * format matching any run of whitespace, anchored at the start only) so that it accepts and rejects the same text.
 */
final class DateFormats {

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday"};

    private static final Map<Character, String> DIRECTIVES = Map.ofEntries(
            Map.entry('d', "3[0-1]|[1-2]\\d|0[1-9]|[1-9]| [1-9]"),
            Map.entry('f', "[0-9]{1,6}"),
            Map.entry('H', "2[0-3]|[0-1]\\d|\\d"),
            Map.entry('I', "1[0-2]|0[1-9]|[1-9]"),
            Map.entry('j', "36[0-6]|3[0-5]\\d|[1-2]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9]"),
            Map.entry('m', "1[0-2]|0[1-9]|[1-9]"),
            Map.entry('M', "[0-5]\\d|\\d"),
            Map.entry('S', "6[0-1]|[0-5]\\d|\\d"),
            Map.entry('y', "\\d\\d"),
            Map.entry('Y', "\\d\\d\\d\\d"),
            Map.entry('b', names(MONTHS, true)),
            Map.entry('B', names(MONTHS, false)),
            Map.entry('a', names(WEEKDAYS, true)),
            Map.entry('A', names(WEEKDAYS, false)),
            Map.entry('p', "am|pm"));

    private DateFormats() {
    }

    /** Alternatives longest first, as CPython's {@code __seqToRE} orders them. */
    private static String names(String[] full, boolean abbreviated) {
        List<String> alternatives = new ArrayList<>();
        for (String name : full) {
            alternatives.add((abbreviated ? name.substring(0, 3) : name).toLowerCase(Locale.ROOT));
        }
        alternatives.sort(Comparator.comparingInt(String::length).reversed());
        return String.join("|", alternatives);
    }

    static LocalDateTime strptime(String data, String format) {
        Budget.chargeText(data.length() + (long) format.length() * 8);
        StringBuilder regex = new StringBuilder();
        Set<Character> used = new LinkedHashSet<>();
        List<Character> groups = new ArrayList<>();
        for (int k = 0; k < format.length(); k++) {
            int c = format.codePointAt(k);
            if (c == '%') {
                if (k + 1 >= format.length()) {
                    throw ConditionException.failed("stray % in format " + Py.stringRepr(format));
                }
                char directive = format.charAt(++k);
                if (directive == '%') {
                    regex.append('%');
                    continue;
                }
                String alternatives = DIRECTIVES.get(directive);
                if (alternatives == null) {
                    throw ConditionException.failed("'" + directive + "' is a bad or unsupported directive in format "
                            + Py.stringRepr(format) + " (supported: %Y %y %m %d %H %I %p %M %S %f %j %b %B %a %A %%)");
                }
                if (!used.add(directive)) {
                    throw ConditionException.failed("strptime format " + Py.stringRepr(format) + " uses %" + directive
                            + " twice");
                }
                groups.add(directive);
                regex.append("(").append(alternatives).append(")");
            } else if (Character.isWhitespace(c)) {
                while (k + 1 < format.length() && Character.isWhitespace(format.charAt(k + 1))) {
                    k++;
                }
                regex.append("\\s+");
            } else {
                regex.append(Character.isLetterOrDigit(c) ? new String(Character.toChars(c)) : String.format("\\x{%x}", c));
                k += Character.charCount(c) - 1;
            }
        }
        Matcher matcher = Pattern.compile(regex.toString(),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS).matcher(data);
        if (!matcher.lookingAt()) {
            throw ConditionException.failed("time data " + Py.stringRepr(data) + " does not match format "
                    + Py.stringRepr(format));
        }
        if (matcher.end() != data.length()) {
            throw ConditionException.failed("unconverted data remains: " + data.substring(matcher.end()));
        }
        int year = 1900;
        int month = 1;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int micros = 0;
        Integer dayOfYear = null;
        String ampm = groups.contains('p') ? matcher.group(groups.indexOf('p') + 1).toLowerCase(Locale.ROOT) : "";
        for (int g = 0; g < groups.size(); g++) {
            String text = matcher.group(g + 1);
            switch (groups.get(g)) {
                case 'y': {
                    int y = number(text);
                    year = y <= 68 ? 2000 + y : 1900 + y;
                    break;
                }
                case 'Y': year = number(text); break;
                case 'm': month = number(text); break;
                case 'b': month = nameIndex(MONTHS, text, true) + 1; break;
                case 'B': month = nameIndex(MONTHS, text, false) + 1; break;
                case 'd': day = number(text); break;
                case 'H': hour = number(text); break;
                case 'I': {
                    hour = number(text);
                    if (ampm.equals("pm")) {
                        hour = hour == 12 ? 12 : hour + 12;
                    } else if (hour == 12) {
                        hour = 0;
                    }
                    break;
                }
                case 'M': minute = number(text); break;
                case 'S': second = number(text); break;
                case 'f': micros = number((text + "00000").substring(0, 6)); break;
                case 'j': dayOfYear = number(text); break;
                default: break; // %a, %A and %p only have to match
            }
        }
        // as CPython: a day of the year (%j) wins over month and day
        LocalDate date = dayOfYear == null ? Builtins.date(year, month, day)
                : Py.plusDays(Builtins.date(year, 1, 1), dayOfYear - 1L);
        return Builtins.dateTime(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), hour, minute, second,
                micros);
    }

    /** The value of the digits a directive matched; \d also matches other scripts' decimal digits, as in Python. */
    private static int number(String text) {
        int value = 0;
        for (int cp : text.trim().codePoints().toArray()) {
            value = value * 10 + Character.digit(cp, 10);
        }
        return value;
    }

    /** Which name the directive matched, compared as the regex compared it. */
    private static int nameIndex(String[] names, String text, boolean abbreviated) {
        for (int k = 0; k < names.length; k++) {
            String name = abbreviated ? names[k].substring(0, 3) : names[k];
            if (Pattern.compile(Pattern.quote(name), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text)
                    .matches()) {
                return k;
            }
        }
        throw ConditionException.failed("unknown month name " + Py.stringRepr(text));
    }

    /** strftime for dates and datetimes (a date formats its time fields as zero). */
    static String strftime(Object value, String format) {
        Budget.chargeText(format.length() * 8L);
        LocalDateTime t = value instanceof LocalDate ? ((LocalDate) value).atStartOfDay() : (LocalDateTime) value;
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < format.length(); k++) {
            char c = format.charAt(k);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (k + 1 >= format.length()) {
                throw ConditionException.failed("stray % at the end of strftime format " + Py.stringRepr(format));
            }
            char directive = format.charAt(++k);
            switch (directive) {
                case 'Y': out.append(t.getYear()); break;
                case 'y': out.append(two(t.getYear() % 100)); break;
                case 'm': out.append(two(t.getMonthValue())); break;
                case 'd': out.append(two(t.getDayOfMonth())); break;
                case 'H': out.append(two(t.getHour())); break;
                case 'I': out.append(two(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12)); break;
                case 'p': out.append(t.getHour() < 12 ? "AM" : "PM"); break;
                case 'M': out.append(two(t.getMinute())); break;
                case 'S': out.append(two(t.getSecond())); break;
                case 'f': out.append(String.format("%06d", t.getNano() / 1000)); break;
                case 'j': out.append(String.format("%03d", t.getDayOfYear())); break;
                case 'b': out.append(MONTHS[t.getMonthValue() - 1], 0, 3); break;
                case 'B': out.append(MONTHS[t.getMonthValue() - 1]); break;
                case 'a': out.append(WEEKDAYS[t.getDayOfWeek().getValue() - 1], 0, 3); break;
                case 'A': out.append(WEEKDAYS[t.getDayOfWeek().getValue() - 1]); break;
                case 'w': out.append(t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue()); break;
                case 'F': out.append(t.getYear()).append('-').append(two(t.getMonthValue())).append('-')
                        .append(two(t.getDayOfMonth())); break;
                case 'T': out.append(two(t.getHour())).append(':').append(two(t.getMinute())).append(':')
                        .append(two(t.getSecond())); break;
                case '%': out.append('%'); break;
                default:
                    throw ConditionException.failed("'" + directive + "' is an unsupported directive in strftime format "
                            + Py.stringRepr(format) + " (supported: %Y %y %m %d %H %I %p %M %S %f %j %b %B %a %A %w"
                            + " %F %T %%)");
            }
        }
        return out.toString();
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
