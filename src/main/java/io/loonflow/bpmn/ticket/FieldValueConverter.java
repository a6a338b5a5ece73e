package io.loonflow.bpmn.ticket;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.definition.CustomField;

/**
 * Turns a request value into the value stored for a custom field, with loonflow's conversions (Django's model
 * field coercion) plus the checks loonflow left out: choices must be offered by the field, dates must be dates,
 * texts must fit their column. Failures say which field is wrong and why.
 */
final class FieldValueConverter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-M-d");
    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-M-d")
            .appendLiteral(' ').optionalStart().appendPattern("H:mm").optionalEnd()
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, true).optionalEnd()
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter();

    private FieldValueConverter() {
    }

    /** The Java value to store ({@code String}, {@code Long}, {@code Double}, {@code Boolean}, date/time). */
    static Object convert(CustomField field, FieldType type, JsonNode value) {
        String key = field.fieldKey();
        return switch (type) {
            case STRING, TEXTAREA -> limit(key, scalarText(key, value), type == FieldType.STRING ? 1000 : 1_000_000);
            case INTEGER -> toInteger(key, value);
            case FLOAT -> toFloat(key, value);
            case BOOLEAN -> toBoolean(key, value);
            case DATE -> toDate(key, value);
            case DATETIME -> toDateTime(key, value);
            case RADIO, SELECT -> limit(key, choice(field, scalarText(key, value)), 50);
            case CHECKBOX, MULTI_SELECT -> limit(key, String.join(",", choices(field, listItems(key, value))), 1000);
            case USERNAME -> limit(key, scalarText(key, value), 50);
            case MULTI_USERNAME, ATTACHMENT -> limit(key, String.join(",", listItems(key, value)), 1000);
        };
    }

    /** Python's str() of a JSON scalar: booleans as True/False, integral floats keep their ".0". */
    static String scalarText(String key, JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "True" : "False";
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        if (value.isNumber()) {
            return Double.toString(value.asDouble());
        }
        throw invalid(key, "a text value is expected, got " + kind(value));
    }

    /** Items of a multi-valued field, sent as a comma-separated string or a JSON array of strings. */
    static List<String> listItems(String key, JsonNode value) {
        List<String> items = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                items.add(scalarText(key, item).trim());
            }
        } else {
            for (String part : scalarText(key, value).split(",")) {
                items.add(part.trim());
            }
        }
        items.removeIf(String::isEmpty);
        return items;
    }

    private static long toInteger(String key, JsonNode value) {
        if (value.isBoolean()) {
            return value.asBoolean() ? 1 : 0;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return (long) value.asDouble(); // Django's int() truncates toward zero
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText().trim());
            } catch (NumberFormatException e) {
                throw invalid(key, "'" + abbreviate(value.asText()) + "' is not an integer");
            }
        }
        throw invalid(key, "an integer is expected, got " + kind(value));
    }

    private static double toFloat(String key, JsonNode value) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            try {
                double parsed = Double.parseDouble(value.asText().trim());
                if (Double.isFinite(parsed)) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(key, "'" + abbreviate(value.asText()) + "' is not a number");
        }
        throw invalid(key, "a number is expected, got " + kind(value));
    }

    private static boolean toBoolean(String key, JsonNode value) {
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
        throw invalid(key, "true or false is expected, got " + abbreviate(value.toString()));
    }

    private static LocalDate toDate(String key, JsonNode value) {
        if (value.isTextual()) {
            try {
                return LocalDate.parse(value.asText().trim(), DATE);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw invalid(key, "a date YYYY-MM-DD is expected, got " + abbreviate(value.toString()));
    }

    private static LocalDateTime toDateTime(String key, JsonNode value) {
        if (value.isTextual()) {
            String text = value.asText().trim().replace('T', ' ');
            try {
                if (!text.contains(" ")) {
                    return LocalDate.parse(text, DATE).atStartOfDay();
                }
                return LocalDateTime.parse(text, DATETIME).withNano(0);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw invalid(key, "a datetime YYYY-MM-DD HH:MM:SS is expected, got " + abbreviate(value.toString()));
    }

    private static String choice(CustomField field, String value) {
        Set<String> offered = offeredChoices(field);
        if (!offered.isEmpty() && !offered.contains(value)) {
            throw invalid(field.fieldKey(), "'" + abbreviate(value) + "' is not one of the choices " + offered);
        }
        return value;
    }

    private static List<String> choices(CustomField field, List<String> values) {
        Set<String> offered = offeredChoices(field);
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(values));
        for (String value : unique) {
            if (!offered.isEmpty() && !offered.contains(value)) {
                throw invalid(field.fieldKey(), "'" + abbreviate(value) + "' is not one of the choices " + offered);
            }
        }
        return unique;
    }

    /** The option keys of a choice field; an empty or unreadable definition offers no restriction. */
    static Set<String> offeredChoices(CustomField field) {
        Set<String> keys = new LinkedHashSet<>();
        try {
            JsonNode parsed = JSON.readTree(field.fieldChoice() == null ? "" : field.fieldChoice());
            if (parsed != null && parsed.isObject()) {
                for (Iterator<String> it = parsed.fieldNames(); it.hasNext(); ) {
                    keys.add(it.next());
                }
            }
        } catch (JsonProcessingException e) {
            // the definition API validates field_choice; a legacy broken value restricts nothing
        }
        return keys;
    }

    private static String limit(String key, String text, int max) {
        if (text.length() > max) {
            throw invalid(key, "at most " + max + " characters are allowed, got " + text.length());
        }
        return text;
    }

    private static ApiException invalid(String key, String why) {
        return new ApiException("field " + key + ": " + why);
    }

    private static String kind(JsonNode value) {
        return value.isArray() ? "a list" : value.isObject() ? "an object" : abbreviate(value.toString());
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
