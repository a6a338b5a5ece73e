package io.loonflow.bpmn.compiler;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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

    /** A random definition of 10 to 50 states of every kind with every kind of transition, loops included. */
    static WorkflowDraft random(long workflowId, long seed) {
        Random random = new Random(seed);
        int count = 10 + random.nextInt(40);
        WorkflowDraft draft = new WorkflowDraft(workflowId, "random " + seed).start(1, "start");
        List<Long> ids = new ArrayList<>(List.of(1L));
        for (long id = 2; id <= count; id++) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                draft.hook(id, "hook " + id, random.nextBoolean());
            } else if (kind == 1) {
                draft.script(id, "script " + id);
            } else if (kind == 2) {
                draft.end(id, "end " + id);
            } else {
                draft.normal(id, "state " + id);
            }
            ids.add(id);
        }
        long transition = 1;
        for (long source : ids) {
            int outgoing = random.nextInt(4);
            for (int i = 0; i < outgoing; i++) {
                long target = ids.get(random.nextInt(ids.size()));
                int type = random.nextInt(8);
                if (type == 0) {
                    draft.timer(transition, "timer " + transition, source, target, 60 * (1 + random.nextInt(100)));
                } else if (type == 1) {
                    long other = ids.get(random.nextInt(ids.size()));
                    draft.conditional(transition, "cond " + transition, source, target,
                            "[{\"expression\": \"{a} > " + i + "\", \"target_state_id\": " + other + "}]");
                } else {
                    draft.transition(transition, "t " + transition, source, target);
                }
                transition++;
            }
        }
        return draft;
    }

    Compilation compile() {
        return WorkflowCompiler.compile(workflow(), states, transitions, PROPERTIES);
    }
}
