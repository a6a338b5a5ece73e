package io.loonflow.bpmn.definition;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.BodySchema;
import io.loonflow.bpmn.api.JsonBody;
import io.loonflow.bpmn.api.Rules;

/**
 * The body of transition create and edit (spec §2.15, §2.16): loonflow's strict key set. Both are full
 * replaces with loonflow's defaults, except that an omitted {@code condition_expression} is {@code []}.
 */
final class TransitionRequest {

    static final int NAME_MAX = 50;
    static final int CONDITION_MAX = 1000;
    static final int ALERT_TEXT_MAX = 100;

    /** The validated draft and the condition targets it names (to be checked against the workflow). */
    record Parsed(TransitionDraft draft, List<Long> conditionTargets) {
    }

    private static final BodySchema SCHEMA = BodySchema.strict()
            .required("name", Rules.nonEmptyText(NAME_MAX, "name is needed"))
            .required("transition_type_id", StateBodyRules.int32In(null, Transition.TYPE_NORMAL, Transition.TYPE_TIMER))
            .required("source_state_id", StateBodyRules.nonZeroId())
            .required("attribute_type_id", StateBodyRules.int32In(null, 1, 2, 3))
            .optional("alert_enable", Rules.bool())
            .optional("field_require_check", Rules.bool())
            .optional("destination_state_id", StateBodyRules.optionalId())
            .optional("timer", TransitionRequest::timer)
            .optional("alert_text", Rules.text(ALERT_TEXT_MAX))
            .optional("condition_expression", Rules.jsonArrayText(CONDITION_MAX));

    private TransitionRequest() {
    }

    static Parsed parse(String rawBody, long workflowId) {
        JsonBody body = SCHEMA.validate(rawBody);
        ArrayNode conditions = conditions(body.get("condition_expression"));
        List<Long> targets = TransitionConditions.checkShape(conditions);
        String conditionText = StateRequest.checkedLength("condition_expression", StateJson.write(conditions),
                CONDITION_MAX);
        TransitionDraft draft = new TransitionDraft(body.text("name", ""), workflowId,
                body.int32("transition_type_id", Transition.TYPE_NORMAL), body.int32("timer", 0),
                body.integer("source_state_id", 0), body.integer("destination_state_id", 0), conditionText,
                body.int32("attribute_type_id", 1), body.bool("field_require_check", false),
                body.bool("alert_enable", false), body.text("alert_text", ""));
        return new Parsed(draft, targets);
    }

    private static void timer(String key, JsonNode value) {
        if (!value.isNull() && StateBodyRules.toInt32(key, value, null) < 0) {
            throw ApiException.invalidParameter("Key 'timer' error: must not be negative");
        }
    }

    /** Rules.jsonArrayText has checked the shape: null or blank text means {@code []}. */
    private static ArrayNode conditions(JsonNode value) {
        if (value == null || value.isNull()) {
            return StateJson.MAPPER.createArrayNode();
        }
        if (value.isArray()) {
            return (ArrayNode) value;
        }
        return StateJson.arrayOrEmpty(value.asText(), "condition_expression");
    }
}
