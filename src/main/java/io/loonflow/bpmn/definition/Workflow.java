package io.loonflow.bpmn.definition;

import java.time.LocalDateTime;

/** A row of {@code workflow_workflow}; JSON-bearing columns are kept as stored text. */
public record Workflow(long id, String name, String description, String notices, boolean viewPermissionCheck,
                       String limitExpression, String displayFormStr, String titleTemplate, String contentTemplate,
                       String creator, LocalDateTime gmtCreated, LocalDateTime gmtModified, boolean deleted) {
}
