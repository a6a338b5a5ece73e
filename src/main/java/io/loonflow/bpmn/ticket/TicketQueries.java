package io.loonflow.bpmn.ticket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.StateRepository;
import io.loonflow.bpmn.definition.Transition;
import io.loonflow.bpmn.definition.TransitionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read-only views of one ticket. */
@Service
@Transactional(readOnly = true)
class TicketQueries {

    private final TicketAccess access;
    private final StateRepository states;
    private final TransitionRepository transitions;

    TicketQueries(TicketAccess access, StateRepository states, TransitionRepository transitions) {
        this.access = access;
        this.states = states;
        this.transitions = transitions;
    }

    /**
     * What the user can do now (spec §4.6): nothing without permission, the pseudo actions "完成" (co-sign) or
     * "接单" (accept), else the state's transitions. Unlike loonflow, timer transitions are not offered as buttons:
     * the engine performs them.
     */
    Map<String, Object> transitions(Caller caller, long ticketId) {
        Ticket ticket = access.forApp(caller, ticketId, "");
        if (!caller.hasUsername()) {
            throw new ApiException("参数不全，请提供username", "");
        }
        State state = states.findActive(ticket.stateId()).orElse(null);
        List<Map<String, Object>> buttons = new ArrayList<>();
        if (state != null) {
            TicketAccess.HandleRight right = access.handleRight(ticket, state, caller.username());
            if (right.permitted() && right.inAddNode()) {
                buttons.add(pseudo("完成", false, true));
            } else if (right.permitted() && right.needAccept()) {
                buttons.add(pseudo("接单", true, false));
            } else if (right.permitted()) {
                for (Transition transition : transitions.findActiveBySource(state.id())) {
                    if (!transition.isTimer()) {
                        buttons.add(button(transition));
                    }
                }
            }
        }
        return Map.of("value", buttons);
    }

    private static Map<String, Object> button(Transition t) {
        Map<String, Object> button = new LinkedHashMap<>();
        button.put("transition_id", t.id());
        button.put("transition_name", t.name());
        button.put("field_require_check", t.fieldRequireCheck());
        button.put("is_accept", false);
        button.put("in_add_node", false);
        button.put("alert_enable", t.alertEnable());
        button.put("alert_text", t.alertText());
        button.put("attribute_type_id", t.attributeTypeId());
        return button;
    }

    private static Map<String, Object> pseudo(String name, boolean accept, boolean inAddNode) {
        Map<String, Object> button = new LinkedHashMap<>();
        button.put("transition_id", 0);
        button.put("transition_name", name);
        button.put("field_require_check", false);
        button.put("is_accept", accept);
        button.put("in_add_node", inAddNode);
        button.put("alert_enable", false);
        button.put("alert_text", "");
        button.put("attribute_type_id", 3);
        return button;
    }
}
