package io.loonflow.bpmn.ticket;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.compiler.BpmnContract;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The ticket side's only door to the engine: a ticket is a process instance of its workflow's compiled process
 * (business key = ticket id) and its state is the state activity the instance waits in. Every call joins the
 * caller's transaction, so a failure anywhere undoes the engine's part together with the tables.
 */
@Component
class TicketEngine {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final HistoryService history;
    private final RepositoryService repository;

    TicketEngine(RuntimeService runtime, TaskService tasks, HistoryService history, RepositoryService repository) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.history = history;
        this.repository = repository;
    }

    /** Starts the ticket's process instance; it waits in the start state's user task. */
    String start(long ticketId, long workflowId, Map<String, Object> requestValues) {
        String key = BpmnContract.processKey(workflowId);
        if (repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().count() == 0) {
            throw new ApiException("workflow " + workflowId + " is not deployed: its definition is incomplete"
                    + " (see GET /api/v1.0/workflows/" + workflowId + "/bpmn for the reason)");
        }
        ProcessInstance instance = runtime.startProcessInstanceByKey(key, BpmnContract.businessKey(ticketId),
                requestVariables(requestValues));
        return instance.getId();
    }

    /** Performs a transition from the state the ticket waits in; the engine routes it (conditions included). */
    void perform(String processInstanceId, long stateId, long transitionId, Map<String, Object> requestValues) {
        Task task = waitingTask(processInstanceId, stateId);
        VariableMap variables = requestVariables(requestValues);
        variables.putValueTyped(BpmnContract.TRANSITION_VARIABLE, Variables.longValue(transitionId, true));
        tasks.complete(task.getId(), variables);
    }

    /** The state the instance waits in now, or the end state it finished in. */
    long currentStateId(String processInstanceId) {
        List<String> active = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0
                ? List.of() : runtime.getActiveActivityIds(processInstanceId);
        for (String activityId : active) {
            OptionalLong state = stateOf(activityId);
            if (state.isPresent()) {
                return state.getAsLong();
            }
        }
        HistoricProcessInstance finished = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (finished != null && finished.getEndActivityId() != null) {
            OptionalLong state = stateOf(finished.getEndActivityId());
            if (state.isPresent()) {
                return state.getAsLong();
            }
        }
        throw new IllegalStateException("process instance " + processInstanceId + " is in no state activity: " + active);
    }

    Task waitingTask(String processInstanceId, long stateId) {
        Task task = tasks.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(BpmnContract.stateActivityId(stateId)).singleResult();
        if (task == null) {
            throw new ApiException("工单当前状态无需操作");
        }
        return task;
    }

    /** A state's activity, or one derived from it (the hook callback receive task). */
    private static OptionalLong stateOf(String activityId) {
        String id = activityId.endsWith(BpmnContract.HOOK_CALLBACK_SUFFIX)
                ? activityId.substring(0, activityId.length() - BpmnContract.HOOK_CALLBACK_SUFFIX.length())
                : activityId;
        return BpmnContract.stateId(id);
    }

    private static VariableMap requestVariables(Map<String, Object> requestValues) {
        VariableMap variables = Variables.createVariables();
        variables.putValueTyped(BpmnContract.REQUEST_VALUES_VARIABLE,
                Variables.objectValue(requestValues, true).create());
        return variables;
    }
}
