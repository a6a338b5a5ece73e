package io.loonflow.bpmn.automation;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON laid out like Python's {@code json.dumps} (separators {@code ", "} and {@code ": "}), which is what hook
 * targets written against loonflow have always received. Non-ASCII escaping comes from the service's
 * {@link ObjectMapper} ({@code spring.jackson.generator.escape-non-ascii}).
 */
final class PythonStyleJson {

    private static final MinimalPrettyPrinter SEPARATORS = new MinimalPrettyPrinter() {
        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    };

    private PythonStyleJson() {
    }

    static String write(ObjectMapper json, Object value) {
        try {
            return json.writer(SEPARATORS).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the hook body: " + e.getOriginalMessage(), e);
        }
    }
}
