package io.loonflow.bpmn.compiler;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The contract of the {@value BpmnContract#CONDITIONS_BEAN} bean that compiled condition flows call. The
 * implementation (a safe evaluator of loonflow's expression subset, spec §5.5) belongs to the ticket runtime.
 */
public interface TransitionConditions {

    /**
     * Does entry {@code conditionIndex} (0-based, in list order) of transition {@code transitionId}'s
     * {@code condition_expression} hold for the ticket of {@code execution} (business key = ticket id), evaluated
     * over the ticket's values overlaid with {@link BpmnContract#REQUEST_VALUES_VARIABLE} when present? Throwing
     * fails the engine command, as an evaluation error fails the operation in loonflow.
     */
    boolean matches(DelegateExecution execution, long transitionId, int conditionIndex);
}
