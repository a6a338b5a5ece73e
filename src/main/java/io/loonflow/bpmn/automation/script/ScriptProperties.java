package io.loonflow.bpmn.automation.script;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of script states ({@code loonflow.scripts.*}; documented in docs/operations.md, "Scripts").
 *
 * @param python        the Python 3 executable (an absolute path is best: a pyenv shim costs seconds per run)
 * @param commandPrefix words put before the python command, e.g. a {@code bwrap} or {@code nsjail} invocation
 * @param timeout       wall-clock limit of one run; the process tree is killed when it passes
 * @param maxOutput     stdout kept per run; the rest is dropped and a truncation marker appended
 * @param cpuTime       CPU time limit (RLIMIT_CPU, whole seconds; 0 = none)
 * @param memory        address-space limit (RLIMIT_AS; 0 = none)
 * @param fileSize      largest file the script may write (RLIMIT_FSIZE; 0 = none)
 * @param maxConcurrent scripts running at once on this node; further runs wait up to {@code timeout} for a slot
 */
@ConfigurationProperties("loonflow.scripts")
public record ScriptProperties(@DefaultValue("python3") String python,
                               @DefaultValue List<String> commandPrefix,
                               @DefaultValue("30s") Duration timeout,
                               @DefaultValue("64KB") DataSize maxOutput,
                               @DefaultValue("30s") Duration cpuTime,
                               @DefaultValue("512MB") DataSize memory,
                               @DefaultValue("16MB") DataSize fileSize,
                               @DefaultValue("2") int maxConcurrent) {

    ScriptLimits limits() {
        long output = maxOutput.toBytes();
        if (output > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("loonflow.scripts.max-output is too large");
        }
        long cpuSeconds = cpuTime.isZero() ? 0 : Math.max(1, (cpuTime.toMillis() + 999) / 1000);
        return new ScriptLimits(python, commandPrefix.stream().filter(word -> !word.isBlank()).toList(), timeout,
                (int) output, cpuSeconds, memory.toBytes(), fileSize.toBytes(), maxConcurrent);
    }
}
