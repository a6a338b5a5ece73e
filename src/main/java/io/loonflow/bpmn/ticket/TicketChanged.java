package io.loonflow.bpmn.ticket;

/**
 * Published synchronously, inside the transaction of every ticket change loonflow sends notices for (create and
 * handle, engine-driven handles included) and of deliver and add_node, which loonflow forgot to notify. Listeners
 * run in the same transaction, so what they write (the notice outbox) commits or rolls back with the change.
 * Published after the ticket row, its values and its flow-log line are written.
 */
public record TicketChanged(long ticketId, Action action) {

    public enum Action {
        CREATE, HANDLE, DELIVER, ADD_NODE
    }
}
