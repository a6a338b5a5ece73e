package io.loonflow.bpmn.api;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request body read as a JSON object whatever its Content-Type says (loonflow parses the raw payload).
 * Typed accessors turn wrong types into loonflow's {@code 请求参数不合法:...} failures instead of exceptions.
 */
public final class JsonBody {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    public static JsonBody parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalidParameter("request body is empty, a JSON object is expected");
        }
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw ApiException.invalidParameter("request body is not valid JSON");
        }
        if (parsed == null || !parsed.isObject()) {
            throw ApiException.invalidParameter("request body must be a JSON object");
        }
        return new JsonBody((ObjectNode) parsed);
    }

    public ObjectNode node() {
        return node;
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    public JsonNode get(String key) {
        return node.get(key);
    }

    public Iterator<Map.Entry<String, JsonNode>> fields() {
        return node.fields();
    }

    /** A string value; JSON numbers and booleans are accepted in their text form (Python's str() would). */
    public String text(String key, String fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        throw ApiException.invalidParameter("Key '" + key + "' error: " + value + " should be instance of 'str'");
    }

    public long integer(String key, long fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        return Values.toLong(key, value);
    }

    public int int32(String key, int fallback) {
        long value = integer(key, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw ApiException.invalidParameter("Key '" + key + "' error: " + value + " is out of range");
        }
        return (int) value;
    }

    /** Django's boolean coercion: true/false, 1/0 and the strings "1", "0", "t", "f", "True", "False", "true", "false". */
    public boolean bool(String key, boolean fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        return Values.toBoolean(key, value);
    }

    static String describe(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
