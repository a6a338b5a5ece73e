package io.loonflow.bpmn.compiler;

import java.util.List;

/**
 * The process a workflow compiles to, before it becomes BPMN XML: flow nodes, sequence flows in document order,
 * and the blocks the layout places (one per state, plus the start event).
 */
record ProcessGraph(long workflowId, String processId, String processName, List<Node> nodes, List<Flow> flows,
                    List<Block> blocks) {

    enum Kind { START_EVENT, USER_TASK, HOOK_TASK, SCRIPT_TASK, HOOK_CALLBACK, GATEWAY, END_EVENT, TIMER }

    /**
     * A flow node. For {@link Kind#TIMER}: {@code attachedTo} is the host activity, {@code timerSeconds} the
     * duration and {@code transitionId} the transition it performs.
     */
    record Node(String id, Kind kind, String name, String attachedTo, long timerSeconds, long transitionId) {

        static Node of(String id, Kind kind, String name) {
            return new Node(id, kind, name, null, 0, 0);
        }

        boolean isTask() {
            return kind == Kind.USER_TASK || kind == Kind.HOOK_TASK || kind == Kind.SCRIPT_TASK
                    || kind == Kind.HOOK_CALLBACK;
        }
    }

    /** A sequence flow; {@code condition} is a JUEL expression or null, {@code expression} loonflow's text or null. */
    record Flow(String id, String source, String target, String name, String condition, String expression) {
    }

    /** Nodes drawn side by side, left to right, joined by straight flows; timers hang on {@code timerHost}. */
    record Block(String id, List<String> nodes, String timerHost) {

        String first() {
            return nodes.get(0);
        }

        String last() {
            return nodes.get(nodes.size() - 1);
        }
    }

    boolean hasHookCallback() {
        return nodes.stream().anyMatch(node -> node.kind() == Kind.HOOK_CALLBACK);
    }
}
