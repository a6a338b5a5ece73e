package io.loonflow.bpmn.definition;

/** The columns of a state as an admin request sets them (everything but id, creator and times). */
record StateDraft(String name, long workflowId, boolean hidden, int orderId, int typeId, int participantTypeId,
                  String participant, int distributeTypeId, String stateFieldStr, String label,
                  boolean rememberLastManEnable, boolean enableRetreat) {

    StateDraft withParticipant(String normalised) {
        return new StateDraft(name, workflowId, hidden, orderId, typeId, participantTypeId, normalised,
                distributeTypeId, stateFieldStr, label, rememberLastManEnable, enableRetreat);
    }
}
