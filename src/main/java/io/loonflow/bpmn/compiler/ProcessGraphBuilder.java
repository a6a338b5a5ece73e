package io.loonflow.bpmn.compiler;

import io.loonflow.bpmn.api.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.compiler.ProcessGraph.Block;
import io.loonflow.bpmn.compiler.ProcessGraph.Flow;
import io.loonflow.bpmn.compiler.ProcessGraph.Kind;
import io.loonflow.bpmn.compiler.ProcessGraph.Node;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.Transition;
import io.loonflow.bpmn.definition.Workflow;

/**
 * Turns a workflow's non-deleted states and transitions into a {@link ProcessGraph}. Pure: no database, no engine.
 * Everything is emitted in id order, so the same definition always gives the same graph (and the same XML, which
 * lets the engine's duplicate filter skip unchanged definitions).
 */
final class ProcessGraphBuilder {

    static final int PARTICIPANT_SCRIPT = 6;
    static final int PARTICIPANT_HOOK = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A graph, or the reason there is none; warnings name the parts of the definition that were left out. */
    record Result(ProcessGraph graph, String problem, List<String> warnings) {
    }

    private record Condition(String expression, long targetStateId) {
    }

    private final Workflow workflow;
    private final Map<Long, State> states = new LinkedHashMap<>();
    private final List<Transition> transitions;
    private final List<String> warnings = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<Flow> flows = new ArrayList<>();
    private final List<Block> blocks = new ArrayList<>();

    private ProcessGraphBuilder(Workflow workflow, List<State> states, List<Transition> transitions) {
        this.workflow = workflow;
        states.stream().filter(state -> !state.deleted() && state.workflowId() == workflow.id())
                .sorted(Comparator.comparingLong(State::id)).forEach(state -> this.states.put(state.id(), state));
        this.transitions = transitions.stream()
                .filter(transition -> !transition.deleted() && transition.workflowId() == workflow.id())
                .sorted(Comparator.comparingLong(Transition::id)).toList();
    }

    static Result build(Workflow workflow, List<State> states, List<Transition> transitions) {
        return new ProcessGraphBuilder(workflow, states, transitions).build();
    }

    private Result build() {
        if (workflow.deleted()) {
            return new Result(null, "workflow " + workflow.id() + " is deleted", warnings);
        }
        State start = states.values().stream().filter(State::isStart).findFirst().orElse(null);
        if (start == null) {
            return new Result(null, "workflow " + workflow.id() + " has no start state", warnings);
        }
        Map<Long, List<Transition>> bySource = usableTransitionsBySource();

        String startEvent = BpmnContract.startEventId(start.id());
        nodes.add(Node.of(startEvent, Kind.START_EVENT, ""));
        blocks.add(new Block(startEvent, List.of(startEvent), null));
        flows.add(new Flow(startEvent + "_flow", startEvent, BpmnContract.stateActivityId(start.id()), "", null, null));

        for (State state : states.values()) {
            addState(state, bySource.getOrDefault(state.id(), List.of()));
        }
        ProcessGraph graph = new ProcessGraph(workflow.id(), BpmnContract.processKey(workflow.id()),
                xmlSafe(workflow.name()), List.copyOf(nodes), List.copyOf(flows), List.copyOf(blocks));
        return new Result(graph, null, List.copyOf(warnings));
    }

    /** Transitions that can be compiled, by source state, in id order; the rest are reported as warnings. */
    private Map<Long, List<Transition>> usableTransitionsBySource() {
        Map<Long, List<Transition>> bySource = new HashMap<>();
        for (Transition transition : transitions) {
            State source = states.get(transition.sourceStateId());
            if (source == null) {
                warn(transition, "its source state " + transition.sourceStateId() + " is not a state of this workflow");
                continue;
            }
            if (source.isEnd()) {
                warn(transition, "it leaves the end state " + source.id() + " (a finished ticket has no actions)");
                continue;
            }
            bySource.computeIfAbsent(source.id(), id -> new ArrayList<>()).add(transition);
        }
        return bySource;
    }

    private void addState(State state, List<Transition> outgoing) {
        String activity = BpmnContract.stateActivityId(state.id());
        if (state.isEnd()) {
            nodes.add(Node.of(activity, Kind.END_EVENT, xmlSafe(state.name())));
            blocks.add(new Block(activity, List.of(activity), null));
            return;
        }
        List<String> chain = new ArrayList<>();
        String waiting; // the activity a ticket waits in, which carries the boundary timers
        // every start state is a user task: a ticket arriving there goes back to its creator (spec §5.2 A)
        int participantType = state.participantTypeId();
        boolean automatic = !state.isStart()
                && (participantType == PARTICIPANT_HOOK || participantType == PARTICIPANT_SCRIPT);
        if (!automatic) {
            nodes.add(Node.of(activity, Kind.USER_TASK, xmlSafe(state.name())));
            chain.add(activity);
            waiting = activity;
        } else if (participantType == PARTICIPANT_SCRIPT) {
            nodes.add(Node.of(activity, Kind.SCRIPT_TASK, xmlSafe(state.name())));
            chain.add(activity);
            waiting = null;
        } else {
            nodes.add(Node.of(activity, Kind.HOOK_TASK, xmlSafe(state.name())));
            chain.add(activity);
            if (hookWaits(state)) {
                String callback = BpmnContract.hookCallbackId(state.id());
                nodes.add(Node.of(callback, Kind.HOOK_CALLBACK, BpmnContract.HOOK_CALLBACK_MESSAGE));
                chain.add(callback);
                flows.add(new Flow(activity + "_flow", activity, callback, "", null, null));
                waiting = callback;
            } else {
                waiting = null;
            }
        }
        String gateway = BpmnContract.gatewayId(state.id());
        List<Flow> gatewayFlows = new ArrayList<>();
        List<Transition> compiled = new ArrayList<>();
        List<Node> timers = new ArrayList<>();
        List<Flow> timerFlows = new ArrayList<>();
        for (Transition transition : outgoing) {
            if (!addTransitionFlows(gateway, transition, gatewayFlows)) {
                continue;
            }
            compiled.add(transition);
            if (!transition.isTimer()) {
                continue;
            }
            if (waiting == null) {
                warn(transition, "timer transitions of script states and hook states without wait are not compiled:"
                        + " the engine runs those states as jobs, a ticket never waits in them");
                continue;
            }
            String timer = BpmnContract.timerEventId(transition.id());
            timers.add(new Node(timer, Kind.TIMER, xmlSafe(transition.name()), waiting,
                    Math.max(0, transition.timer()), transition.id()));
            timerFlows.add(new Flow(BpmnContract.timerFlowId(transition.id()), timer, gateway, "", null, null));
        }
        if (gatewayFlows.isEmpty()) {
            // Camunda rejects a gateway without outgoing flows; the runtime never completes such a state
            blocks.add(new Block(activity, List.copyOf(chain), null));
            return;
        }
        String last = chain.get(chain.size() - 1);
        nodes.add(Node.of(gateway, Kind.GATEWAY, ""));
        flows.add(new Flow(last + "_flow", last, gateway, "", null, null));
        chain.add(gateway);
        if (gatewayFlows.size() == 1) {
            Flow only = gatewayFlows.get(0);
            if (only.expression() == null) {
                // Camunda forbids a condition on a gateway's only flow: the one transition is taken unconditionally
                gatewayFlows.set(0, new Flow(only.id(), only.source(), only.target(), only.name(), null, null));
            } else {
                // a lone condition must still be able to fail: a second flow that never holds keeps it conditional
                gatewayFlows.add(new Flow(BpmnContract.unmatchedFlowId(compiled.get(0).id()), gateway, activity,
                        "", "${false}", null));
            }
        }
        flows.addAll(gatewayFlows);
        nodes.addAll(timers);
        flows.addAll(timerFlows);
        blocks.add(new Block(activity, List.copyOf(chain), timers.isEmpty() ? null : waiting));
    }

    /** Adds a transition's flows out of its source's gateway; false when it cannot be compiled (warned). */
    private boolean addTransitionFlows(String gateway, Transition transition, List<Flow> out) {
        List<Condition> conditions;
        try {
            conditions = conditions(transition.conditionExpression());
        } catch (IllegalArgumentException e) {
            warn(transition, "its condition_expression is invalid: " + e.getMessage());
            return false;
        }
        for (int i = 0; i < conditions.size(); i++) {
            if (!states.containsKey(conditions.get(i).targetStateId())) {
                warn(transition, "condition " + i + " targets " + conditions.get(i).targetStateId()
                        + ", which is not a state of this workflow");
                return false;
            }
        }
        boolean fallback = states.containsKey(transition.destinationStateId());
        if (!fallback && conditions.isEmpty()) {
            warn(transition, "its destination " + transition.destinationStateId() + " is not a state of this workflow");
            return false;
        }
        for (int i = 0; i < conditions.size(); i++) {
            Condition condition = conditions.get(i);
            out.add(new Flow(BpmnContract.conditionFlowId(transition.id(), i), gateway,
                    BpmnContract.stateActivityId(condition.targetStateId()), condition.expression(),
                    BpmnContract.conditionFlowCondition(transition.id(), i), condition.expression()));
        }
        if (fallback) {
            out.add(new Flow(BpmnContract.transitionFlowId(transition.id()), gateway,
                    BpmnContract.stateActivityId(transition.destinationStateId()), xmlSafe(transition.name()),
                    BpmnContract.transitionCondition(transition.id()), null));
        } else {
            warnings.add("transition " + transition.id() + ": destination " + transition.destinationStateId()
                    + " is not a state of this workflow; it fails when no condition holds");
        }
        return true;
    }

    /** loonflow's condition_expression: a JSON list of {expression, target_state_id}; "" or [] means none. */
    static List<Condition> conditions(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        JsonNode list;
        try {
            list = JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("not a JSON list");
        }
        List<Condition> result = new ArrayList<>();
        for (JsonNode entry : list) {
            JsonNode expression = entry.path("expression");
            JsonNode target = entry.path("target_state_id");
            if (!expression.isTextual()) {
                throw new IllegalArgumentException("entry " + result.size() + " has no expression text");
            }
            long targetId;
            if (target.isIntegralNumber() && target.canConvertToLong()) {
                targetId = target.asLong();
            } else if (target.isTextual() && target.asText().matches("\\d{1,18}")) {
                targetId = Long.parseLong(target.asText());
            } else {
                throw new IllegalArgumentException("entry " + result.size() + " has no integer target_state_id");
            }
            result.add(new Condition(xmlSafe(expression.asText()), targetId));
        }
        return result;
    }

    /** The hook's {@code wait} flag with Python truthiness; a participant that is not a JSON object counts as false. */
    static boolean hookWaits(State state) {
        JsonNode config;
        try {
            config = JSON.readTree(state.participant());
        } catch (Exception e) {
            return false;
        }
        if (config == null || !config.isObject()) {
            return false;
        }
        return Values.pythonTruthy(config.get("wait"));
    }


    /** Drops the characters XML 1.0 cannot carry (control characters, U+FFFE...): the engine would reject the file. */
    static String xmlSafe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000).forEach(safe::appendCodePoint);
        return safe.toString();
    }

    private void warn(Transition transition, String why) {
        warnings.add("transition " + transition.id() + " is left out: " + why);
    }
}
