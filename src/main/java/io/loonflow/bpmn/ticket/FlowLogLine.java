package io.loonflow.bpmn.ticket;

/** One line of a ticket's flow log as written; see {@link FlowLogRepository}. */
public record FlowLogLine(long ticketId, long transitionId, String suggestion, int participantTypeId,
                          String participant, long stateId, int interveneTypeId, String ticketData, String creator) {

    public static final int INTERVENE_NONE = 0;
    public static final int INTERVENE_DELIVER = 1;
    public static final int INTERVENE_ADD_NODE = 2;
    public static final int INTERVENE_ADD_NODE_END = 3;
    public static final int INTERVENE_ACCEPT = 4;
    public static final int INTERVENE_COMMENT = 5;
    public static final int INTERVENE_DELETE = 6;
    public static final int INTERVENE_CLOSE = 7;
    public static final int INTERVENE_ALTER_STATE = 8;
    public static final int INTERVENE_HOOK = 9;
    public static final int INTERVENE_RETREAT = 10;
}
