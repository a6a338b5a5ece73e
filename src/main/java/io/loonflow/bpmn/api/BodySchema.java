package io.loonflow.bpmn.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Declarative checks of a request body, with the messages of loonflow's {@code schema} validation
 * ({@code Missing key: 'x'}, {@code Wrong key 'x'}, or the rule's own text). Unlike loonflow, a schema that allows
 * extra keys does not also require one (loonflow's schema 0.7.1 quirk rejected minimal valid bodies).
 */
public final class BodySchema {

    /** Checks one present value; throws {@link ApiException} (use {@link ApiException#invalidParameter}). */
    @FunctionalInterface
    public interface Rule {
        void check(String key, JsonNode value);
    }

    private record Entry(Rule rule, boolean required) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final boolean extraKeysAllowed;

    private BodySchema(boolean extraKeysAllowed) {
        this.extraKeysAllowed = extraKeysAllowed;
    }

    /** Unknown keys are rejected. */
    public static BodySchema strict() {
        return new BodySchema(false);
    }

    /** Unknown keys pass through unchecked (loonflow's "[+extra]" schemas). */
    public static BodySchema allowingExtraKeys() {
        return new BodySchema(true);
    }

    public BodySchema required(String key, Rule rule) {
        entries.put(key, new Entry(rule, true));
        return this;
    }

    public BodySchema optional(String key, Rule rule) {
        entries.put(key, new Entry(rule, false));
        return this;
    }

    public JsonBody validate(String rawBody) {
        JsonBody body = JsonBody.parse(rawBody);
        List<String> missing = new ArrayList<>();
        entries.forEach((key, entry) -> {
            if (entry.required() && !body.node().has(key)) {
                missing.add("'" + key + "'");
            }
        });
        if (missing.size() == 1) {
            throw ApiException.invalidParameter("Missing key: " + missing.get(0));
        }
        if (!missing.isEmpty()) {
            throw ApiException.invalidParameter("Missing keys: " + String.join(", ", missing));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            Entry entry = entries.get(field.getKey());
            if (entry == null) {
                if (!extraKeysAllowed) {
                    throw ApiException.invalidParameter("Wrong key '" + Values.abbreviate(field.getKey()) + "'");
                }
                continue;
            }
            entry.rule().check(field.getKey(), field.getValue());
        }
        return body;
    }
}
