package io.loonflow.bpmn.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/** What operators watch: the health of the engine and its job executor, and the automation metrics. */
class AutomationOperationsTest extends IntegrationTest {

    @Autowired
    ObjectProvider<ManagementService> management;
    @Autowired
    HookClient hooks;
    @Autowired
    MeterRegistry meters;

    @Test
    void healthIncludesTheEngineAndTheJobExecutor() {
        ApiClient.Response health = api().get("/actuator/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        JsonNode components = health.json().path("components");
        assertThat(components.path("processEngine").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("jobExecutor").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("jobExecutor").path("details").path("jobExecutor").isObject()).isTrue();
    }

    /**
     * Spring Boot's tests swap the Prometheus registry for a simple one (the endpoint answers 404 there), so the
     * meters are registered on a Prometheus registry here and scraped as the endpoint would.
     */
    @Test
    void prometheusExportsHookCallsIncidentsAndTheJobBacklog() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AutomationMetrics metrics = new AutomationMetrics(prometheus, management, Clock.systemUTC(), hooks);
        metrics.hookCall(true, false);
        metrics.incident("script");

        assertThat(prometheus.scrape())
                .contains("loonflow_hook_calls_total{attempt=\"first\",outcome=\"success\"} 1.0")
                .contains("loonflow_hook_calls_total{attempt=\"retry\",outcome=\"failure\"} 0.0")
                .contains("loonflow_automation_incidents_total{kind=\"hook\"} 0.0")
                .contains("loonflow_automation_incidents_total{kind=\"script\"} 1.0")
                .contains("loonflow_hook_calls_in_flight 0.0")
                .containsPattern("(?m)^loonflow_jobs_executable \\d+\\.\\d+");
    }

    @Test
    void theServicesMetersAreRegistered() {
        assertThat(meters.find("loonflow.hook.calls").counters()).hasSize(4);
        assertThat(meters.find("loonflow.automation.incidents").counters()).hasSize(3);
        assertThat(meters.get("loonflow.jobs.executable").gauge().value()).isGreaterThanOrEqualTo(0);
        assertThat(api().get("/actuator").body()).contains("/actuator/health");
    }
}
