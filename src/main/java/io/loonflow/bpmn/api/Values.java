package io.loonflow.bpmn.api;

import com.fasterxml.jackson.databind.JsonNode;

/** Conversions of request values with loonflow's (Python's) leniency and clear failures. */
public final class Values {

    private Values() {
    }

    public static long toLong(String key, JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? 1 : 0; // Python's bool is an int
        }
        if (value.isTextual()) {
            return parseLong(key, value.asText());
        }
        throw ApiException.invalidParameter("Key '" + key + "' error: " + JsonBody.describe(value)
                + " should be instance of 'int'");
    }

    public static long parseLong(String key, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidParameter("Key '" + key + "' error: '" + abbreviate(text)
                    + "' is not an integer");
        }
    }

    public static boolean toBoolean(String key, JsonNode value) {
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber() && (value.asLong() == 0 || value.asLong() == 1)) {
            return value.asLong() == 1;
        }
        if (value.isTextual()) {
            switch (value.asText()) {
                case "1", "t", "True", "true":
                    return true;
                case "0", "f", "False", "false":
                    return false;
                default:
                    break;
            }
        }
        throw ApiException.invalidParameter("Key '" + key + "' error: " + JsonBody.describe(value)
                + " value must be either True or False");
    }

    static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    /** Python's truth value of a JSON value: null, false, 0, "" and empty arrays/objects are false. */
    public static boolean pythonTruthy(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        if (value.isTextual()) {
            return !value.textValue().isEmpty();
        }
        return value.size() > 0;
    }
}
