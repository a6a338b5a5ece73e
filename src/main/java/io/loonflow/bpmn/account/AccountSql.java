package io.loonflow.bpmn.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loonflow.bpmn.api.ApiTime;
import io.loonflow.bpmn.api.Paging;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Small SQL helpers shared by the account services; every value still travels as a bind parameter. */
final class AccountSql {

    /** Escape character of {@link #contains} patterns; portable between H2 and MySQL. */
    static final String LIKE_ESCAPE = " ESCAPE '!'";

    private AccountSql() {
    }

    /**
     * A case-insensitive substring pattern for {@code LOWER(column) LIKE :p ESCAPE '!'} (loonflow's {@code __contains}
     * under MySQL's case-insensitive collation). Wildcards in the search text match literally.
     */
    static String contains(String search) {
        String lower = search.toLowerCase(Locale.ROOT);
        StringBuilder pattern = new StringBuilder("%");
        for (char c : lower.toCharArray()) {
            if (c == '!' || c == '%' || c == '_') {
                pattern.append('!');
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }

    /** Wall-clock "now" as loonflow stores it (naive, whole seconds). */
    static LocalDateTime now(Clock clock) {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    static String time(ResultSet rs, String column) throws SQLException {
        return ApiTime.format(rs.getObject(column, LocalDateTime.class));
    }

    /** Rows of one page and the total number of matching rows. */
    record Page<T>(List<T> rows, long total) {
    }

    /** One page of {@code select + from} (the from part carries joins and the WHERE clause) plus the total. */
    static <T> Page<T> fetch(JdbcClient jdbc, String select, String from, Map<String, Object> params,
                             String orderBy, Paging paging, RowMapper<T> mapper) {
        long total = jdbc.sql("SELECT COUNT(*) " + from).params(params).query(Long.class).single();
        Map<String, Object> pageParams = new LinkedHashMap<>(params);
        pageParams.put("limit", paging.perPage());
        pageParams.put("offset", paging.offset(total));
        List<T> rows = jdbc.sql(select + " " + from + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset")
                .params(pageParams).query(mapper).list();
        return new Page<>(rows, total);
    }

    /** loonflow's list envelope of one page. */
    static <T> Map<String, Object> page(JdbcClient jdbc, String select, String from, Map<String, Object> params,
                                        String orderBy, Paging paging, RowMapper<T> mapper) {
        Page<T> page = fetch(jdbc, select, from, params, orderBy, paging, mapper);
        return paging.result(page.rows(), page.total());
    }
}
