package io.loonflow.bpmn.compiler;

import java.util.List;

import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.StateRepository;
import io.loonflow.bpmn.definition.Transition;
import io.loonflow.bpmn.definition.TransitionRepository;
import io.loonflow.bpmn.definition.Workflow;
import io.loonflow.bpmn.definition.WorkflowRepository;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.stereotype.Service;

/**
 * Compiles a loonflow workflow definition into an executable BPMN process with a laid-out diagram. The names the
 * compiled process shares with the runtime are in {@link BpmnContract}. Compiling never throws for bad definitions:
 * a workflow that cannot be compiled gives a {@link Compilation} with the reason.
 */
@Service
public class WorkflowCompiler {

    private final WorkflowRepository workflows;
    private final StateRepository states;
    private final TransitionRepository transitions;
    private final BpmnCompilerProperties properties;

    WorkflowCompiler(WorkflowRepository workflows, StateRepository states, TransitionRepository transitions,
                     BpmnCompilerProperties properties) {
        this.workflows = workflows;
        this.states = states;
        this.transitions = transitions;
        this.properties = properties;
    }

    /** Compiles the stored, non-deleted definition of a workflow. */
    public Compilation compile(long workflowId) {
        return workflows.findActive(workflowId)
                .map(workflow -> compile(workflow, states.findActiveByWorkflow(workflowId),
                        transitions.findActiveByWorkflow(workflowId), properties))
                .orElseGet(() -> Compilation.failed(workflowId,
                        "workflow " + workflowId + " is not existed or has been deleted", List.of()));
    }

    /** Compiles a definition given as records; deleted rows and rows of other workflows are ignored. */
    static Compilation compile(Workflow workflow, List<State> states, List<Transition> transitions,
                               BpmnCompilerProperties properties) {
        ProcessGraphBuilder.Result result = ProcessGraphBuilder.build(workflow, states, transitions);
        if (result.graph() == null) {
            return Compilation.failed(workflow.id(), result.problem(), result.warnings());
        }
        BpmnModelInstance model = BpmnModelWriter.write(result.graph(), DiagramLayout.layout(result.graph()),
                properties);
        return Compilation.of(workflow.id(), model, result.warnings());
    }
}
