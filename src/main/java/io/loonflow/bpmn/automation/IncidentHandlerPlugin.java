package io.loonflow.bpmn.automation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Wraps the engine's failed-job incident handler (whatever the configuration made it) so that an incident on a
 * ticket's hook or script state is also recorded on the ticket ({@link TicketIncidents}). The Camunda starter
 * applies every {@code ProcessEnginePlugin} bean. {@link TicketIncidents} is looked up lazily: it needs ticket
 * beans that themselves need the engine.
 */
@Component
class IncidentHandlerPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<TicketIncidents> incidents;

    IncidentHandlerPlugin(ObjectProvider<TicketIncidents> incidents) {
        this.incidents = incidents;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        IncidentHandler engineHandler = configuration.getIncidentHandlers().get(Incident.FAILED_JOB_HANDLER_TYPE);
        if (engineHandler == null) {
            throw new IllegalStateException("the engine has no failed-job incident handler to extend");
        }
        configuration.getIncidentHandlers().put(Incident.FAILED_JOB_HANDLER_TYPE,
                new TicketRecordingHandler(engineHandler, incidents));
    }

    static final class TicketRecordingHandler implements IncidentHandler {

        private final IncidentHandler engineHandler;
        private final ObjectProvider<TicketIncidents> incidents;

        TicketRecordingHandler(IncidentHandler engineHandler, ObjectProvider<TicketIncidents> incidents) {
            this.engineHandler = engineHandler;
            this.incidents = incidents;
        }

        @Override
        public String getIncidentHandlerType() {
            return engineHandler.getIncidentHandlerType();
        }

        @Override
        public Incident handleIncident(IncidentContext context, String message) {
            Incident incident = engineHandler.handleIncident(context, message);
            TicketIncidents recorder = incidents.getIfAvailable();
            if (recorder != null) {
                recorder.raised(execution(context), context.getActivityId(), message);
            }
            return incident;
        }

        @Override
        public void resolveIncident(IncidentContext context) {
            engineHandler.resolveIncident(context);
        }

        @Override
        public void deleteIncident(IncidentContext context) {
            engineHandler.deleteIncident(context);
        }

        private static DelegateExecution execution(IncidentContext context) {
            if (context.getExecutionId() == null || Context.getCommandContext() == null) {
                return null;
            }
            return Context.getCommandContext().getExecutionManager().findExecutionById(context.getExecutionId());
        }
    }
}
