package io.loonflow.bpmn.definition;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.BodySchema;
import io.loonflow.bpmn.api.JsonBody;
import io.loonflow.bpmn.api.Rules;

/**
 * The body of state create and edit (spec §2.11, §2.12): loonflow's keys and messages, extra keys allowed.
 * Both are full replaces: an omitted optional key takes its default, JSON columns default to {@code {}}
 * (loonflow wrote {@code ""}, which broke its own readers).
 */
final class StateRequest {

    static final int NAME_MAX = 50;
    static final int LABEL_MAX = 1000;
    /** The column is long text; the cap only keeps requests reasonable (hundreds of field keys fit). */
    static final int STATE_FIELD_STR_MAX = 20000;

    private static final BodySchema SCHEMA = BodySchema.allowingExtraKeys()
            .required("name", Rules.nonEmptyText(NAME_MAX, "name is needed"))
            .required("order_id", StateBodyRules.int32("order_id is needed"))
            .required("type_id", StateBodyRules.int32In("type_id is needed",
                    State.TYPE_NORMAL, State.TYPE_START, State.TYPE_END))
            .required("participant_type_id", StateRequest::participantType)
            .required("distribute_type_id", StateRequest::distributeType)
            .optional("remember_last_man_enable", Rules.bool())
            .optional("state_field_str", Rules.jsonObjectText(STATE_FIELD_STR_MAX))
            .optional("label", Rules.jsonObjectText(LABEL_MAX))
            .optional("is_hidden", Rules.bool())
            .optional("enable_retreat", Rules.bool())
            .optional("participant", StateBodyRules.textOrObject(ParticipantRules.MAX_LENGTH));

    private StateRequest() {
    }

    /** The validated draft; its participant is still as sent (see {@link ParticipantRules}). */
    static StateDraft parse(String rawBody, long workflowId) {
        JsonBody body = SCHEMA.validate(rawBody);
        JsonNode participant = body.get("participant");
        String participantText = participant == null || participant.isNull() ? ""
                : participant.isObject() ? participant.toString() : participant.asText();
        return new StateDraft(body.text("name", ""), workflowId, body.bool("is_hidden", false),
                body.int32("order_id", 0), body.int32("type_id", 0), body.int32("participant_type_id", 0),
                participantText, body.int32("distribute_type_id", 1),
                stateFieldStr(body.get("state_field_str")), label(body.get("label")),
                body.bool("remember_last_man_enable", false), body.bool("enable_retreat", false));
    }

    private static void participantType(String key, JsonNode value) {
        int given = StateBodyRules.toInt32(key, value, null);
        if (given == 9) {
            throw ApiException.invalidParameter("Key 'participant_type_id' error: 9 does not exist in loonflow;"
                    + " for \"every handler must act\" use distribute_type_id 4");
        }
        StateBodyRules.int32In(null, ParticipantTypes.ALLOWED).check(key, value);
    }

    /** loonflow: {@code And(int, lambda n: n != 0, error='distribute_type_id is needed')}; then 1–4 only. */
    private static void distributeType(String key, JsonNode value) {
        String message = "distribute_type_id is needed";
        if (StateBodyRules.toInt32(key, value, message) == 0) {
            throw ApiException.invalidParameter(message);
        }
        StateBodyRules.int32In(message, 1, 2, 3, 4).check(key, value);
    }

    /** {@code {field_key: 1|2|3}}: 1 read-only, 2 required, 3 optional. */
    private static String stateFieldStr(JsonNode value) {
        ObjectNode fields = objectValue(value, "state_field_str");
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().isBlank()) {
                throw ApiException.invalidParameter("Key 'state_field_str' error: field keys must not be empty");
            }
            JsonNode attribute = entry.getValue();
            if (!attribute.isIntegralNumber() || attribute.asLong() < 1 || attribute.asLong() > 3) {
                throw ApiException.invalidParameter("Key 'state_field_str' error: the attribute of '"
                        + abbreviate(entry.getKey()) + "' must be 1 (read-only), 2 (required) or 3 (optional), got "
                        + abbreviate(attribute.toString()));
            }
        }
        return checkedLength("state_field_str", StateJson.write(fields), STATE_FIELD_STR_MAX);
    }

    private static String label(JsonNode value) {
        return checkedLength("label", StateJson.write(objectValue(value, "label")), LABEL_MAX);
    }

    /** Rules.jsonObjectText has checked the shape: null or blank text means {@code {}}. */
    private static ObjectNode objectValue(JsonNode value, String what) {
        if (value == null || value.isNull()) {
            return StateJson.MAPPER.createObjectNode();
        }
        if (value.isObject()) {
            return (ObjectNode) value;
        }
        return StateJson.objectOrEmpty(value.asText(), what);
    }

    static String checkedLength(String key, String text, int max) {
        Rules.checkLength(key, text, max);
        return text;
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
