package io.loonflow.bpmn.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * loonflow's pagination: {@code page} (default 1) and {@code per_page} (default 10), empty meaning default.
 * A page beyond the last one (or below 1) yields the last page, and the requested numbers are echoed back.
 * Unlike loonflow, non-numeric values and {@code per_page <= 0} are clear failures, and {@code per_page} is capped.
 */
public record Paging(int page, int perPage) {

    public static final int MAX_PER_PAGE = 1000;

    public static Paging of(String page, String perPage) {
        int p = parse("page", page, 1);
        int pp = parse("per_page", perPage, 10);
        if (pp <= 0) {
            throw new ApiException("per_page must be a positive integer");
        }
        if (pp > MAX_PER_PAGE) {
            throw new ApiException("per_page must not exceed " + MAX_PER_PAGE);
        }
        return new Paging(p, pp);
    }

    private static int parse(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(name + " must be an integer, got '" + Values.abbreviate(value) + "'");
        }
    }

    /** The page actually served for {@code total} rows (Django's "last page" fallback). */
    public int effectivePage(long total) {
        long lastPage = Math.max(1, (total + perPage - 1) / perPage);
        return (page < 1 || page > lastPage) ? (int) lastPage : page;
    }

    public long offset(long total) {
        return (long) (effectivePage(total) - 1) * perPage;
    }

    /** The list envelope {@code {"value", "per_page", "page", "total"}}. */
    public Map<String, Object> result(List<?> value, long total) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("value", value);
        result.put("per_page", perPage);
        result.put("page", page);
        result.put("total", total);
        return result;
    }
}
