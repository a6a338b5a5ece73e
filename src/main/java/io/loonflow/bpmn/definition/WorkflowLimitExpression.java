package io.loonflow.bpmn.definition;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.api.ApiException;

/**
 * Checks a workflow's {@code limit_expression} object (schema §4.6) when it is written, so that a typo cannot make
 * every later ticket creation fail: only the known keys, each with the type the creation check needs.
 */
final class WorkflowLimitExpression {

    private static final Set<String> KEYS =
            Set.of("period", "count", "level", "allow_persons", "allow_depts", "allow_roles");
    private static final Pattern ID_LIST = Pattern.compile("\\s*\\d+\\s*(,\\s*\\d+\\s*)*");

    private WorkflowLimitExpression() {
    }

    static void check(JsonNode expression) {
        for (Iterator<Map.Entry<String, JsonNode>> it = expression.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (!KEYS.contains(key)) {
                throw fail("unknown key '" + abbreviate(key) + "', allowed keys are period, count, level,"
                        + " allow_persons, allow_depts, allow_roles");
            }
            switch (key) {
                case "period":
                    if (!value.isNumber() || value.asDouble() <= 0) {
                        throw fail("period must be a positive number of hours");
                    }
                    break;
                case "count":
                    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
                        throw fail("count must be a non-negative integer");
                    }
                    break;
                case "level":
                    if (!value.isIntegralNumber() || (value.asLong() != 1 && value.asLong() != 2)) {
                        throw fail("level must be 1 (per user) or 2 (global)");
                    }
                    break;
                case "allow_persons":
                    if (!value.isTextual()) {
                        throw fail("allow_persons must be a string of comma-separated usernames");
                    }
                    break;
                default: // allow_depts, allow_roles
                    if (!value.isTextual() || !(value.asText().isBlank() || ID_LIST.matcher(value.asText()).matches())) {
                        throw fail(key + " must be a string of comma-separated ids");
                    }
                    break;
            }
        }
        // loonflow refuses every creation when a period limit has a level but no count; say so now instead
        if (expression.has("period") && expression.has("level") && !expression.has("count")) {
            throw fail("count is need when level is not none");
        }
    }

    private static ApiException fail(String detail) {
        return ApiException.invalidParameter("Key 'limit_expression' error: " + detail);
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
