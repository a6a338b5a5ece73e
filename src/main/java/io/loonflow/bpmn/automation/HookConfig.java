package io.loonflow.bpmn.automation;

import java.net.URI;
import java.net.URISyntaxException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A hook state's participant JSON {@code {"hook_url", "hook_token", "wait", "extra_info"}} (spec ticket-api §5.14).
 * The admin API only stores well-formed configs; imported ones are read leniently where loonflow was lenient
 * ({@code wait} by Python truthiness) and refused where a call could not be made at all.
 *
 * @param extraInfo the configured {@code extra_info}, or null when absent or JSON null (then it is not sent)
 */
record HookConfig(URI url, String token, boolean waitForCallback, JsonNode extraInfo) {

    static HookConfig parse(String participant, ObjectMapper json) {
        JsonNode node;
        try {
            node = participant == null || participant.isBlank() ? null : json.readTree(participant);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new HookFailure("the hook state's participant is not a JSON object {\"hook_url\", \"hook_token\", "
                    + "\"wait\", \"extra_info\"}");
        }
        JsonNode url = node.get("hook_url");
        URI uri = url != null && url.isTextual() ? httpUri(url.asText()) : null;
        if (uri == null) {
            throw new HookFailure("the hook state's hook_url is not an http:// or https:// URL");
        }
        JsonNode token = node.get("hook_token");
        String tokenText = token == null || token.isNull() ? "" : token.isTextual() ? token.asText() : token.toString();
        JsonNode extra = node.get("extra_info");
        return new HookConfig(uri, tokenText, truthy(node.get("wait")), extra == null || extra.isNull() ? null : extra);
    }

    /** Python truthiness of a JSON value: null, false, 0, "" and empty containers are false. */
    static boolean truthy(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            return value.asDouble() != 0.0;
        }
        if (value.isTextual()) {
            return !value.asText().isEmpty();
        }
        return value.size() > 0;
    }

    private static URI httpUri(String text) {
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme();
            boolean http = scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
            return http && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "HookConfig[wait=" + waitForCallback + ", extraInfo=" + (extraInfo != null) + "]";
    }
}
