package io.loonflow.bpmn.compiler;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Compiles a workflow and deploys it to the engine. Duplicate filtering makes an unchanged definition a no-op, so
 * only real changes create a new process version. Runs in the caller's transaction (the engine shares it), so a
 * rollback undoes the deployment too.
 */
@Service
public class BpmnDeployer {

    private static final Logger log = LoggerFactory.getLogger(BpmnDeployer.class);

    private final WorkflowCompiler compiler;
    private final RepositoryService repository;
    private final RunningTicketMigrator migrator;

    BpmnDeployer(WorkflowCompiler compiler, RepositoryService repository, RunningTicketMigrator migrator) {
        this.compiler = compiler;
        this.repository = repository;
        this.migrator = migrator;
    }

    /** What happened: not compiled (with the reason), or the process definition now current. */
    public record Outcome(long workflowId, String problem, String processDefinitionId, int version, boolean changed) {

        public boolean deployed() {
            return problem == null;
        }
    }

    public Outcome deploy(long workflowId) {
        Compilation compilation = compiler.compile(workflowId);
        compilation.warnings().forEach(warning -> log.info("workflow {}: {}", workflowId, warning));
        if (!compilation.compiled()) {
            log.info("workflow {} is not deployed: {}", workflowId, compilation.problem());
            return new Outcome(workflowId, compilation.problem(), null, 0, false);
        }
        String key = BpmnContract.processKey(workflowId);
        ProcessDefinition before = latest(key);
        DeploymentWithDefinitions deployment = repository.createDeployment()
                .name(key)
                .enableDuplicateFiltering(true)
                .addModelInstance(BpmnContract.resourceName(workflowId), compilation.model())
                .deployWithResult();
        ProcessDefinition after = latest(key);
        boolean changed = before == null || !before.getId().equals(after.getId());
        if (changed) {
            int migrated = migrator.migrateToLatest(key, after.getId());
            log.info("workflow {} deployed as {} version {} (deployment {}); {} running tickets migrated", workflowId,
                    key, after.getVersion(), deployment.getId(), migrated);
        } else {
            log.debug("workflow {} unchanged, {} stays at version {}", workflowId, key, after.getVersion());
        }
        return new Outcome(workflowId, null, after.getId(), after.getVersion(), changed);
    }

    private ProcessDefinition latest(String key) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
    }
}
