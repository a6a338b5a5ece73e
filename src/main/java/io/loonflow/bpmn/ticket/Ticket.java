package io.loonflow.bpmn.ticket;

import java.time.LocalDateTime;

/** A row of {@code ticket_ticketrecord}; {@code procInstId} links it to the engine's process instance. */
public record Ticket(long id, String title, long workflowId, String sn, long stateId, long parentTicketId,
                     long parentTicketStateId, int participantTypeId, String participant, String relation,
                     boolean inAddNode, String addNodeMan, boolean scriptRunLastResult, String multiAllPerson,
                     int actStateId, String procInstId, String creator, LocalDateTime gmtCreated,
                     LocalDateTime gmtModified, boolean deleted) {

    public static final int ACT_DRAFT = 0;
    public static final int ACT_ONGOING = 1;
    public static final int ACT_BACK = 2;
    public static final int ACT_RETREAT = 3;
    public static final int ACT_FINISH = 4;
    public static final int ACT_CLOSED = 5;
}
