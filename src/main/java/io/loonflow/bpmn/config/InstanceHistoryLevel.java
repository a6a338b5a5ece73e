package io.loonflow.bpmn.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.springframework.stereotype.Component;

/**
 * History level {@code instance} (the service's default): the engine keeps the history of process instances (start,
 * end, the end event reached, migrations) and incidents, and nothing per activity, task or variable. A ticket's step
 * by step history is the flow log, written in the same transaction; at {@code audit} the engine wrote it a second
 * time (a task, two or three activity rows per transition, each ended by a read and an update), which cost a fifth
 * of a handle. Instance history still lets Camunda's tools list finished instances and the service find the end
 * state of an instance that ended before it recorded end states. {@code audit} and {@code full} remain available.
 */
public final class InstanceHistoryLevel extends AbstractHistoryLevel {

    public static final String NAME = "instance";

    /** Stored in ACT_GE_PROPERTY; Camunda's own levels are 0 to 3. */
    static final int ID = 10;

    private static final Set<HistoryEventType> PRODUCED = Set.of(
            HistoryEventTypes.PROCESS_INSTANCE_START, HistoryEventTypes.PROCESS_INSTANCE_UPDATE,
            HistoryEventTypes.PROCESS_INSTANCE_MIGRATE, HistoryEventTypes.PROCESS_INSTANCE_END,
            HistoryEventTypes.INCIDENT_CREATE, HistoryEventTypes.INCIDENT_UPDATE, HistoryEventTypes.INCIDENT_MIGRATE,
            HistoryEventTypes.INCIDENT_RESOLVE, HistoryEventTypes.INCIDENT_DELETE);

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        return PRODUCED.contains(eventType);
    }

    /** Makes the level known to the engine, which resolves {@code camunda.bpm.history-level} by name. */
    @Component
    static class InstanceHistoryLevelPlugin extends AbstractProcessEnginePlugin {

        @Override
        public void preInit(ProcessEngineConfigurationImpl configuration) {
            List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null
                    ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
            levels.add(new InstanceHistoryLevel());
            configuration.setCustomHistoryLevels(levels);
        }
    }
}
