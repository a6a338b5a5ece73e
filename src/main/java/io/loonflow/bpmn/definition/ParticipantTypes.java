package io.loonflow.bpmn.definition;

/** loonflow's participant type ids (spec §10.4); 9 does not exist in loonflow's code. */
final class ParticipantTypes {

    static final int NONE = 0;
    static final int PERSONAL = 1;
    static final int MULTI = 2;
    static final int DEPT = 3;
    static final int ROLE = 4;
    static final int VARIABLE = 5;
    static final int SCRIPT = 6;
    static final int FIELD = 7;
    static final int PARENT_FIELD = 8;
    static final int HOOK = 10;

    static final long[] ALLOWED = {NONE, PERSONAL, MULTI, DEPT, ROLE, VARIABLE, SCRIPT, FIELD, PARENT_FIELD, HOOK};

    static final String VARIABLE_CREATOR = "creator";
    static final String VARIABLE_CREATOR_TL = "creator_tl";

    private ParticipantTypes() {
    }
}
