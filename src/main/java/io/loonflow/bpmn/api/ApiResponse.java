package io.loonflow.bpmn.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** loonflow's response envelope: always HTTP 200, {@code code} 0 on success and -1 on every handled failure. */
@JsonPropertyOrder({"code", "data", "msg"})
public record ApiResponse(int code, Object data, Object msg) {

    public static ApiResponse ok(Object data) {
        return new ApiResponse(0, data, "");
    }

    public static ApiResponse ok() {
        return ok(Map.of());
    }

    public static ApiResponse fail(String msg) {
        return new ApiResponse(-1, Map.of(), msg);
    }

    public static ApiResponse fail(String msg, Object data) {
        return new ApiResponse(-1, data, msg);
    }
}
