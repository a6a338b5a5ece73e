package io.loonflow.bpmn.ticket;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.loonflow.bpmn.definition.State;

/** A state's {@code state_field_str}: field key → 1 read-only, 2 required, 3 optional (spec §5.4.1). */
record StateFieldConfig(Map<String, Integer> attributes) {

    static final int READ_ONLY = 1;
    static final int REQUIRED = 2;
    static final int OPTIONAL = 3;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static StateFieldConfig of(State state) {
        Map<String, Integer> attributes = new LinkedHashMap<>();
        try {
            JsonNode parsed = JSON.readTree(state.stateFieldStr() == null ? "" : state.stateFieldStr());
            if (parsed != null && parsed.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = parsed.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    attributes.put(entry.getKey(), entry.getValue().asInt(READ_ONLY));
                }
            }
        } catch (JsonProcessingException e) {
            // legacy rows may hold broken JSON; the definition API refuses it for new ones
        }
        return new StateFieldConfig(attributes);
    }

    List<String> required() {
        return keysWith(REQUIRED);
    }

    boolean editable(String key) {
        Integer attribute = attributes.get(key);
        return attribute != null && (attribute == REQUIRED || attribute == OPTIONAL);
    }

    private List<String> keysWith(int attribute) {
        List<String> keys = new ArrayList<>();
        attributes.forEach((key, value) -> {
            if (value == attribute) {
                keys.add(key);
            }
        });
        return keys;
    }
}
