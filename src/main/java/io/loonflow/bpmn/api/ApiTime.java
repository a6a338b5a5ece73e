package io.loonflow.bpmn.api;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** loonflow's datetime text: {@code YYYY-MM-DD HH:MM:SS}. */
public final class ApiTime {

    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ApiTime() {
    }

    public static String format(LocalDateTime time) {
        return time == null ? null : FORMAT.format(time);
    }
}
