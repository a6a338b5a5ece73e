package io.loonflow.bpmn.automation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Meters of the engine's automatic work, exported at {@code /actuator/prometheus}:
 * <ul>
 *   <li>{@code loonflow_hook_calls_total{outcome=success|failure, attempt=first|retry}}: hook deliveries;</li>
 *   <li>{@code loonflow_automation_incidents_total{kind=hook|script|other}}: jobs that ran out of retries;</li>
 *   <li>{@code loonflow_jobs_executable}: engine jobs due now and not yet done (the job backlog), counted at most
 *       every few seconds so that frequent scrapes do not load the database;</li>
 *   <li>{@code loonflow_hook_calls_in_flight}: hook calls waiting for their answer now.</li>
 * </ul>
 */
@Component
class AutomationMetrics {

    static final Duration BACKLOG_SAMPLE_AGE = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final ObjectProvider<ManagementService> management;
    private final Clock clock;
    private volatile Instant backlogSampledAt = Instant.MIN;
    private volatile long backlog;

    AutomationMetrics(MeterRegistry registry, ObjectProvider<ManagementService> management, Clock clock,
                      HookClient hooks) {
        this.registry = registry;
        this.management = management;
        this.clock = clock;
        Gauge.builder("loonflow.jobs.executable", this, AutomationMetrics::sampleBacklog)
                .description("engine jobs that are due and waiting for the job executor").register(registry);
        Gauge.builder("loonflow.hook.calls.in.flight", hooks, HookClient::inFlight)
                .description("hook calls waiting for their answer").register(registry);
        for (String kind : new String[] {"hook", "script", "other"}) {
            incidentCounter(kind);
        }
        for (String outcome : new String[] {"success", "failure"}) {
            for (String attempt : new String[] {"first", "retry"}) {
                hookCounter(outcome, attempt);
            }
        }
    }

    void hookCall(boolean success, boolean retry) {
        hookCounter(success ? "success" : "failure", retry ? "retry" : "first").increment();
    }

    void incident(String kind) {
        incidentCounter(kind).increment();
    }

    private Counter incidentCounter(String kind) {
        return Counter.builder("loonflow.automation.incidents").tag("kind", kind)
                .description("engine jobs of tickets that ran out of retries").register(registry);
    }

    private Counter hookCounter(String outcome, String attempt) {
        return Counter.builder("loonflow.hook.calls").tag("outcome", outcome).tag("attempt", attempt)
                .description("hook deliveries").register(registry);
    }

    private double sampleBacklog() {
        Instant now = clock.instant();
        if (now.isAfter(backlogSampledAt.plus(BACKLOG_SAMPLE_AGE)) || now.isBefore(backlogSampledAt)) {
            ManagementService service = management.getIfAvailable();
            if (service != null) {
                try {
                    backlog = service.createJobQuery().executable().count();
                } catch (RuntimeException e) {
                    // the database is unreachable: health reports it; keep the last count here
                }
            }
            backlogSampledAt = now;
        }
        return backlog;
    }
}
