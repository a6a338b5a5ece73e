package io.loonflow.bpmn.compiler;

import java.util.Map;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.definition.WorkflowPermissions;
import io.loonflow.bpmn.definition.WorkflowRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The BPMN XML of a workflow's current definition, for callers allowed to use the workflow. */
@Service
class BpmnDiagramService {

    private final WorkflowPermissions permissions;
    private final WorkflowRepository workflows;
    private final WorkflowCompiler compiler;

    BpmnDiagramService(WorkflowPermissions permissions, WorkflowRepository workflows, WorkflowCompiler compiler) {
        this.permissions = permissions;
        this.workflows = workflows;
        this.compiler = compiler;
    }

    /**
     * Compiled from the stored definition, which every change redeploys in its own transaction, so this is the
     * latest deployed process whenever the definition is compilable.
     */
    @Transactional(readOnly = true)
    public String xml(Caller caller, long workflowId) {
        permissions.requireAppMayUse(caller, workflowId, Map.of());
        if (workflows.findActive(workflowId).isEmpty()) {
            throw new ApiException("workflow is not existed or has been deleted");
        }
        Compilation compilation = compiler.compile(workflowId);
        if (!compilation.compiled()) {
            throw new ApiException("workflow " + workflowId + " can not be compiled to BPMN: " + compilation.problem());
        }
        return compilation.xml();
    }
}
