package io.loonflow.bpmn.automation.script;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ScriptConfiguration {

    @Bean
    ScriptRunner scriptRunner(ScriptProperties properties) {
        return new ScriptRunner(properties.limits());
    }
}
