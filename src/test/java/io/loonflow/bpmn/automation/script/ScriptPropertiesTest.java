package io.loonflow.bpmn.automation.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ScriptPropertiesTest {

    private static ScriptLimits bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("loonflow.scripts", ScriptProperties.class).limits();
    }

    @Test
    void defaults() {
        ScriptLimits limits = bind(Map.of());
        assertThat(limits).isEqualTo(new ScriptLimits("python3", List.of(), Duration.ofSeconds(30), 64 * 1024, 30,
                512L * 1024 * 1024, 16L * 1024 * 1024, 2));
    }

    @Test
    void configuredValues() {
        ScriptLimits limits = bind(Map.of(
                "loonflow.scripts.python", "/usr/bin/python3",
                "loonflow.scripts.command-prefix[0]", "nsjail",
                "loonflow.scripts.command-prefix[1]", "--quiet",
                "loonflow.scripts.timeout", "5s",
                "loonflow.scripts.max-output", "1KB",
                "loonflow.scripts.cpu-time", "1500ms",
                "loonflow.scripts.memory", "0",
                "loonflow.scripts.file-size", "1MB",
                "loonflow.scripts.max-concurrent", "4"));
        assertThat(limits).isEqualTo(new ScriptLimits("/usr/bin/python3", List.of("nsjail", "--quiet"),
                Duration.ofSeconds(5), 1024, 2, 0, 1024 * 1024, 4));
    }
}
