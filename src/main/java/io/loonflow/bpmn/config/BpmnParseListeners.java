package io.loonflow.bpmn.config;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/** Registration of parse listeners by engine plugins, which may each add one before the engine is built. */
public final class BpmnParseListeners {

    private BpmnParseListeners() {
    }

    /** Adds {@code listener} after the engine's own and those added before (call from a plugin's preInit). */
    public static void add(ProcessEngineConfigurationImpl configuration, BpmnParseListener listener) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(listener);
        configuration.setCustomPostBPMNParseListeners(listeners);
    }
}
