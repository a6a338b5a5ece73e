package io.loonflow.bpmn.definition;

import java.time.LocalDateTime;

/**
 * A row of {@code workflow_workflowscript}: an uploaded script for script states (participant type 6). The text
 * lives in {@code content}; {@code savedName} keeps loonflow's {@code workflow_script/<uuid>.py} form for display.
 */
public record WorkflowScript(long id, String name, String savedName, String content, String description,
                             boolean active, String creator, LocalDateTime gmtCreated, LocalDateTime gmtModified,
                             boolean deleted) {
}
