package io.loonflow.bpmn.definition;

import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.BodySchema;
import io.loonflow.bpmn.api.Rules;
import io.loonflow.bpmn.api.Values;

/** Body rules shared by the state and transition requests, beyond the generic {@code Rules}. */
final class StateBodyRules {

    private StateBodyRules() {
    }

    /**
     * A 32-bit integer (JSON number, Python-style boolean or numeric text). {@code message} replaces the type
     * error, as loonflow's {@code And(int, error='order_id is needed')} did; null keeps the generic text.
     */
    static BodySchema.Rule int32(String message) {
        return (key, value) -> toInt32(key, value, message);
    }

    /** An integer from a fixed set (loonflow's type ids). */
    static BodySchema.Rule int32In(String message, long... allowed) {
        return (key, value) -> {
            int given = toInt32(key, value, message);
            if (Arrays.stream(allowed).noneMatch(candidate -> candidate == given)) {
                throw ApiException.invalidParameter("Key '" + key + "' error: " + given + " is not one of "
                        + Arrays.toString(allowed));
            }
        };
    }

    /** A non-zero id (loonflow's {@code And(int, lambda n: n != 0)}). */
    static BodySchema.Rule nonZeroId() {
        return (key, value) -> {
            long given = Values.toLong(key, value);
            if (given <= 0) {
                throw ApiException.invalidParameter("Key '" + key + "' error: a positive id is needed, got " + given);
            }
        };
    }

    /** A non-negative id, 0 meaning none. */
    static BodySchema.Rule optionalId() {
        return (key, value) -> {
            if (!value.isNull() && Values.toLong(key, value) < 0) {
                throw ApiException.invalidParameter("Key '" + key + "' error: must not be negative");
            }
        };
    }

    /** A string, or a JSON object that is stored as its text (hook participants are often sent that way). */
    static BodySchema.Rule textOrObject(int max) {
        return (key, value) -> {
            if (value.isNull()) {
                return;
            }
            if (!value.isValueNode() && !value.isObject()) {
                throw ApiException.invalidParameter("Key '" + key + "' error: a string is expected");
            }
            String text = value.isObject() ? value.toString() : value.asText();
            Rules.checkLength(key, text, max);
        };
    }

    static int toInt32(String key, JsonNode value, String message) {
        long given;
        try {
            given = Values.toLong(key, value);
        } catch (ApiException e) {
            if (message == null) {
                throw e;
            }
            throw ApiException.invalidParameter(message);
        }
        if (given < Integer.MIN_VALUE || given > Integer.MAX_VALUE) {
            throw ApiException.invalidParameter("Key '" + key + "' error: " + given + " is out of range");
        }
        return (int) given;
    }
}
