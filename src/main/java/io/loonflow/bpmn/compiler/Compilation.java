package io.loonflow.bpmn.compiler;

import java.util.List;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The outcome of compiling one workflow: a model, or the reason there is none. {@code warnings} name the parts of
 * the definition that were left out of the model (see {@code docs/compat-notes/compiler.md}).
 */
public record Compilation(long workflowId, BpmnModelInstance model, String problem, List<String> warnings) {

    static Compilation of(long workflowId, BpmnModelInstance model, List<String> warnings) {
        return new Compilation(workflowId, model, null, List.copyOf(warnings));
    }

    static Compilation failed(long workflowId, String problem, List<String> warnings) {
        return new Compilation(workflowId, null, problem, List.copyOf(warnings));
    }

    public boolean compiled() {
        return model != null;
    }

    /** The BPMN XML (with diagram); only for a compiled workflow. */
    public String xml() {
        if (model == null) {
            throw new IllegalStateException("workflow " + workflowId + " was not compiled: " + problem);
        }
        return Bpmn.convertToString(model);
    }
}
