package io.loonflow.bpmn.ticket;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.JsonBody;
import io.loonflow.bpmn.api.Rules;
import io.loonflow.bpmn.api.Values;
import io.loonflow.bpmn.definition.CustomField;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.StateRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Overwriting a ticket's values (PATCH {@code /tickets/{id}/fields}, spec §4.10). loonflow let any caller of the
 * app rewrite any base column, including {@code id}, {@code state_id}, {@code participant}, {@code creator} and
 * {@code is_deleted}. Here: a workflow manager may set the title, the parent link, {@code script_run_last_result}
 * and every custom field; a current handler only the keys editable (2/3) in the ticket's current state; the columns
 * the engine and the ticket actions maintain cannot be changed at all (sending their current value is accepted, so
 * a client may send back what it read). Everything is validated before anything is written.
 */
@Service
class TicketFieldEdits {

    /** Ticket columns a manager may write through this endpoint. */
    private static final Set<String> WRITABLE_COLUMNS = Set.of("title", "parent_ticket_id", "parent_ticket_state_id",
            "script_run_last_result");

    private final TicketAccess access;
    private final StateRepository states;
    private final TicketValues values;
    private final FieldValueStore fieldValues;
    private final TicketRepository tickets;
    private final Clock clock;

    TicketFieldEdits(TicketAccess access, StateRepository states, TicketValues values, FieldValueStore fieldValues,
                     TicketRepository tickets, Clock clock) {
        this.access = access;
        this.states = states;
        this.values = values;
        this.fieldValues = fieldValues;
        this.tickets = tickets;
        this.clock = clock;
    }

    @Transactional
    Map<String, Object> update(Caller caller, long ticketId, String rawBody) {
        if (rawBody == null || rawBody.isBlank()) {
            throw new ApiException("post参数为空");
        }
        JsonBody body = JsonBody.parse(rawBody);
        Ticket ticket = access.lockForApp(caller, ticketId, "");
        if (!caller.hasUsername()) {
            throw new ApiException("参数不全，请提供username", "");
        }
        StateFieldConfig handlerFields = null;
        if (!access.isManager(ticket, caller.username())) {
            State state = states.findActive(ticket.stateId()).orElse(null);
            if (state == null || !access.handleRight(ticket, state, caller.username()).permitted()) {
                throw new ApiException("user has no permission to modify the fields of this ticket: only a workflow"
                        + " manager or a current handler may", "");
            }
            handlerFields = StateFieldConfig.of(state);
        }

        Map<String, Object> columns = TicketDict.of(ticket);
        Map<String, CustomField> custom = new LinkedHashMap<>();
        List<CustomField> fields = values.fieldsOf(ticket.workflowId());
        fields.forEach(field -> custom.put(field.fieldKey(), field));
        TicketEdit edit = TicketEdit.of(ticket);
        Map<String, JsonNode> customValues = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            boolean column = columns.containsKey(key) || key.equals("ticket_type_id");
            if (column && !WRITABLE_COLUMNS.contains(key)) {
                if (!sameValue(columns.get(key), value)) {
                    throw new ApiException(key + " cannot be changed through the fields endpoint: it is maintained by"
                            + " the workflow engine and the ticket actions", "");
                }
                continue;
            }
            if (!column && !custom.containsKey(key)) {
                continue; // loonflow ignores keys that are neither ticket columns nor custom fields
            }
            if (handlerFields != null && !handlerFields.editable(key)) {
                throw new ApiException("field " + key + " is not editable in the ticket's current state", "");
            }
            if (!column) {
                customValues.put(key, value);
                continue;
            }
            switch (key) {
                case "title" -> {
                    String title = value.isNull() ? "" : value.isValueNode() ? value.asText() : null;
                    if (title == null) {
                        throw ApiException.invalidParameter("Key 'title' error: " + value
                                + " should be instance of 'str'");
                    }
                    Rules.checkLength(key, title, 500);
                    edit.title(title);
                }
                case "parent_ticket_id" -> edit.parentTicket(Values.toLong(key, value));
                case "parent_ticket_state_id" -> edit.parentTicketState(Values.toLong(key, value));
                default -> edit.scriptRunLastResult(Values.toBoolean(key, value));
            }
        }
        LocalDateTime now = LocalDateTime.now(clock);
        try {
            fieldValues.store(ticketId, fields, customValues, now);
        } catch (ApiException e) {
            throw new ApiException(e.getMessage(), "");
        }
        tickets.update(edit.build(now), now);
        return Map.of();
    }

    /** A column sent back unchanged (as read from the ticket dict) is not a change. */
    private static boolean sameValue(Object current, JsonNode sent) {
        if (current == null) {
            return false;
        }
        String text = sent.isTextual() ? sent.asText() : sent.toString();
        return String.valueOf(current).equals(text);
    }
}
