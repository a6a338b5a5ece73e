package io.loonflow.bpmn.definition;

import java.time.LocalDateTime;

/** A row of {@code workflow_transition}. {@code transitionTypeId}: 1 normal, 2 timer ({@code timer} seconds). */
public record Transition(long id, String name, long workflowId, int transitionTypeId, int timer, long sourceStateId,
                         long destinationStateId, String conditionExpression, int attributeTypeId,
                         boolean fieldRequireCheck, boolean alertEnable, String alertText, String creator,
                         LocalDateTime gmtCreated, LocalDateTime gmtModified, boolean deleted) {

    public static final int TYPE_NORMAL = 1;
    public static final int TYPE_TIMER = 2;

    public boolean isTimer() {
        return transitionTypeId == TYPE_TIMER;
    }
}
