package io.loonflow.bpmn.automation.script;

import java.util.Map;

/**
 * The globals a script sees: loonflow's {@code ticket_id} and {@code action_from}, plus {@code ticket} (the ticket
 * dict and custom field values, as a hook receives them).
 */
public record ScriptInput(long ticketId, String actionFrom, Map<String, Object> ticket) {

    public ScriptInput {
        ticket = ticket == null ? Map.of() : ticket;
    }
}
