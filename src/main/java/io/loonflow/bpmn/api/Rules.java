package io.loonflow.bpmn.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Ready-made {@link BodySchema.Rule}s. Every text rule has a maximum length matching its column. */
public final class Rules {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Rules() {
    }

    public static BodySchema.Rule any() {
        return (key, value) -> { };
    }

    /** A string (numbers and booleans accepted in their text form) of at most {@code max} characters. */
    public static BodySchema.Rule text(int max) {
        return (key, value) -> {
            if (value.isNull()) {
                return;
            }
            if (!value.isValueNode()) {
                throw ApiException.invalidParameter("Key '" + key + "' error: " + JsonBody.describe(value)
                        + " should be instance of 'str'");
            }
            checkLength(key, value.asText(), max);
        };
    }

    /** A non-empty string; {@code message} is loonflow's custom text such as {@code name is needed}. */
    public static BodySchema.Rule nonEmptyText(int max, String message) {
        return (key, value) -> {
            if (!value.isTextual() || value.asText().isEmpty()) {
                throw ApiException.invalidParameter(message);
            }
            checkLength(key, value.asText(), max);
        };
    }

    public static BodySchema.Rule integer() {
        return (key, value) -> {
            if (!value.isNull()) {
                Values.toLong(key, value);
            }
        };
    }

    public static BodySchema.Rule bool() {
        return (key, value) -> {
            if (!value.isNull()) {
                Values.toBoolean(key, value);
            }
        };
    }

    /** An integer from a fixed set, e.g. state type ids. */
    public static BodySchema.Rule oneOf(long... allowed) {
        return (key, value) -> {
            long given = Values.toLong(key, value);
            for (long candidate : allowed) {
                if (candidate == given) {
                    return;
                }
            }
            throw ApiException.invalidParameter("Key '" + key + "' error: " + given + " is not one of "
                    + java.util.Arrays.toString(allowed));
        };
    }

    /** Text that must hold a JSON object (or be empty); a JSON object sent directly is accepted too. */
    public static BodySchema.Rule jsonObjectText(int max) {
        return jsonText(max, true);
    }

    /** Text that must hold a JSON array (or be empty); a JSON array sent directly is accepted too. */
    public static BodySchema.Rule jsonArrayText(int max) {
        return jsonText(max, false);
    }

    private static BodySchema.Rule jsonText(int max, boolean object) {
        String kind = object ? "object" : "array";
        return (key, value) -> {
            if (value.isNull() || (object ? value.isObject() : value.isArray())) {
                checkLength(key, value.toString(), max);
                return;
            }
            if (!value.isTextual()) {
                throw ApiException.invalidParameter("Key '" + key + "' error: a JSON " + kind + " is expected");
            }
            String text = value.asText();
            checkLength(key, text, max);
            if (text.isBlank()) {
                return;
            }
            try {
                JsonNode parsed = MAPPER.readTree(text);
                if (object ? !parsed.isObject() : !parsed.isArray()) {
                    throw ApiException.invalidParameter("Key '" + key + "' error: a JSON " + kind + " is expected");
                }
            } catch (JsonProcessingException e) {
                throw ApiException.invalidParameter("Key '" + key + "' error: not valid JSON");
            }
        };
    }

    public static void checkLength(String key, String text, int max) {
        if (text.length() > max) {
            throw ApiException.invalidParameter("Key '" + key + "' error: at most " + max
                    + " characters are allowed, got " + text.length());
        }
    }
}
