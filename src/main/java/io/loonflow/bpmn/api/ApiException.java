package io.loonflow.bpmn.api;

import java.util.Map;

/**
 * A handled failure: becomes {@code {"code": -1, "msg": message, "data": data}}. Thrown from services so that the
 * surrounding transaction rolls back before the caller sees the error.
 */
public class ApiException extends RuntimeException {

    private final transient Object data;

    public ApiException(String message) {
        this(message, Map.of());
    }

    public ApiException(String message, Object data) {
        super(message, null, false, false);
        this.data = data;
    }

    public Object data() {
        return data;
    }

    /** loonflow's prefix for request-body validation failures. */
    public static ApiException invalidParameter(String detail) {
        return new ApiException("请求参数不合法:" + detail);
    }
}
