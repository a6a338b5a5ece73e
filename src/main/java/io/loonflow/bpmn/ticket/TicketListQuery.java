package io.loonflow.bpmn.ticket;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Paging;

/**
 * The query parameters of {@code GET /api/v1.0/tickets} (ticket spec §4.1), parsed and checked. Every bad value is
 * a code -1 failure naming the parameter (loonflow answered HTTP 500 for several of them).
 */
record TicketListQuery(Category category, String sn, String title, LocalDateTime createStart,
                       LocalDateTime createEnd, List<Long> workflowIds, List<Long> stateIds, List<Long> ticketIds,
                       Long actStateId, boolean descending, Paging paging, boolean fromAdmin, String creator) {

    enum Category { ALL, OWNER, DUTY, RELATION, WORKED }

    /** loonflow's text, which leaves out {@code worked} although it accepts it. */
    static final String INVALID_CATEGORY = "category value is invalid, it should be in all, owner, duty, relation";

    /** Keeps the SQL of one list call bounded; far above what a page of ids needs. */
    static final int MAX_IDS = 1000;

    // Django's date and datetime parsers (1- or 2-digit month, day, hour, ...; "T" or space; up to 6 fraction digits)
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern DATETIME = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})[T ](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:[.,](\\d{1,6})\\d{0,6})?)?");

    /**
     * Parses the query parameters ({@code params} holds the last value of each, as Django's {@code GET.get} does);
     * {@code now} fixes the default one-year window.
     */
    static TicketListQuery parse(Map<String, String> params, LocalDateTime now) {
        Category category = category(params.get("category"));
        String sn = text(params, "sn");
        String title = text(params, "title");
        LocalDateTime start = time("create_start", text(params, "create_start"), true);
        LocalDateTime end = time("create_end", text(params, "create_end"), false);
        if (start == null && end == null) {
            LocalDateTime[] window = defaultWindow(now);
            start = window[0];
            end = window[1];
        }
        List<Long> workflowIds = ids("workflow_ids", text(params, "workflow_ids"));
        List<Long> stateIds = ids("state_ids", text(params, "state_ids"));
        List<Long> ticketIds = ids("ticket_ids", text(params, "ticket_ids"));
        String act = text(params, "act_state_id");
        Long actStateId = act.isEmpty() ? null : integer("act_state_id", act);
        String reverse = text(params, "reverse");
        boolean descending = reverse.isEmpty() || integer("reverse", reverse) != 0;
        Paging paging = Paging.of(params.get("page"), params.get("per_page"));
        boolean fromAdmin = !text(params, "from_admin").isEmpty();
        return new TicketListQuery(category, sn, title, start, end, workflowIds, stateIds, ticketIds, actStateId,
                descending, paging, fromAdmin, text(params, "creator"));
    }

    /**
     * The window used when neither bound is given: the last year up to now. loonflow built the start by decreasing
     * the year in the text, which names a day that does not exist on 29 February; here the start is 28 February.
     */
    static LocalDateTime[] defaultWindow(LocalDateTime now) {
        return new LocalDateTime[] {now.minusYears(1), now};
    }

    private static Category category(String value) {
        if (value != null) {
            for (Category c : Category.values()) {
                if (c.name().toLowerCase(java.util.Locale.ROOT).equals(value)) {
                    return c;
                }
            }
        }
        throw new ApiException(INVALID_CATEGORY);
    }

    private static String text(Map<String, String> params, String name) {
        String value = params.get(name);
        return value == null ? "" : value;
    }

    /**
     * A date ({@code YYYY-MM-DD}, midnight) or datetime bound. Stored times have whole seconds, so a fraction is
     * rounded towards the inside of the range: the result selects exactly the rows the precise bound would.
     */
    static LocalDateTime time(String name, String value, boolean lowerBound) {
        if (value.isEmpty()) {
            return null;
        }
        String trimmed = value.strip();
        try {
            Matcher date = DATE.matcher(trimmed);
            if (date.matches()) {
                return LocalDate.of(num(date, 1), num(date, 2), num(date, 3)).atStartOfDay();
            }
            Matcher dt = DATETIME.matcher(trimmed);
            if (dt.matches()) {
                LocalDateTime whole = LocalDateTime.of(LocalDate.of(num(dt, 1), num(dt, 2), num(dt, 3)),
                        LocalTime.of(num(dt, 4), num(dt, 5), dt.group(6) == null ? 0 : num(dt, 6)));
                boolean fraction = dt.group(7) != null && Integer.parseInt(dt.group(7)) != 0;
                return fraction && lowerBound ? whole.plusSeconds(1) : whole;
            }
        } catch (DateTimeException e) {
            throw new ApiException(name + ": '" + abbreviate(value) + "' is not a valid date or time ("
                    + e.getMessage() + ")");
        }
        throw new ApiException(name + ": '" + abbreviate(value)
                + "' has an invalid format, it should be YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS[.ffffff]]");
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    /** A comma-separated list of integers ({@code ""} = no filter); an empty element is an error, as in loonflow. */
    static List<Long> ids(String name, String value) {
        if (value.isEmpty()) {
            return null;
        }
        String[] parts = value.split(",", -1);
        if (parts.length > MAX_IDS) {
            throw new ApiException(name + " lists more than " + MAX_IDS + " ids");
        }
        List<Long> ids = new ArrayList<>(parts.length);
        for (String part : parts) {
            try {
                ids.add(Long.parseLong(part.strip()));
            } catch (NumberFormatException e) {
                throw new ApiException(name + " must be comma-separated integers, got '" + abbreviate(value) + "'");
            }
        }
        return ids;
    }

    private static long integer(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(name + " must be an integer, got '" + abbreviate(value) + "'");
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
