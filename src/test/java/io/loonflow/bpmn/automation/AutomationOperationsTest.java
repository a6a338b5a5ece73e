package io.loonflow.bpmn.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** What operators watch: the health of the engine and its job executor, and the automation metrics. */
class AutomationOperationsTest extends IntegrationTest {

    @Test
    void healthIncludesTheEngineAndTheJobExecutor() {
        ApiClient.Response health = api().get("/actuator/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        JsonNode components = health.json().path("components");
        assertThat(components.path("processEngine").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("jobExecutor").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("jobExecutor").path("details").path("jobExecutor").isObject()).isTrue();
    }

    @Test
    void prometheusExportsHookCallsIncidentsAndTheJobBacklog() {
        ApiClient.Response metrics = api().get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("loonflow_hook_calls_total{attempt=\"first\",outcome=\"success\"")
                .contains("loonflow_hook_calls_total{attempt=\"retry\",outcome=\"failure\"")
                .contains("loonflow_automation_incidents_total{kind=\"hook\"")
                .contains("loonflow_automation_incidents_total{kind=\"script\"")
                .contains("loonflow_hook_calls_in_flight ")
                .containsPattern("(?m)^loonflow_jobs_executable \\d+\\.\\d+");
    }
}
