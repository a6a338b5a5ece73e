package io.loonflow.bpmn.definition;

import java.time.LocalDateTime;

/** A row of {@code workflow_customfield}; field types are loonflow's ids (5 string ... 80 attachment). */
public record CustomField(long id, long workflowId, int fieldTypeId, String fieldKey, String fieldName, int orderId,
                          String defaultValue, String description, String fieldTemplate, String booleanFieldDisplay,
                          String fieldChoice, String label, String creator, LocalDateTime gmtCreated,
                          LocalDateTime gmtModified, boolean deleted) {
}
