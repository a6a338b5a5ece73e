package io.loonflow.bpmn.compiler;

import java.util.OptionalLong;

/**
 * Every name a compiled loonflow process shares with the code that runs it: ids, variables, beans and messages.
 * The ticket runtime and the automation package implement the beans named here; nothing else should spell these
 * strings.
 *
 * <h2>Shape of a compiled workflow {@code W}</h2>
 * <ul>
 *   <li>Process {@code loonflow_W} (executable, named after the workflow). One process instance per ticket, with
 *       the ticket id as business key ({@link #businessKey(long)}).</li>
 *   <li>The start state {@code S} (the first non-deleted start state by id): start event {@code state_S_start} →
 *       user task {@code state_S}. Further start states are plain user tasks.</li>
 *   <li>A normal state {@code S}: user task {@code state_S}; its create listener is
 *       {@link #PARTICIPANT_RESOLVER_BEAN}.</li>
 *   <li>A script state (participant type 6): async service task {@code state_S} calling
 *       {@link #SCRIPT_DELEGATE_BEAN}.</li>
 *   <li>A hook state (participant type 10): async service task {@code state_S} calling {@link #HOOK_DELEGATE_BEAN};
 *       when the hook's {@code wait} is truthy it is followed by the receive task {@code state_S_hook_callback} that
 *       waits for message {@link #HOOK_CALLBACK_MESSAGE}.</li>
 *   <li>An end state: end event {@code state_S}.</li>
 *   <li>Every state that is not an end state and has outgoing transitions is followed by the exclusive gateway
 *       {@code state_S_gateway}. A state without (compilable) outgoing transitions has no gateway and no outgoing
 *       flow: completing its task would end the process, so the runtime must never do that, and the hook and
 *       script delegates must fail when their state has no outgoing transition (loonflow's job crashes too).</li>
 *   <li>A transition {@code T: S → D}: sequence flow {@code transition_T} from {@code state_S_gateway} to
 *       {@code state_D} with condition {@code ${transition_id == T}}. Each entry {@code i} (0-based) of its
 *       {@code condition_expression} adds flow {@code transition_T_condition_i} to that entry's target, with condition
 *       {@code ${transition_id == T && loonflowConditions.matches(execution, T, i)}}; these flows precede
 *       {@code transition_T} in document order, and Camunda's exclusive gateway takes the first flow whose condition
 *       is true, so the conditions are tried in list order and {@code transition_T} is the fallback.</li>
 *   <li>A timer transition {@code T} (type 2) additionally gets the interrupting boundary timer
 *       {@code transition_T_timer} (duration {@code PT<timer>S}) on the state's waiting activity (the user task, or
 *       the hook callback receive task). When it fires, {@link #TIMER_BEAN} sets {@link #TRANSITION_VARIABLE} to {@code T} and it follows
 *       {@code transition_T_timer_flow} into {@code state_S_gateway}, so a timer move takes exactly the route a person
 *       choosing {@code T} would take, conditions included.</li>
 * </ul>
 *
 * <h2>What the runtime does</h2>
 * To perform transition {@code T} on a ticket waiting in user task {@code state_S}, complete that task with the
 * variable {@link #TRANSITION_VARIABLE} = {@code T}; to release a waiting hook, correlate
 * {@link #HOOK_CALLBACK_MESSAGE} with the same variable. After a successful run, the hook and script delegates set
 * {@link #TRANSITION_VARIABLE} to the state's first outgoing transition before returning. A transition id without a
 * flow out of the gateway makes the engine command fail (nothing is changed) — except that Camunda forbids a
 * condition on a gateway's only flow, so a state whose single outgoing flow is a plain transition follows it
 * whatever the id. The runtime therefore checks that the transition leaves the current state before completing,
 * as loonflow does (spec ticket-api §5.6.1 step 5).
 */
public final class BpmnContract {

    private BpmnContract() {
    }

    /** Prefix of process definition keys, deployment names and resource names: {@code loonflow_<workflowId>}. */
    public static final String PROCESS_KEY_PREFIX = "loonflow_";

    /** Prefix of the ids of the activities that stand for a state: {@code state_<stateId>}. */
    public static final String STATE_ID_PREFIX = "state_";

    /** Prefix of the ids of the sequence flows that stand for a transition: {@code transition_<transitionId>}. */
    public static final String TRANSITION_ID_PREFIX = "transition_";

    /**
     * Process variable (a number) naming the transition being performed; every flow out of a state's gateway tests
     * it. Set it when completing a state's user task or correlating {@link #HOOK_CALLBACK_MESSAGE}; hook and script
     * delegates set it on success; {@link #TIMER_BEAN} sets it for a boundary timer. Always set it transient
     * ({@code Variables.longValue(id, true)}): a stored value would clash with the next transient one (ENGINE-17006).
     */
    public static final String TRANSITION_VARIABLE = "transition_id";

    /**
     * Optional transient process variable ({@code Map<String, Object>}) with the request values of the action being
     * performed. loonflow evaluates condition expressions over the ticket's values overlaid with the request's; the
     * {@link #CONDITIONS_BEAN} reads the ticket values itself and overlays this map when present.
     */
    public static final String REQUEST_VALUES_VARIABLE = "loonflow_request";

    /**
     * Bean implementing {@link TransitionConditions}. Called from the conditions of {@code transition_T_condition_i}
     * flows as {@code loonflowConditions.matches(execution, T, i)}: does entry {@code i} (0-based, in list order) of
     * transition {@code T}'s {@code condition_expression} hold? The expression text is also on the flow as the
     * {@code camunda:property} {@link #EXPRESSION_PROPERTY}, so the deployed version's text can be evaluated.
     */
    public static final String CONDITIONS_BEAN = "loonflowConditions";

    /**
     * Bean (a {@code org.camunda.bpm.engine.delegate.TaskListener}) called when any state's user task is created: it
     * resolves the state's participants (spec §5.2) into assignee / candidate users. The state id is
     * {@link #stateId(String)} of the task definition key.
     */
    public static final String PARTICIPANT_RESOLVER_BEAN = "loonflowParticipantResolver";

    /**
     * Bean (a {@code org.camunda.bpm.engine.delegate.JavaDelegate}) run by the job executor for a hook state's
     * service task: posts the hook (spec §5.14). Throwing makes the job retry per the configured
     * {@code failedJobRetryTimeCycle} and then raise an incident. On success it sets {@link #TRANSITION_VARIABLE}
     * (needed when {@code wait} is false; harmless otherwise).
     */
    public static final String HOOK_DELEGATE_BEAN = "loonflowHookDelegate";

    /** Bean (a {@code JavaDelegate}) run by the job executor for a script state's service task (spec §5.13). */
    public static final String SCRIPT_DELEGATE_BEAN = "loonflowScriptDelegate";

    /**
     * Bean with {@code fire(DelegateExecution, long transitionId)}, called by a boundary timer's start listener: sets
     * {@link #TRANSITION_VARIABLE} (transient) and makes the move a robot handle of the ticket (spec §5.12).
     */
    public static final String TIMER_BEAN = "loonflowTimers";

    /** Message a waiting hook state's receive task waits for (the {@code hook_call_back} endpoint correlates it). */
    public static final String HOOK_CALLBACK_MESSAGE = "hook_call_back";

    /** {@code camunda:property} on a condition flow holding the loonflow expression text. */
    public static final String EXPRESSION_PROPERTY = "expression";

    public static final String START_EVENT_SUFFIX = "_start";
    public static final String GATEWAY_SUFFIX = "_gateway";
    public static final String HOOK_CALLBACK_SUFFIX = "_hook_callback";
    public static final String TIMER_SUFFIX = "_timer";

    /** {@code loonflow_<workflowId>}: process key, deployment name, resource name without {@code .bpmn}. */
    public static String processKey(long workflowId) {
        return PROCESS_KEY_PREFIX + workflowId;
    }

    /** Resource name of a workflow's deployment: {@code loonflow_<workflowId>.bpmn}. */
    public static String resourceName(long workflowId) {
        return processKey(workflowId) + ".bpmn";
    }

    /** Business key of a ticket's process instance: the ticket id in decimal. */
    public static String businessKey(long ticketId) {
        return Long.toString(ticketId);
    }

    /** {@code state_<stateId>}: the user task, service task or end event of a state. */
    public static String stateActivityId(long stateId) {
        return STATE_ID_PREFIX + stateId;
    }

    public static String startEventId(long startStateId) {
        return stateActivityId(startStateId) + START_EVENT_SUFFIX;
    }

    public static String gatewayId(long stateId) {
        return stateActivityId(stateId) + GATEWAY_SUFFIX;
    }

    public static String hookCallbackId(long stateId) {
        return stateActivityId(stateId) + HOOK_CALLBACK_SUFFIX;
    }

    /** {@code transition_<transitionId>}: the plain (fallback) flow of a transition. */
    public static String transitionFlowId(long transitionId) {
        return TRANSITION_ID_PREFIX + transitionId;
    }

    /** {@code transition_<transitionId>_condition_<index>}: the flow of one condition_expression entry. */
    public static String conditionFlowId(long transitionId, int conditionIndex) {
        return transitionFlowId(transitionId) + "_condition_" + conditionIndex;
    }

    /**
     * {@code transition_<transitionId>_unmatched}: when a state's only flow would be a condition flow (a transition
     * with one condition and no valid destination), this never-taken flow back to the state keeps that condition
     * (Camunda forbids a condition on a gateway's only flow), so a false condition fails as in loonflow.
     */
    public static String unmatchedFlowId(long transitionId) {
        return transitionFlowId(transitionId) + "_unmatched";
    }

    public static String timerEventId(long transitionId) {
        return transitionFlowId(transitionId) + TIMER_SUFFIX;
    }

    public static String timerFlowId(long transitionId) {
        return timerEventId(transitionId) + "_flow";
    }

    /** Condition of a transition's plain flow. */
    public static String transitionCondition(long transitionId) {
        return "${" + TRANSITION_VARIABLE + " == " + transitionId + "}";
    }

    /** Condition of a transition's condition_expression flow {@code conditionIndex}. */
    public static String conditionFlowCondition(long transitionId, int conditionIndex) {
        return "${" + TRANSITION_VARIABLE + " == " + transitionId + " && " + CONDITIONS_BEAN + ".matches(execution, "
                + transitionId + ", " + conditionIndex + ")}";
    }

    /**
     * Start listener of a boundary timer: {@link #TIMER_BEAN} performs its transition by naming it in
     * {@link #TRANSITION_VARIABLE} (transient, like every other move) and records the move on the ticket.
     */
    public static String timerStartExpression(long transitionId) {
        return "${" + TIMER_BEAN + ".fire(execution, " + transitionId + ")}";
    }

    /** The workflow id of a process definition key {@code loonflow_<id>}, if it is one. */
    public static OptionalLong workflowId(String processKey) {
        return numberAfter(PROCESS_KEY_PREFIX, processKey);
    }

    /** The state id of an activity id {@code state_<id>} (exactly; derived ids such as gateways give empty). */
    public static OptionalLong stateId(String activityId) {
        return numberAfter(STATE_ID_PREFIX, activityId);
    }

    /** The transition id of a flow id {@code transition_<id>} (exactly; condition and timer flows give empty). */
    public static OptionalLong transitionId(String flowId) {
        return numberAfter(TRANSITION_ID_PREFIX, flowId);
    }

    private static OptionalLong numberAfter(String prefix, String id) {
        if (id == null || !id.startsWith(prefix) || id.length() == prefix.length()
                || id.length() - prefix.length() > 18) {
            return OptionalLong.empty();
        }
        for (int i = prefix.length(); i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseLong(id.substring(prefix.length())));
    }
}
