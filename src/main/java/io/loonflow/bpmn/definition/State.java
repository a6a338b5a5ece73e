package io.loonflow.bpmn.definition;

import java.time.LocalDateTime;

/** A row of {@code workflow_state}. {@code typeId}: 0 normal, 1 start, 2 end. */
public record State(long id, String name, long workflowId, boolean hidden, int orderId, int typeId,
                    int participantTypeId, String participant, int distributeTypeId, String stateFieldStr,
                    String label, boolean rememberLastManEnable, boolean enableRetreat, String creator,
                    LocalDateTime gmtCreated, LocalDateTime gmtModified, boolean deleted) {

    public static final int TYPE_NORMAL = 0;
    public static final int TYPE_START = 1;
    public static final int TYPE_END = 2;

    public boolean isStart() {
        return typeId == TYPE_START;
    }

    public boolean isEnd() {
        return typeId == TYPE_END;
    }
}
