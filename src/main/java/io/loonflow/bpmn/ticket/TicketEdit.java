package io.loonflow.bpmn.ticket;

import java.time.LocalDateTime;

/** A changed copy of a ticket row, column by column (the record has twenty components). */
final class TicketEdit {

    private final Ticket original;
    private String title;
    private long stateId;
    private long parentTicketId;
    private long parentTicketStateId;
    private int participantTypeId;
    private String participant;
    private String relation;
    private boolean inAddNode;
    private String addNodeMan;
    private boolean scriptRunLastResult;
    private String multiAllPerson;
    private int actStateId;
    private String procInstId;
    private boolean deleted;

    private TicketEdit(Ticket t) {
        original = t;
        title = t.title();
        stateId = t.stateId();
        parentTicketId = t.parentTicketId();
        parentTicketStateId = t.parentTicketStateId();
        participantTypeId = t.participantTypeId();
        participant = t.participant();
        relation = t.relation();
        inAddNode = t.inAddNode();
        addNodeMan = t.addNodeMan();
        scriptRunLastResult = t.scriptRunLastResult();
        multiAllPerson = t.multiAllPerson();
        actStateId = t.actStateId();
        procInstId = t.procInstId();
        deleted = t.deleted();
    }

    static TicketEdit of(Ticket ticket) {
        return new TicketEdit(ticket);
    }

    TicketEdit title(String value) {
        title = value;
        return this;
    }

    TicketEdit state(long value) {
        stateId = value;
        return this;
    }

    TicketEdit parentTicket(long value) {
        parentTicketId = value;
        return this;
    }

    TicketEdit parentTicketState(long value) {
        parentTicketStateId = value;
        return this;
    }

    TicketEdit participant(int typeId, String value) {
        participantTypeId = typeId;
        participant = value;
        return this;
    }

    TicketEdit relation(String value) {
        relation = value;
        return this;
    }

    /** In co-sign with the user who asked for it, or ({@code false}, "") not. */
    TicketEdit coSign(boolean active, String requester) {
        inAddNode = active;
        addNodeMan = requester;
        return this;
    }

    TicketEdit scriptRunLastResult(boolean value) {
        scriptRunLastResult = value;
        return this;
    }

    TicketEdit multiAllPerson(String value) {
        multiAllPerson = value;
        return this;
    }

    TicketEdit act(int value) {
        actStateId = value;
        return this;
    }

    TicketEdit procInst(String value) {
        procInstId = value;
        return this;
    }

    TicketEdit deleted(boolean value) {
        deleted = value;
        return this;
    }

    /** The changed row, modified at {@code now}. */
    Ticket build(LocalDateTime now) {
        Ticket t = original;
        return new Ticket(t.id(), title, t.workflowId(), t.sn(), stateId, parentTicketId, parentTicketStateId,
                participantTypeId, participant, relation, inAddNode, addNodeMan, scriptRunLastResult,
                multiAllPerson, actStateId, procInstId, t.creator(), t.gmtCreated(), now, deleted);
    }
}
