package io.loonflow.bpmn.definition;

/** The columns of a transition as an admin request sets them (everything but id, creator and times). */
record TransitionDraft(String name, long workflowId, int transitionTypeId, int timer, long sourceStateId,
                       long destinationStateId, String conditionExpression, int attributeTypeId,
                       boolean fieldRequireCheck, boolean alertEnable, String alertText) {
}
