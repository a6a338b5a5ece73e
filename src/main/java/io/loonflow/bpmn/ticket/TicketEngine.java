package io.loonflow.bpmn.ticket;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.compiler.BpmnContract;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
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
    private final ManagementService management;
    private final EndedInstances ended;
    private final ArrivalLog arrivals;
    private final CommandExecutor commands;

    TicketEngine(RuntimeService runtime, TaskService tasks, HistoryService history, RepositoryService repository,
                 ManagementService management, EndedInstances ended, ArrivalLog arrivals,
                 ProcessEngineConfigurationImpl configuration) {
        this.commands = configuration.getCommandExecutorTxRequired();
        this.ended = ended;
        this.arrivals = arrivals;
        this.management = management;
        this.runtime = runtime;
        this.tasks = tasks;
        this.history = history;
        this.repository = repository;
    }

    /**
     * Starts the ticket's process instance already leaving its start state by {@code transitionId}: loonflow's
     * create always takes a transition from the start state, so the instance begins at that state's gateway, which
     * routes it (conditions included) as a completed start task would. One engine command instead of creating the
     * start state's task and completing it again at once.
     */
    String startLeaving(long ticketId, long workflowId, long startStateId, long transitionId,
                        Map<String, Object> requestValues) {
        String key = BpmnContract.processKey(workflowId);
        try {
            // by key: the engine's own look-up of the latest version (one query; a definition query plus a start by
            // id cost two)
            return runtime.createProcessInstanceByKey(key)
                    .businessKey(BpmnContract.businessKey(ticketId))
                    .startBeforeActivity(BpmnContract.gatewayId(startStateId))
                    .setVariables(moveVariables(requestValues, transitionId))
                    .execute()
                    .getId();
        } catch (NullValueException e) {
            if (repository.createProcessDefinitionQuery().processDefinitionKey(key).count() == 0) {
                throw new ApiException("workflow " + workflowId + " is not deployed: its definition is incomplete"
                        + " (see GET /api/v1.0/workflows/" + workflowId + "/bpmn for the reason)");
            }
            throw refusal(e);
        } catch (ProcessEngineException e) {
            throw refusal(e);
        }
    }

    /** Performs a transition from the state the ticket waits in; the engine routes it (conditions included). */
    void perform(String processInstanceId, long stateId, long transitionId, Map<String, Object> requestValues) {
        VariableMap variables = moveVariables(requestValues, transitionId);
        Waiting outcome;
        try {
            // one engine command: the look-up and the completion share its entity cache and its single flush (the
            // completion would otherwise read the task again and open a second command). Inside it the task is read
            // by the engine's own mapped statement and the completion runs as a sub-command, not through the public
            // services: the native query and the service call each went through the whole interceptor chain again,
            // and the native query rebuilt its SQL on every call (8 % of a handle together).
            outcome = commands.execute(context -> {
                TaskEntity task = waitingTaskIn(context, processInstanceId, stateId);
                if (task == null) {
                    return Waiting.NO_TASK;
                }
                if (task.getDelegationState() == DelegationState.PENDING) {
                    return Waiting.DELEGATED;
                }
                new CompleteTaskCmd(task.getId(), variables).execute(context);
                return Waiting.COMPLETED;
            });
        } catch (ProcessEngineException e) {
            throw refusal(e);
        }
        switch (outcome) {
            case NO_TASK -> throw new ApiException("工单当前状态无需操作");
            // Camunda would complete a delegated task; in loonflow the co-signer must finish first (add_node_end)
            case DELEGATED -> throw new ApiException("工单当前处于加签中，只允许加签完成操作");
            case COMPLETED -> {
            }
        }
    }

    private enum Waiting { NO_TASK, DELEGATED, COMPLETED }

    /**
     * A hook target's callback with a positive result (spec §4.17): the ticket leaves the hook state by
     * {@code transitionId}. A hook waiting for its callback gets the message; a hook whose call has not succeeded
     * (its job is pending or failed into an incident) is cancelled and the instance continues at the state's gateway,
     * as loonflow's callback handled the ticket whatever the hook call had done.
     */
    void releaseHook(String processInstanceId, long stateId, long transitionId, Map<String, Object> requestValues) {
        String callback = BpmnContract.hookCallbackId(stateId);
        try {
            if (runtime.getActiveActivityIds(processInstanceId).contains(callback)) {
                runtime.createMessageCorrelation(BpmnContract.HOOK_CALLBACK_MESSAGE)
                        .processInstanceId(processInstanceId)
                        .setVariables(moveVariables(requestValues, transitionId))
                        .correlateWithResult();
                return;
            }
            ProcessInstanceModificationBuilder modification =
                    runtime.createProcessInstanceModification(processInstanceId);
            cancelAll(processInstanceId, modification);
            modification.startBeforeActivity(BpmnContract.gatewayId(stateId))
                    .setVariables(moveVariables(requestValues, transitionId))
                    .execute();
        } catch (ProcessEngineException e) {
            throw refusal(e);
        }
    }

    /**
     * retry_script (spec §4.15): the state's hook or script job runs again. A job that failed (or still waits) gets
     * its retries back and is due now, which also resolves its incident; when the job is gone (a hook that
     * succeeded and waits for its callback) the state's activity is started again, which creates a new job.
     */
    void refire(String processInstanceId, long stateId, int retries, Map<String, Object> variables) {
        String activityId = BpmnContract.stateActivityId(stateId);
        List<Job> jobs = management.createJobQuery().processInstanceId(processInstanceId).activityId(activityId)
                .list();
        if (!variables.isEmpty()) {
            runtime.setVariables(processInstanceId, variables);
        }
        if (!jobs.isEmpty()) {
            for (Job job : jobs) {
                management.setJobRetries(job.getId(), retries);
                management.setJobDuedate(job.getId(), ClockUtil.getCurrentTime());
            }
            return;
        }
        ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(processInstanceId);
        cancelAll(processInstanceId, modification);
        try {
            modification.startBeforeActivity(activityId).execute();
        } catch (ProcessEngineException e) {
            throw refusal(e);
        }
    }

    private void cancelAll(String processInstanceId, ProcessInstanceModificationBuilder modification) {
        ActivityInstance tree = runtime.getActivityInstance(processInstanceId);
        for (ActivityInstance child : tree.getChildActivityInstances()) {
            modification.cancelActivityInstance(child.getId());
        }
        for (TransitionInstance child : tree.getChildTransitionInstances()) {
            modification.cancelTransitionInstance(child.getId());
        }
    }

    private static VariableMap moveVariables(Map<String, Object> requestValues, long transitionId) {
        VariableMap variables = requestVariables(requestValues);
        variables.putValueTyped(BpmnContract.TRANSITION_VARIABLE, Variables.longValue(transitionId, true));
        return variables;
    }

    /** The state the instance waits in now, or the end state it finished in. */
    long currentStateId(String processInstanceId) {
        OptionalLong endedNow = ended.endStateOf(processInstanceId);
        if (endedNow.isPresent()) {
            return endedNow.getAsLong();
        }
        OptionalLong enteredNow = arrivals.waitingState(processInstanceId);
        if (enteredNow.isPresent()) {
            return enteredNow.getAsLong();
        }
        // usually the ticket waits in a state's user task, and one task query answers; else it has ended (history
        // names the end state) or waits in a state's hook callback activity (the instance's activity tree)
        List<TaskEntity> waiting = commands.execute(context ->
                context.getTaskManager().findTasksByProcessInstanceId(processInstanceId));
        for (Task task : waiting.stream().sorted(Comparator.comparing(Task::getId)).toList()) {
            OptionalLong state = stateOf(task.getTaskDefinitionKey());
            if (state.isPresent()) {
                return state.getAsLong();
            }
        }
        // ended in an earlier transaction (or before this service recorded end states): the engine's history, if kept
        // (a native query: the criteria query evaluates a large dynamic SQL mapping on every call)
        HistoricProcessInstance finished = history.createNativeHistoricProcessInstanceQuery()
                .sql("SELECT RES.* FROM ACT_HI_PROCINST RES WHERE RES.PROC_INST_ID_ = #{processInstanceId}")
                .parameter("processInstanceId", processInstanceId).singleResult();
        if (finished != null && finished.getEndActivityId() != null) {
            OptionalLong state = stateOf(finished.getEndActivityId());
            if (state.isPresent()) {
                return state.getAsLong();
            }
        }
        List<String> active = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0
                ? List.of() : runtime.getActiveActivityIds(processInstanceId);
        for (String activityId : active) {
            OptionalLong state = stateOf(activityId);
            if (state.isPresent()) {
                return state.getAsLong();
            }
        }
        throw new IllegalStateException("process instance " + processInstanceId + " is in no state activity: " + active);
    }

    Task waitingTask(String processInstanceId, long stateId) {
        Task task = findWaitingTask(processInstanceId, stateId);
        if (task == null) {
            throw new ApiException("工单当前状态无需操作");
        }
        return task;
    }

    private Task findWaitingTask(String processInstanceId, long stateId) {
        return commands.execute(context -> waitingTaskIn(context, processInstanceId, stateId));
    }

    /** The state's user task in the open command (kept in its entity cache), read by the engine's own statement. */
    private static TaskEntity waitingTaskIn(CommandContext context, String processInstanceId, long stateId) {
        String activityId = BpmnContract.stateActivityId(stateId);
        return context.getTaskManager().findTasksByProcessInstanceId(processInstanceId).stream()
                .filter(task -> activityId.equals(task.getTaskDefinitionKey())).findFirst().orElse(null);
    }

    /**
     * Makes the task's people exactly {@code handlers}: one name becomes the assignee (no candidates), several
     * become candidate users (no assignee), none leaves the task with nobody. Mirrors the ticket's participant.
     */
    void assign(String processInstanceId, long stateId, List<String> handlers) {
        setHandlers(waitingTask(processInstanceId, stateId), handlers);
    }

    /** Accept (接单): the user claims the task offered to several candidates and becomes its only handler. */
    void claim(String processInstanceId, long stateId, String username) {
        Task task = waitingTask(processInstanceId, stateId);
        try {
            tasks.claim(task.getId(), username);
        } catch (TaskAlreadyClaimedException e) {
            throw new ApiException("the ticket has already been accepted by " + e.getTaskAssignee(), "");
        }
        removeCandidates(task.getId(), Set.of());
    }

    /**
     * Co-sign (加签): {@code owner} delegates the task to {@code delegate}. The task stays PENDING (and
     * {@link #perform} refuses it) until {@link #resolve}, which gives it back to the owner.
     */
    void delegate(String processInstanceId, long stateId, String owner, String delegate) {
        Task task = waitingTask(processInstanceId, stateId);
        setHandlers(task, List.of(owner));
        tasks.setOwner(task.getId(), owner); // an earlier co-sign may have left another owner
        tasks.delegateTask(task.getId(), delegate);
    }

    /** The co-signer hands the delegated task on; it stays delegated and still returns to its owner. */
    void handOverDelegation(String processInstanceId, long stateId, String delegate) {
        Task task = waitingTask(processInstanceId, stateId);
        tasks.setAssignee(task.getId(), delegate);
    }

    /** add_node_end: a pending delegation is resolved, which makes the owner the assignee again. */
    void resolve(String processInstanceId, long stateId) {
        Task task = waitingTask(processInstanceId, stateId);
        if (task.getDelegationState() == DelegationState.PENDING) {
            tasks.resolveTask(task.getId());
        }
    }

    /** Whether the state's task is delegated and not yet resolved. */
    boolean delegationPending(String processInstanceId, long stateId) {
        return waitingTask(processInstanceId, stateId).getDelegationState() == DelegationState.PENDING;
    }

    /**
     * Force state, retreat and close: the ticket's instance leaves whatever it waits in and enters the target
     * state's activity (its participant listener, boundary timers or hook job start as on a normal arrival; an end
     * event ends the instance). A ticket whose instance has ended (or that never had one) gets a new instance
     * started at the target, except for an end target, which needs none. Returns the instance id the ticket runs in.
     */
    String moveTo(long ticketId, long workflowId, String processInstanceId, long targetStateId, boolean targetIsEnd) {
        String activityId = BpmnContract.stateActivityId(targetStateId);
        ProcessInstance running = isRunning(processInstanceId) ? runtime.createProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult() : null;
        if (running != null) {
            requireActivity(running.getProcessDefinitionId(), activityId, targetStateId);
            ProcessInstanceModificationBuilder modification =
                    runtime.createProcessInstanceModification(processInstanceId);
            cancelAll(processInstanceId, modification);
            try {
                modification.startBeforeActivity(activityId).execute();
            } catch (ProcessEngineException e) {
                throw refusal(e);
            }
            return processInstanceId;
        }
        if (targetIsEnd) {
            return processInstanceId == null ? "" : processInstanceId;
        }
        String key = BpmnContract.processKey(workflowId);
        org.camunda.bpm.engine.repository.ProcessDefinition latest = repository.createProcessDefinitionQuery()
                .processDefinitionKey(key).latestVersion().singleResult();
        if (latest == null) {
            throw new ApiException("workflow " + workflowId + " is not deployed: its definition is incomplete");
        }
        requireActivity(latest.getId(), activityId, targetStateId);
        try {
            return runtime.createProcessInstanceById(latest.getId()).businessKey(BpmnContract.businessKey(ticketId))
                    .startBeforeActivity(activityId).execute().getId();
        } catch (ProcessEngineException e) {
            throw refusal(e);
        }
    }

    /** Delete: the deleted ticket's instance is ended, so no timer or hook acts on it any more. */
    void cancel(String processInstanceId, String reason) {
        if (isRunning(processInstanceId)) {
            runtime.deleteProcessInstance(processInstanceId, reason);
        }
    }

    boolean isRunning(String processInstanceId) {
        return processInstanceId != null && !processInstanceId.isEmpty()
                && runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
    }

    /**
     * The engine wraps what our listeners throw (e.g. a state whose participants resolve to nobody); the caller
     * gets the listener's own refusal, anything else stays an engine failure.
     */
    private static RuntimeException refusal(ProcessEngineException e) {
        if (e instanceof OptimisticLockingException) {
            // the job executor is moving this instance at the same moment (a timer or hook job)
            return new ApiException("the ticket is being moved by the engine right now, please retry");
        }
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof ApiException refusal) {
                return refusal;
            }
        }
        return e;
    }

    private void requireActivity(String processDefinitionId, String activityId, long stateId) {
        BpmnModelInstance model = repository.getBpmnModelInstance(processDefinitionId);
        if (!(model.getModelElementById(activityId) instanceof FlowNode)) {
            throw new ApiException("state " + stateId + " is not part of the deployed process of this ticket's"
                    + " workflow (see GET /api/v1.0/workflows/{id}/bpmn)");
        }
    }

    private void setHandlers(Task task, List<String> handlers) {
        Set<String> names = new LinkedHashSet<>();
        for (String handler : handlers) {
            if (handler != null && !handler.isEmpty()) {
                names.add(handler);
            }
        }
        Set<String> candidates = names.size() > 1 ? names : Set.of();
        Set<String> existing = removeCandidates(task.getId(), candidates);
        for (String candidate : candidates) {
            if (!existing.contains(candidate)) {
                tasks.addCandidateUser(task.getId(), candidate);
            }
        }
        String assignee = names.size() == 1 ? names.iterator().next() : null;
        if (assignee == null ? task.getAssignee() != null : !assignee.equals(task.getAssignee())) {
            tasks.setAssignee(task.getId(), assignee);
        }
    }

    /** Removes the candidate users not in {@code keep}; returns the candidates that remain. */
    private Set<String> removeCandidates(String taskId, Set<String> keep) {
        Set<String> remaining = new LinkedHashSet<>();
        for (IdentityLink link : tasks.getIdentityLinksForTask(taskId)) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getUserId() != null) {
                if (keep.contains(link.getUserId())) {
                    remaining.add(link.getUserId());
                } else {
                    tasks.deleteCandidateUser(taskId, link.getUserId());
                }
            }
        }
        return remaining;
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
