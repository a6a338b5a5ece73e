package io.loonflow.bpmn.ticket;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.definition.State;
import org.springframework.stereotype.Component;

/**
 * Shared by every action that writes a ticket: who handles the state the engine just entered, the flow log's
 * value snapshot, and the flow-log line itself.
 */
@Component
class TicketRecorder {

    private final ArrivalLog arrivals;
    private final ParticipantResolver resolver;
    private final TicketValues values;
    private final FlowLogRepository flowLogs;
    private final ObjectMapper json;

    TicketRecorder(ArrivalLog arrivals, ParticipantResolver resolver, TicketValues values, FlowLogRepository flowLogs,
                   ObjectMapper json) {
        this.arrivals = arrivals;
        this.resolver = resolver;
        this.values = values;
        this.flowLogs = flowLogs;
        this.json = json;
    }

    /**
     * The participants the engine's listener resolved when the instance entered {@code destination} in this
     * transaction; states without a user task (end, hook, script) are resolved here (they need no ticket values).
     */
    Participants participantsAt(String processInstanceId, State destination, String creator) {
        return arrivals.take(processInstanceId)
                .filter(arrival -> arrival.stateId() == destination.id())
                .map(ArrivalLog.Arrival::participants)
                .orElseGet(() -> resolver.resolve(destination, creatorOnly(creator)));
    }

    /** The flow log's {@code ticket_data}: every value of the ticket, unset ones as "None" like loonflow. */
    String snapshot(Ticket ticket) {
        return snapshot(ticket, Map.of());
    }

    /** The snapshot with {@code extra} entries appended (a hook's {@code extra_info}). */
    String snapshot(Ticket ticket, Map<String, Object> extra) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        values.of(ticket).forEach((key, value) -> snapshot.put(key, value == null ? "None" : value));
        snapshot.putAll(extra);
        try {
            return json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A person's line (participant type 1, the actor as participant and creator), spec §5.10.1. */
    void log(long ticketId, long transitionId, String suggestion, String actor, long stateId, int interveneTypeId,
             String snapshot, LocalDateTime now) {
        flowLogs.insert(new FlowLogLine(ticketId, transitionId, suggestion, Participants.PERSON, actor, stateId,
                interveneTypeId, snapshot, actor), now);
    }

    /** Any line as given (hook and script lines name other participants than the actor). */
    void logLine(FlowLogLine line, LocalDateTime now) {
        flowLogs.insert(line, now);
    }

    private static ParticipantResolver.Context creatorOnly(String creator) {
        return new ParticipantResolver.Context() {
            @Override
            public String creator() {
                return creator;
            }

            @Override
            public String fieldValue(String fieldKey) {
                return null;
            }

            @Override
            public String parentFieldValue(String fieldKey) {
                return null;
            }
        };
    }
}
