package io.loonflow.bpmn.ticket;

import java.util.OptionalLong;

import io.loonflow.bpmn.compiler.BpmnContract;
import io.loonflow.bpmn.config.BpmnParseListeners;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Tells the {@link ArrivalLog} when a state's task ends (completed, or deleted by a timer, a modification or the
 * instance's deletion), so that an arrival recorded earlier in the same transaction is never taken for where the
 * instance waits now. Attached by a parse listener, like {@link EndStateListener}: nothing of it is in the BPMN.
 */
@Component
class StateTaskEndListener extends AbstractProcessEnginePlugin implements TaskListener {

    private final ArrivalLog arrivals;

    StateTaskEndListener(ArrivalLog arrivals) {
        this.arrivals = arrivals;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        BpmnParseListeners.add(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (BpmnContract.stateId(activity.getId()).isPresent()
                        && activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                    TaskDefinition task = userTask.getTaskDefinition();
                    task.addTaskListener(TaskListener.EVENTNAME_COMPLETE, StateTaskEndListener.this);
                    task.addTaskListener(TaskListener.EVENTNAME_DELETE, StateTaskEndListener.this);
                }
            }
        });
    }

    @Override
    public void notify(DelegateTask task) {
        OptionalLong state = BpmnContract.stateId(task.getTaskDefinitionKey());
        if (state.isPresent() && task.getProcessInstanceId() != null) {
            arrivals.forget(task.getProcessInstanceId(), state.getAsLong());
        }
    }
}
