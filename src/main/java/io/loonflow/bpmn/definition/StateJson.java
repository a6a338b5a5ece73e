package io.loonflow.bpmn.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading the JSON text columns of definitions. Stored values may be empty or invalid (loonflow's API wrote
 * {@code ""} when keys were omitted, people edited rows by hand): readers fall back to an empty object or array
 * instead of failing the whole call as loonflow did.
 */
final class StateJson {

    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private static final Logger log = LoggerFactory.getLogger(StateJson.class);

    private StateJson() {
    }

    static ObjectNode objectOrEmpty(String text, String what) {
        JsonNode parsed = parseOrNull(text, what);
        if (parsed != null && parsed.isObject()) {
            return (ObjectNode) parsed;
        }
        if (parsed != null) {
            log.warn("{} is not a JSON object, read as {{}}", what);
        }
        return MAPPER.createObjectNode();
    }

    static ArrayNode arrayOrEmpty(String text, String what) {
        JsonNode parsed = parseOrNull(text, what);
        if (parsed != null && parsed.isArray()) {
            return (ArrayNode) parsed;
        }
        if (parsed != null) {
            log.warn("{} is not a JSON array, read as []", what);
        }
        return MAPPER.createArrayNode();
    }

    /** The parsed value, or null for empty text and (logged) invalid JSON. */
    static JsonNode parseOrNull(String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            log.warn("{} holds invalid JSON, ignored: {}", what, e.getOriginalMessage());
            return null;
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
    }
}
