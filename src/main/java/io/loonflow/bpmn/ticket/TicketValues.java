package io.loonflow.bpmn.ticket;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.definition.CustomField;
import io.loonflow.bpmn.definition.CustomFieldRepository;
import org.springframework.stereotype.Component;

/** A ticket's values as loonflow exposes them: the ticket dict followed by every custom field (null when unset). */
@Component
class TicketValues {

    private final CustomFieldRepository customFields;
    private final FieldValueStore fieldValues;

    TicketValues(CustomFieldRepository customFields, FieldValueStore fieldValues) {
        this.customFields = customFields;
        this.fieldValues = fieldValues;
    }

    Map<String, Object> of(Ticket ticket) {
        return of(ticket, customFields.findActiveByWorkflow(ticket.workflowId()));
    }

    /** As {@link #of(Ticket)}, with the workflow's custom fields already at hand. */
    Map<String, Object> of(Ticket ticket, List<CustomField> workflowFields) {
        Map<String, Object> values = TicketDict.of(ticket);
        values.putAll(fieldValues.read(ticket.id(), workflowFields));
        return values;
    }

    /** Request JSON as plain Java values (String, Long, Double, Boolean, List, Map, null). */
    static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.asLong() : node.decimalValue();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toJava(item)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            map.put(entry.getKey(), toJava(entry.getValue()));
        }
        return map;
    }

    static Map<String, Object> toJavaMap(JsonNode object) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) toJava(object);
        return map;
    }

    List<CustomField> fieldsOf(long workflowId) {
        return customFields.findActiveByWorkflow(workflowId);
    }
}
