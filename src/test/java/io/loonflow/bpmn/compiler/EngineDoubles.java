package io.loonflow.bpmn.compiler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Test doubles for the runtime beans named in {@link BpmnContract} (the ticket and automation packages provide the
 * real ones later). Registered as singletons in the shared context for one test class and removed afterwards.
 * Every recorded call is keyed by process instance id, so tests never see each other's calls.
 */
final class EngineDoubles {

    /** A recorded call: which bean, in which process instance, for which activity (and condition). */
    record Call(String bean, String processInstanceId, String activityId, long transitionId, int conditionIndex) {
    }

    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    /** Condition results by "businessKey:transitionId:index"; missing entries are false. */
    final Map<String, Boolean> conditionResults = new ConcurrentHashMap<>();
    /** Transition the hook/script double names on success, by "businessKey:activityId". */
    final Map<String, Long> automaticTransitions = new ConcurrentHashMap<>();

    private final List<String> registered = new ArrayList<>();

    void register(ConfigurableApplicationContext context) {
        DefaultListableBeanFactory factory = (DefaultListableBeanFactory) context.getBeanFactory();
        TaskListener resolver = task -> record(BpmnContract.PARTICIPANT_RESOLVER_BEAN, task);
        TransitionConditions conditions = (execution, transitionId, index) -> {
            calls.add(new Call(BpmnContract.CONDITIONS_BEAN, execution.getProcessInstanceId(),
                    execution.getCurrentActivityId(), transitionId, index));
            return conditionResults.getOrDefault(execution.getProcessBusinessKey() + ":" + transitionId + ":" + index,
                    false);
        };
        put(factory, BpmnContract.PARTICIPANT_RESOLVER_BEAN, resolver);
        put(factory, BpmnContract.CONDITIONS_BEAN, conditions);
        put(factory, BpmnContract.HOOK_DELEGATE_BEAN, automation(BpmnContract.HOOK_DELEGATE_BEAN));
        put(factory, BpmnContract.SCRIPT_DELEGATE_BEAN, automation(BpmnContract.SCRIPT_DELEGATE_BEAN));
    }

    void unregister(ConfigurableApplicationContext context) {
        DefaultListableBeanFactory factory = (DefaultListableBeanFactory) context.getBeanFactory();
        registered.forEach(factory::destroySingleton);
        registered.clear();
    }

    List<Call> calls(String bean, String processInstanceId) {
        synchronized (calls) {
            return calls.stream().filter(call -> call.bean().equals(bean)
                    && call.processInstanceId().equals(processInstanceId)).toList();
        }
    }

    private JavaDelegate automation(String bean) {
        return execution -> {
            calls.add(new Call(bean, execution.getProcessInstanceId(), execution.getCurrentActivityId(), 0, -1));
            Long transition = automaticTransitions.get(execution.getProcessBusinessKey() + ":"
                    + execution.getCurrentActivityId());
            if (transition == null) {
                throw new IllegalStateException("no automatic transition configured for "
                        + execution.getCurrentActivityId());
            }
            execution.setVariable(BpmnContract.TRANSITION_VARIABLE,
                    org.camunda.bpm.engine.variable.Variables.longValue(transition, true));
        };
    }

    private void record(String bean, DelegateTask task) {
        calls.add(new Call(bean, task.getProcessInstanceId(), task.getTaskDefinitionKey(), 0, -1));
    }

    private void put(DefaultListableBeanFactory factory, String name, Object bean) {
        if (factory.containsSingleton(name)) {
            // the real runtime bean: set aside for this test class; it is created afresh from its definition
            // on the next lookup after unregister()
            factory.destroySingleton(name);
        }
        factory.registerSingleton(name, bean);
        registered.add(name);
    }

}
