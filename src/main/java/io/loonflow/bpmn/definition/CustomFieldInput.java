package io.loonflow.bpmn.definition;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.BodySchema;
import io.loonflow.bpmn.api.JsonBody;
import io.loonflow.bpmn.api.Rules;
import io.loonflow.bpmn.api.Values;

/**
 * The body of POST / PATCH {@code /workflows/{id}/custom_fields}: loonflow's strict schema and messages, plus the
 * checks loonflow left to the console (or to nobody): a known field type, an identifier-like key that is not a
 * built-in ticket field or request control key, and well-formed JSON objects (choices for the choice types).
 * Uniqueness of the key within the workflow needs the database and is checked by {@link CustomFieldService}.
 */
record CustomFieldInput(String fieldKey, String fieldName, int fieldTypeId, int orderId, String defaultValue,
                        String description, String fieldTemplate, String booleanFieldDisplay, String fieldChoice,
                        String label) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    static final int TEMPLATE_MAX = 65535;
    static final int CHOICE_KEY_MAX = 50;

    /**
     * Names a custom key must not take (spec §6.2, §7): ticket columns, the engine's base field list and the keys a
     * ticket request uses for itself. Compared case-insensitively, as MySQL compares keys.
     */
    static final Set<String> RESERVED = Set.of("id", "sn", "title", "state_id", "creator", "gmt_created",
            "gmt_modified", "workflow_id", "participant", "participant_type_id", "parent_ticket_id",
            "parent_ticket_state_id", "relation", "act_state_id", "multi_all_person", "in_add_node", "add_node_man",
            "script_run_last_result", "is_deleted", "ticket_type_id", "transition_id", "username", "suggestion");

    private static final BodySchema SCHEMA = BodySchema.strict()
            .required("field_key", Rules.nonEmptyText(50, "field_key is needed"))
            .required("field_name", Rules.nonEmptyText(50, "field_name is needed"))
            .required("field_type_id", integer("field_type_id is needed and should be a number"))
            .required("order_id", integer("order_id is needed and should be a number"))
            .optional("description", Rules.text(100))
            .optional("label", Rules.jsonObjectText(100))
            .optional("field_template", Rules.text(TEMPLATE_MAX))
            .optional("default_value", Rules.text(100))
            .optional("boolean_field_display", Rules.jsonObjectText(100))
            .optional("field_choice", Rules.jsonObjectText(1000));

    static CustomFieldInput parse(String rawBody) {
        JsonBody body = SCHEMA.validate(rawBody);
        String key = body.text("field_key", "");
        if (!KEY.matcher(key).matches()) {
            throw ApiException.invalidParameter("field_key must start with a letter and contain only letters,"
                    + " digits and underscores");
        }
        if (RESERVED.contains(key.toLowerCase(Locale.ROOT))) {
            throw ApiException.invalidParameter("field_key '" + key + "' is the name of a built-in ticket field"
                    + " or request key");
        }
        long type = body.integer("field_type_id", 0);
        if (type == 0) {
            throw ApiException.invalidParameter("field_type_id is needed and should be a number");
        }
        if (!CustomFieldTypes.isKnown(type)) {
            throw ApiException.invalidParameter("field_type_id " + type + " is not a field type, expected one of "
                    + CustomFieldTypes.all().keySet().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        String choice = jsonText(body, "field_choice");
        checkChoice((int) type, read(choice));
        JsonNode defaultValue = body.get("default_value");
        return new CustomFieldInput(key, body.text("field_name", ""), (int) type,
                body.int32("order_id", 0),
                defaultValue != null && defaultValue.isNull() ? null : body.text("default_value", ""),
                body.text("description", ""), body.text("field_template", ""),
                jsonText(body, "boolean_field_display"), choice, jsonText(body, "label"));
    }

    /** Choice types need options; option keys are stored in 50-character value columns, comma-joined if multiple. */
    private static void checkChoice(int type, JsonNode choice) {
        if (!CustomFieldTypes.hasChoices(type)) {
            return;
        }
        if (choice.isEmpty()) {
            throw ApiException.invalidParameter("field_choice is needed for field type " + type
                    + ", e.g. {\"1\": \"option one\"}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = choice.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> option = it.next();
            String value = option.getKey();
            if (value.isEmpty() || value.length() > CHOICE_KEY_MAX) {
                throw ApiException.invalidParameter("field_choice keys must have 1 to " + CHOICE_KEY_MAX
                        + " characters");
            }
            if (CustomFieldTypes.isMultiChoice(type) && value.contains(",")) {
                throw ApiException.invalidParameter("field_choice keys of field type " + type
                        + " must not contain ',' (selected keys are stored comma-separated)");
            }
            if (!(option.getValue().isTextual() || option.getValue().isNumber())) {
                throw ApiException.invalidParameter("field_choice labels must be strings or numbers");
            }
        }
    }

    private static BodySchema.Rule integer(String message) {
        return (key, value) -> {
            if (!(value.isIntegralNumber() || value.isBoolean() || value.isTextual())) {
                throw ApiException.invalidParameter(message);
            }
            try {
                long number = Values.toLong(key, value);
                if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
                    throw ApiException.invalidParameter(message);
                }
            } catch (ApiException e) {
                throw ApiException.invalidParameter(message);
            }
        };
    }

    /** Stored text of a JSON-object column: as sent, or the JSON value's text; omitted or blank → {@code {}}. */
    private static String jsonText(JsonBody body, String key) {
        JsonNode value = body.get(key);
        if (value == null || value.isNull()) {
            return "{}";
        }
        String text = value.isTextual() ? value.asText() : value.toString();
        return text.isBlank() ? "{}" : text;
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("validated by the schema already", e);
        }
    }
}
