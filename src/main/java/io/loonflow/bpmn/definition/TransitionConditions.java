package io.loonflow.bpmn.definition;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.loonflow.bpmn.api.ApiException;

/**
 * {@code condition_expression}: a JSON array of {@code {"expression": "<expr>", "target_state_id": <id>}},
 * {@code []} meaning none (schema §4.5).
 */
final class TransitionConditions {

    static final String EXPRESSION = "expression";
    static final String TARGET = "target_state_id";

    private TransitionConditions() {
    }

    /** Checks the shape of a requested array; returns the target state ids in order of appearance. */
    static List<Long> checkShape(ArrayNode conditions) {
        List<Long> targets = new ArrayList<>();
        int index = 0;
        for (JsonNode condition : conditions) {
            String where = "Key 'condition_expression' error: element " + index + " ";
            if (!condition.isObject()) {
                throw ApiException.invalidParameter(where + "must be an object {\"expression\", \"target_state_id\"}");
            }
            for (Iterator<String> it = condition.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!EXPRESSION.equals(key) && !TARGET.equals(key)) {
                    throw ApiException.invalidParameter(where + "has the unknown key '" + abbreviate(key)
                            + "', allowed: expression, target_state_id");
                }
            }
            JsonNode expression = condition.get(EXPRESSION);
            if (expression == null || !expression.isTextual() || expression.asText().isBlank()) {
                throw ApiException.invalidParameter(where + "needs a non-empty string 'expression'");
            }
            Long target = targetId(condition.get(TARGET));
            if (target == null || target <= 0) {
                throw ApiException.invalidParameter(where + "needs 'target_state_id', the id of a state");
            }
            targets.add(target);
            index++;
        }
        return targets;
    }

    /** Target ids found in stored text, leniently (legacy rows may be empty or malformed). */
    static Set<Long> storedTargets(String conditionExpression) {
        Set<Long> targets = new LinkedHashSet<>();
        for (JsonNode condition : StateJson.arrayOrEmpty(conditionExpression, "condition_expression")) {
            Long target = targetId(condition.path(TARGET));
            if (target != null) {
                targets.add(target);
            }
        }
        return targets;
    }

    /** A JSON integer or the text of one (hand-written expressions often quote it), else null. */
    private static Long targetId(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            String text = value.asText().trim();
            if (!text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Long.parseLong(text);
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
