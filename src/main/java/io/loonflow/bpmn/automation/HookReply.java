package io.loonflow.bpmn.automation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The hook target's answer judged by loonflow's rule plus the HTTP status: success is a 2xx status and a JSON
 * object whose {@code code} equals 0 the way Python compares ({@code 0}, {@code 0.0} and {@code false} all do).
 *
 * @param msg the target's {@code msg} as text ("" when absent); the wait line and the robot line show it
 */
record HookReply(int status, String msg) {

    private static final int MAX_QUOTED = 200;

    /** The reply of a successful call; throws {@link HookFailure} saying why the call failed otherwise. */
    static HookReply judge(int status, String body, ObjectMapper json) {
        JsonNode answer;
        try {
            answer = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            answer = null;
        }
        if (status < 200 || status > 299) {
            String code = answer != null && answer.isObject() && answer.has("code")
                    ? ", code " + answer.get("code") : "";
            throw new HookFailure("hook failed: HTTP " + status + code + msgPart(answer, body));
        }
        if (answer == null || !answer.isObject()) {
            throw new HookFailure("hook failed: HTTP " + status + ", the answer is not a JSON object: "
                    + abbreviate(body == null ? "" : body));
        }
        JsonNode code = answer.get("code");
        if (!isZero(code)) {
            throw new HookFailure("hook failed: HTTP " + status + ", code " + (code == null ? "missing" : code)
                    + msgPart(answer, body));
        }
        return new HookReply(status, msg(answer));
    }

    /** Python's {@code code == 0}: numbers equal to zero and {@code false}. */
    static boolean isZero(JsonNode code) {
        if (code == null) {
            return false;
        }
        if (code.isBoolean()) {
            return !code.asBoolean();
        }
        return code.isNumber() && code.decimalValue().signum() == 0;
    }

    private static String msg(JsonNode answer) {
        JsonNode msg = answer.get("msg");
        if (msg == null || msg.isNull()) {
            return "";
        }
        return msg.isTextual() ? msg.asText() : msg.toString();
    }

    private static String msgPart(JsonNode answer, String body) {
        if (answer != null && answer.isObject()) {
            String msg = msg(answer);
            return msg.isEmpty() ? "" : ", msg: " + abbreviate(msg);
        }
        return body == null || body.isBlank() ? "" : ", answer: " + abbreviate(body);
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    }
}
