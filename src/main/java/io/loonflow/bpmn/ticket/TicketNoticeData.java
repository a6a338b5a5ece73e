package io.loonflow.bpmn.ticket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.loonflow.bpmn.account.ParticipantDirectory;
import io.loonflow.bpmn.account.ParticipantDirectory.AccountUser;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.ApiTime;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.StateRepository;
import io.loonflow.bpmn.definition.Transition;
import io.loonflow.bpmn.definition.TransitionRepository;
import org.springframework.stereotype.Component;

/**
 * What a notice (spec §5.15) reports about a ticket, for the notice package: the template values, the newest
 * flow-log line in the §4.7 shape and the current participants' contact data (§4.18). Reads only, with no
 * {@code @Transactional} boundary of its own: it runs inside the ticket change's transaction and must never mark
 * it rollback-only.
 */
@Component
public class TicketNoticeData {


    /** A ticket as a notice sees it. */
    public record Snapshot(long workflowId, String participant, int participantTypeId, String multiAllPerson,
                           Map<String, Object> values, Map<String, Object> lastFlowLog,
                           List<Map<String, Object>> participantInfoList) {
    }

    private final TicketRepository tickets;
    private final TicketValues values;
    private final FlowLogRepository flowLogs;
    private final StateRepository states;
    private final TransitionRepository transitions;
    private final ParticipantDirectory directory;

    TicketNoticeData(TicketRepository tickets, TicketValues values, FlowLogRepository flowLogs,
                     StateRepository states, TransitionRepository transitions, ParticipantDirectory directory) {
        this.tickets = tickets;
        this.values = values;
        this.flowLogs = flowLogs;
        this.states = states;
        this.transitions = transitions;
        this.directory = directory;
    }

    /** The non-deleted ticket's snapshot; empty for a deleted or unknown ticket (loonflow skipped those). */
    public Optional<Snapshot> snapshot(long ticketId) {
        return tickets.findActive(ticketId).map(ticket -> new Snapshot(ticket.workflowId(), ticket.participant(),
                ticket.participantTypeId(), ticket.multiAllPerson(), values.of(ticket), lastFlowLog(ticketId),
                participantInfoList(ticket)));
    }

    /** The newest flow-log line in the §4.7 entry shape; {@code {}} when the ticket has none. */
    private Map<String, Object> lastFlowLog(long ticketId) {
        List<FlowLogRepository.Row> rows = flowLogs.newestFirst(ticketId, 0, 1);
        Map<String, Object> item = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            return item;
        }
        FlowLogRepository.Row row = rows.get(0);
        State state = states.findByIdsIncludingDeleted(Set.of(row.stateId())).get(row.stateId());
        Transition transition = row.transitionId() == 0 ? null
                : transitions.findByIdsIncludingDeleted(Set.of(row.transitionId())).get(row.transitionId());
        item.put("id", row.id());
        item.put("ticket_id", row.ticketId());
        Map<String, Object> stateView = new LinkedHashMap<>();
        stateView.put("state_id", row.stateId());
        stateView.put("state_name", state == null ? "未知" : state.name());
        item.put("state", stateView);
        Map<String, Object> transitionView = new LinkedHashMap<>();
        transitionView.put("transition_id", row.transitionId());
        transitionView.put("transition_name", row.transitionId() != 0
                ? (transition == null ? "未知" : transition.name())
                : FlowLogLine.interventionName(row.interveneTypeId()));
        transitionView.put("attribute_type_id", transition == null ? 3 : transition.attributeTypeId());
        item.put("transition", transitionView);
        item.put("intervene_type_id", row.interveneTypeId());
        item.put("participant_type_id", row.participantTypeId());
        item.put("participant", row.participant());
        AccountUser user = row.participantTypeId() == Participants.PERSON
                ? directory.findUser(row.participant()).orElse(null) : null;
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("participant_type_id", row.participantTypeId());
        info.put("participant", row.participant());
        info.put("participant_alias", user == null ? row.participant() : user.alias());
        info.put("participant_email", user == null ? "" : user.email());
        info.put("participant_phone", user == null ? "" : user.phone());
        item.put("participant_info", info);
        item.put("suggestion", row.suggestion());
        item.put("gmt_created", ApiTime.format(row.gmtCreated()));
        return item;
    }

    /** §4.18: the current participants that are non-deleted users, each {@code {username, alias, phone, email}}. */
    private List<Map<String, Object>> participantInfoList(Ticket ticket) {
        List<String> usernames = switch (ticket.participantTypeId()) {
            case Participants.PERSON -> List.of(ticket.participant());
            case Participants.PEOPLE -> List.of(ticket.participant().split(",", -1));
            case Participants.DEPT -> deptUsernames(ticket.participant());
            case Participants.ROLE -> roleUsernames(ticket.participant());
            default -> List.of();
        };
        List<Map<String, Object>> infos = new ArrayList<>();
        for (AccountUser user : directory.findUsers(usernames)) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("username", user.username());
            info.put("alias", user.alias());
            info.put("phone", user.phone());
            info.put("email", user.email());
            infos.add(info);
        }
        return infos;
    }

    private List<String> deptUsernames(String participant) {
        try {
            return directory.deptUsernames(participant);
        } catch (ApiException e) {
            return List.of(); // a legacy dept list with a non-number names nobody (the notice is still sent)
        }
    }

    private List<String> roleUsernames(String participant) {
        try {
            return directory.roleUsernames(Long.parseLong(participant.strip()));
        } catch (NumberFormatException e) {
            return List.of(); // a legacy role participant that is not a number names nobody
        }
    }
}
