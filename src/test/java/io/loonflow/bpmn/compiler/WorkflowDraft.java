package io.loonflow.bpmn.compiler;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.Transition;
import io.loonflow.bpmn.definition.Workflow;

/** An in-memory workflow definition for compiler tests, with loonflow's defaults for everything not given. */
final class WorkflowDraft {

    static final BpmnCompilerProperties PROPERTIES = new BpmnCompilerProperties("R3/PT5M");
    private static final LocalDateTime NOW = LocalDateTime.of(2024, 1, 1, 0, 0);

    final long id;
    final String name;
    final List<State> states = new ArrayList<>();
    final List<Transition> transitions = new ArrayList<>();

    WorkflowDraft(long id, String name) {
        this.id = id;
        this.name = name;
    }

    Workflow workflow() {
        return new Workflow(id, name, "", "", true, "{}", "[]", "", "", "admin", NOW, NOW, false);
    }

    WorkflowDraft start(long stateId, String stateName) {
        return state(stateId, stateName, State.TYPE_START, 0, "");
    }

    WorkflowDraft normal(long stateId, String stateName) {
        return state(stateId, stateName, State.TYPE_NORMAL, 1, "admin");
    }

    WorkflowDraft end(long stateId, String stateName) {
        return state(stateId, stateName, State.TYPE_END, 0, "");
    }

    WorkflowDraft hook(long stateId, String stateName, boolean wait) {
        return state(stateId, stateName, State.TYPE_NORMAL, 10,
                "{\"hook_url\": \"http://hook.example/x\", \"hook_token\": \"secret\", \"wait\": " + wait + "}");
    }

    WorkflowDraft script(long stateId, String stateName) {
        return state(stateId, stateName, State.TYPE_NORMAL, 6, "1");
    }

    WorkflowDraft state(long stateId, String stateName, int type, int participantType, String participant) {
        states.add(new State(stateId, stateName, id, false, states.size(), type, participantType, participant, 2, "{}",
                "{}", false, false, "admin", NOW, NOW, false));
        return this;
    }

    WorkflowDraft transition(long transitionId, String transitionName, long source, long destination) {
        return transition(transitionId, transitionName, source, destination, Transition.TYPE_NORMAL, 0, "[]");
    }

    WorkflowDraft timer(long transitionId, String transitionName, long source, long destination, int seconds) {
        return transition(transitionId, transitionName, source, destination, Transition.TYPE_TIMER, seconds, "[]");
    }

    WorkflowDraft conditional(long transitionId, String transitionName, long source, long destination,
                              String conditionJson) {
        return transition(transitionId, transitionName, source, destination, Transition.TYPE_NORMAL, 0, conditionJson);
    }

    WorkflowDraft transition(long transitionId, String transitionName, long source, long destination, int type,
                             int timer, String conditions) {
        transitions.add(new Transition(transitionId, transitionName, id, type, timer, source, destination, conditions,
                1, false, false, "", "admin", NOW, NOW, false));
        return this;
    }

    Compilation compile() {
        return WorkflowCompiler.compile(workflow(), states, transitions, PROPERTIES);
    }
}
