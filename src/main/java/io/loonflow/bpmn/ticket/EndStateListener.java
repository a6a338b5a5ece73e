package io.loonflow.bpmn.ticket;

import java.util.OptionalLong;

import io.loonflow.bpmn.compiler.BpmnContract;
import io.loonflow.bpmn.config.BpmnParseListeners;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Records which end state a ticket's process ended in ({@link EndedInstances}). Attached by a parse listener to
 * the end events of loonflow states when the engine parses a deployment, so the exported BPMN carries no listener
 * of ours on its end events and definitions deployed earlier get it too.
 */
@Component
class EndStateListener extends AbstractProcessEnginePlugin implements ExecutionListener {

    private final EndedInstances ended;

    EndStateListener(EndedInstances ended) {
        this.ended = ended;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        BpmnParseListeners.add(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseEndEvent(Element endEventElement, ScopeImpl scope, ActivityImpl activity) {
                if (BpmnContract.stateId(activity.getId()).isPresent()) {
                    activity.addListener(ExecutionListener.EVENTNAME_START, EndStateListener.this);
                }
            }
        });
    }

    @Override
    public void notify(DelegateExecution execution) {
        OptionalLong state = BpmnContract.stateId(execution.getCurrentActivityId());
        if (state.isPresent()) {
            ended.record(execution.getProcessInstanceId(), state.getAsLong());
        }
    }
}
