package io.loonflow.bpmn.definition;

/**
 * Published inside the transaction of every change to a workflow or to one of its states, transitions or
 * custom fields; the compiler recompiles and redeploys that workflow before the transaction commits.
 */
public record WorkflowDefinitionChanged(long workflowId) {
}
