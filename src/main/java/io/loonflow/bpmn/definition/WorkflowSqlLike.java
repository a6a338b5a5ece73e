package io.loonflow.bpmn.definition;

import java.util.Map;

import io.loonflow.bpmn.api.ApiException;
import org.springframework.jdbc.support.KeyHolder;

/**
 * SQL helpers shared by the workflow admin queries: Django's {@code __contains} search (wildcards in the search
 * text match literally; {@code !} is the escape character because a backslash escapes differently in H2 and
 * MySQL literals) and generated-key reading that works with both drivers.
 */
final class WorkflowSqlLike {

    private WorkflowSqlLike() {
    }

    /** Blank search text means "no filter". */
    static String normalise(String search) {
        return search == null || search.isEmpty() ? null : search;
    }

    /** {@code {"pattern": "%text%"}}, or no parameter when there is nothing to search for. */
    static Map<String, Object> params(String search) {
        return search == null ? Map.of() : Map.of("pattern", contains(search));
    }

    static String contains(String search) {
        StringBuilder escaped = new StringBuilder("%");
        for (char c : search.toCharArray()) {
            if (c == '%' || c == '_' || c == '!') {
                escaped.append('!');
            }
            escaped.append(c);
        }
        return escaped.append('%').toString();
    }

    static long generatedId(KeyHolder keys) {
        if (keys.getKeyList().isEmpty() || keys.getKeyList().get(0).isEmpty()) {
            throw new ApiException("the database did not return the id of the new record");
        }
        Object id = keys.getKeyList().get(0).values().iterator().next();
        return ((Number) id).longValue();
    }
}
