package io.loonflow.bpmn.account;

/** A calling application: its shared secret, the workflows it may use and its serial-number prefix. */
public record AppToken(long id, String appName, String token, String workflowIds, String ticketSnPrefix) {
}
