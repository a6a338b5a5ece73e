package io.loonflow.bpmn.automation.script;

import java.time.Duration;
import java.util.List;

/**
 * How a {@link ScriptRunner} starts and bounds script processes; see {@link ScriptProperties} for the meaning of
 * each value. Zero for {@code cpuSeconds}, {@code memoryBytes} or {@code fileSizeBytes} means "no limit".
 */
public record ScriptLimits(String python, List<String> commandPrefix, Duration timeout, int maxOutputBytes,
                           long cpuSeconds, long memoryBytes, long fileSizeBytes, int maxConcurrent) {

    public ScriptLimits {
        if (python == null || python.isBlank()) {
            throw new IllegalArgumentException("loonflow.scripts.python must name the Python 3 executable");
        }
        commandPrefix = commandPrefix == null ? List.of() : List.copyOf(commandPrefix);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("loonflow.scripts.timeout must be positive");
        }
        if (maxOutputBytes < 1) {
            throw new IllegalArgumentException("loonflow.scripts.max-output must be positive");
        }
        if (cpuSeconds < 0 || memoryBytes < 0 || fileSizeBytes < 0) {
            throw new IllegalArgumentException("loonflow.scripts cpu/memory/file-size limits must not be negative");
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("loonflow.scripts.max-concurrent must be at least 1");
        }
    }
}
