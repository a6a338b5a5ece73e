package io.loonflow.bpmn.ticket;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.compiler.BpmnContract;
import io.loonflow.bpmn.compiler.TransitionConditions;
import io.loonflow.bpmn.definition.Transition;
import io.loonflow.bpmn.definition.TransitionRepository;
import io.loonflow.bpmn.ticket.expression.ConditionEvaluator;
import io.loonflow.bpmn.ticket.expression.ConditionException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Evaluates a transition's condition entries for the exclusive gateway of a compiled workflow, over the ticket's
 * values overlaid with the request's (as loonflow did), with the safe evaluator instead of Python's eval.
 */
@Component(BpmnContract.CONDITIONS_BEAN)
class TicketConditions implements TransitionConditions {

    private final TicketRepository tickets;
    private final TicketValues values;
    private final TransitionRepository transitions;
    private final ObjectMapper json;
    private final ConditionEvaluator evaluator;

    TicketConditions(TicketRepository tickets, TicketValues values, TransitionRepository transitions,
                     ObjectMapper json, Clock clock) {
        this.tickets = tickets;
        this.values = values;
        this.transitions = transitions;
        this.json = json;
        this.evaluator = new ConditionEvaluator(clock);
    }

    @Override
    public boolean matches(DelegateExecution execution, long transitionId, int conditionIndex) {
        long ticketId = Long.parseLong(execution.getProcessBusinessKey());
        Map<String, Object> context = new LinkedHashMap<>(tickets.findActive(ticketId).map(values::of).orElseGet(Map::of));
        Object request = execution.getVariable(BpmnContract.REQUEST_VALUES_VARIABLE);
        if (request instanceof Map<?, ?> overlay) {
            overlay.forEach((key, value) -> context.put(String.valueOf(key), value));
        }
        String expression = expression(transitionId, conditionIndex);
        try {
            return evaluator.matches(expression, context);
        } catch (ConditionException e) {
            throw new ApiException("condition " + (conditionIndex + 1) + " of transition " + transitionId + ": "
                    + e.getMessage());
        }
    }

    private String expression(long transitionId, int index) {
        Transition transition = transitions.findActive(transitionId)
                .orElseThrow(() -> new ApiException("transition " + transitionId + " has been deleted"));
        try {
            JsonNode entries = json.readTree(transition.conditionExpression());
            JsonNode entry = entries == null ? null : entries.get(index);
            if (entry == null || !entry.path("expression").isTextual()) {
                throw new ApiException("transition " + transitionId + " has no condition " + (index + 1));
            }
            return entry.path("expression").asText();
        } catch (JsonProcessingException e) {
            throw new ApiException("transition " + transitionId + " has an invalid condition_expression");
        }
    }
}
