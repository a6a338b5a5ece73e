package io.loonflow.bpmn.ticket;

import java.util.List;

/**
 * Who handles a ticket in a state, as loonflow stores it on the ticket ({@code participant_type_id},
 * {@code participant}, {@code multi_all_person}) plus the resolved usernames that become current handlers.
 */
public record Participants(int typeId, String participant, String multiAllPerson, List<String> usernames) {

    public static final int NONE = 0;
    public static final int PERSON = 1;
    public static final int PEOPLE = 2;
    public static final int DEPT = 3;
    public static final int ROLE = 4;
    public static final int VARIABLE = 5;
    public static final int SCRIPT = 6;
    public static final int FIELD = 7;
    public static final int PARENT_FIELD = 8;
    public static final int HOOK = 10;

    public static final String NO_MULTI_ALL = "{}";
    public static final String HOOK_PLACEHOLDER = "***";
}
