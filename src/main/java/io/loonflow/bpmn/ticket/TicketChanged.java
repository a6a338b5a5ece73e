package io.loonflow.bpmn.ticket;

/**
 * Published synchronously, inside the transaction of every ticket change loonflow sends notices for (create and
 * handle, engine-driven handles included) and of deliver and add_node, which loonflow forgot to notify. Listeners
 * run in the same transaction, so what they write (the notice outbox) commits or rolls back with the change.
 * Published after the ticket row, its values and its flow-log line are written.
 */
public record TicketChanged(Ticket ticket, Action action) {

    /**
     * {@code ticket} is the row as the change wrote it, so listeners need not read it again: its workflow, parent and
     * state are current.
     */
    public TicketChanged {
        java.util.Objects.requireNonNull(ticket, "ticket");
    }

    public long ticketId() {
        return ticket.id();
    }

    public enum Action {
        CREATE, HANDLE, DELIVER, ADD_NODE
    }
}
