package io.loonflow.bpmn.compiler;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import io.loonflow.bpmn.api.ApiException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.migration.MigratingActivityInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Component;

/**
 * Moves running tickets onto a workflow's newest process version, activity by equal activity id (a state keeps
 * its id {@code state_<id>} across versions), so that an edited workflow applies to tickets already under way,
 * as it did in loonflow. A ticket waiting in a state the new version no longer has makes the edit fail with a
 * message naming that state; nothing is changed then.
 */
@Component
class RunningTicketMigrator {

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final TaskService tasks;

    RunningTicketMigrator(RepositoryService repository, RuntimeService runtime, TaskService tasks) {
        this.repository = repository;
        this.runtime = runtime;
        this.tasks = tasks;
    }

    /** Returns how many process instances were migrated. */
    int migrateToLatest(String processKey, String latestDefinitionId) {
        int migrated = 0;
        for (ProcessDefinition older : repository.createProcessDefinitionQuery().processDefinitionKey(processKey).list()) {
            if (older.getId().equals(latestDefinitionId)) {
                continue;
            }
            List<String> instances = runtime.createProcessInstanceQuery().processDefinitionId(older.getId()).list()
                    .stream().map(ProcessInstance::getId).toList();
            if (instances.isEmpty()) {
                continue;
            }
            MigrationPlan plan = runtime.createMigrationPlan(older.getId(), latestDefinitionId)
                    .mapEqualActivities().updateEventTriggers().build();
            try {
                runtime.newMigration(plan).processInstanceIds(instances).execute();
            } catch (MigratingProcessInstanceValidationException e) {
                throw new ApiException("tickets are waiting in states this change removes: " + states(e)
                        + "; move them to another state first");
            }
            renameTasks(instances, latestDefinitionId);
            migrated += instances.size();
        }
        return migrated;
    }

    /** A migrated task keeps its old name; give it the (possibly renamed) state's name. */
    private void renameTasks(List<String> instances, String definitionId) {
        BpmnModelInstance model = repository.getBpmnModelInstance(definitionId);
        for (Task task : tasks.createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new)).list()) {
            FlowElement element = model.getModelElementById(task.getTaskDefinitionKey());
            if (element != null && element.getName() != null && !element.getName().equals(task.getName())) {
                task.setName(element.getName());
                tasks.saveTask(task);
            }
        }
    }

    private static String states(MigratingProcessInstanceValidationException e) {
        Set<String> states = new LinkedHashSet<>();
        for (MigratingActivityInstanceValidationReport report : e.getValidationReport().getActivityInstanceReports()) {
            OptionalLong state = BpmnContract.stateId(report.getSourceScopeId());
            states.add(state.isPresent() ? "state " + state.getAsLong() : report.getSourceScopeId());
        }
        return String.join(", ", new ArrayList<>(states));
    }
}
