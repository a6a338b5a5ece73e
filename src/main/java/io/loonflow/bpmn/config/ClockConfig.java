package io.loonflow.bpmn.config;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One clock for the whole service. loonflow stores naive wall-clock times of one zone
 * ({@code loonflow.time-zone}, default the JVM's); tests replace the bean to move time.
 */
@Configuration
class ClockConfig {

    @Bean
    Clock clock(@Value("${loonflow.time-zone:}") String zone) {
        return zone.isBlank() ? Clock.systemDefaultZone() : Clock.system(ZoneId.of(zone));
    }
}
