package io.loonflow.bpmn.compiler;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the compiled processes ({@code loonflow.bpmn.*}). Changing one changes the XML of every workflow,
 * so each gets a new process version the next time its definition changes.
 *
 * @param failedJobRetryTimeCycle retries of hook and script jobs before an incident, as Camunda's
 *                                {@code failedJobRetryTimeCycle} (ISO 8601 repeating interval, e.g. {@code R3/PT5M})
 */
@ConfigurationProperties("loonflow.bpmn")
public record BpmnCompilerProperties(@DefaultValue("R3/PT5M") String failedJobRetryTimeCycle) {

    public BpmnCompilerProperties {
        if (failedJobRetryTimeCycle == null || !failedJobRetryTimeCycle.matches("R\\d+/P[0-9A-Z.]+")) {
            throw new IllegalArgumentException("loonflow.bpmn.failed-job-retry-time-cycle must look like R3/PT5M, not "
                    + failedJobRetryTimeCycle);
        }
    }

    /** How many times a hook or script job runs before its incident: the {@code R<n>} of the cycle. */
    public int retries() {
        return Integer.parseInt(failedJobRetryTimeCycle.substring(1, failedJobRetryTimeCycle.indexOf('/')));
    }
}
