package io.loonflow.bpmn.ticket;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.account.ParticipantDirectory;
import io.loonflow.bpmn.account.ParticipantDirectory.AccountUser;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.ApiTime;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.Paging;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.StateRepository;
import io.loonflow.bpmn.definition.Transition;
import io.loonflow.bpmn.definition.TransitionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A ticket's history: the paged flow log (spec §4.7) and the step view grouping it by state (§4.8). Each call
 * runs a fixed number of queries, and names of states and transitions deleted since still show (loonflow failed).
 */
@Service
@Transactional(readOnly = true)
class TicketFlowViews {


    private final TicketAccess access;
    private final TicketViewPermission viewPermission;
    private final FlowLogRepository flowLogs;
    private final StateRepository states;
    private final TransitionRepository transitions;
    private final ParticipantDirectory directory;
    private final ObjectMapper json;

    TicketFlowViews(TicketAccess access, TicketViewPermission viewPermission, FlowLogRepository flowLogs,
                    StateRepository states, TransitionRepository transitions, ParticipantDirectory directory,
                    ObjectMapper json) {
        this.access = access;
        this.viewPermission = viewPermission;
        this.flowLogs = flowLogs;
        this.states = states;
        this.transitions = transitions;
        this.directory = directory;
        this.json = json;
    }

    Map<String, Object> flowLogs(Caller caller, long ticketId, String page, String perPage, String withData) {
        Ticket ticket = readable(caller, ticketId);
        Paging paging = Paging.of(page, perPage);
        boolean includeData = parseFlag(withData);
        long total = flowLogs.count(ticketId);
        List<FlowLogRepository.Row> rows = flowLogs.newestFirst(ticketId, paging.offset(total), paging.perPage());
        Lookups lookups = lookups(rows);
        List<Map<String, Object>> items = new ArrayList<>();
        for (FlowLogRepository.Row row : rows) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", row.id());
            item.put("ticket_id", row.ticketId());
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("state_id", row.stateId());
            state.put("state_name", lookups.stateName(row.stateId()));
            item.put("state", state);
            Map<String, Object> transition = new LinkedHashMap<>();
            transition.put("transition_id", row.transitionId());
            transition.put("transition_name", lookups.transitionName(row));
            transition.put("attribute_type_id", lookups.attribute(row));
            item.put("transition", transition);
            item.put("intervene_type_id", row.interveneTypeId());
            item.put("participant_type_id", row.participantTypeId());
            item.put("participant", row.participant());
            item.put("participant_info", lookups.participantInfo(row));
            item.put("suggestion", row.suggestion());
            item.put("gmt_created", ApiTime.format(row.gmtCreated()));
            if (includeData) {
                item.put("ticket_data", parseSnapshot(row.ticketData()));
            }
            items.add(item);
        }
        return paging.result(items, total);
    }

    Map<String, Object> flowSteps(Caller caller, long ticketId) {
        Ticket ticket = readable(caller, ticketId);
        List<FlowLogRepository.Row> rows = flowLogs.newestFirst(ticketId, 0, 0);
        Lookups lookups = lookups(rows);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (State state : states.findActiveByWorkflow(ticket.workflowId())) {
            if (state.hidden() && state.id() != ticket.stateId()) {
                continue;
            }
            List<Map<String, Object>> lines = new ArrayList<>();
            for (FlowLogRepository.Row row : rows) {
                if (row.stateId() != state.id()) {
                    continue;
                }
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("id", row.id());
                Map<String, Object> transition = new LinkedHashMap<>();
                transition.put("transition_name", lookups.transitionName(row));
                transition.put("transition_id", row.transitionId());
                line.put("transition", transition);
                line.put("participant_type_id", row.participantTypeId());
                line.put("participant", row.participant());
                line.put("participant_info", lookups.participantInfo(row));
                line.put("intervene_type_id", row.interveneTypeId());
                line.put("suggestion", row.suggestion());
                line.put("state_id", row.stateId());
                line.put("attribute_type_id", lookups.attribute(row));
                line.put("gmt_created", ApiTime.format(row.gmtCreated()));
                lines.add(line);
            }
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("state_id", state.id());
            step.put("state_name", state.name());
            step.put("order_id", state.orderId());
            step.put("state_flow_log_list", lines);
            steps.add(step);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("value", steps);
        data.put("current_state_id", ticket.stateId());
        return data;
    }

    private Ticket readable(Caller caller, long ticketId) {
        Ticket ticket = access.forApp(caller, ticketId, "");
        if (!caller.hasUsername()) {
            throw new ApiException("参数不全，请提供username", "");
        }
        viewPermission.requireViewer(ticket, caller.username());
        return ticket;
    }

    private Lookups lookups(List<FlowLogRepository.Row> rows) {
        Set<Long> stateIds = new HashSet<>();
        Set<Long> transitionIds = new HashSet<>();
        Set<String> people = new HashSet<>();
        for (FlowLogRepository.Row row : rows) {
            stateIds.add(row.stateId());
            if (row.transitionId() != 0) {
                transitionIds.add(row.transitionId());
            }
            if (row.participantTypeId() == Participants.PERSON) {
                people.add(row.participant());
            }
        }
        Map<String, AccountUser> users = new LinkedHashMap<>();
        directory.findUsers(people).forEach(user -> users.put(user.username(), user));
        return new Lookups(states.findByIdsIncludingDeleted(stateIds),
                transitions.findByIdsIncludingDeleted(transitionIds), users);
    }

    private Object parseSnapshot(String text) {
        if (text == null || text.isBlank()) {
            return Map.of(); // loonflow stored "" for script lines and then failed to parse it
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return text; // a truncated legacy snapshot is returned as its text rather than failing the call
        }
    }

    private static boolean parseFlag(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        try {
            return Integer.parseInt(value.trim()) != 0;
        } catch (NumberFormatException e) {
            throw new ApiException("ticket_data must be an integer, got '" + value + "'", "");
        }
    }

    private record Lookups(Map<Long, State> states, Map<Long, Transition> transitions, Map<String, AccountUser> users) {

        String stateName(long id) {
            State state = states.get(id);
            return state == null ? "未知" : state.name();
        }

        String transitionName(FlowLogRepository.Row row) {
            if (row.transitionId() != 0) {
                Transition transition = transitions.get(row.transitionId());
                return transition == null ? "未知" : transition.name();
            }
            return FlowLogLine.interventionName(row.interveneTypeId());
        }

        int attribute(FlowLogRepository.Row row) {
            Transition transition = row.transitionId() == 0 ? null : transitions.get(row.transitionId());
            return transition == null ? 3 : transition.attributeTypeId();
        }

        Map<String, Object> participantInfo(FlowLogRepository.Row row) {
            AccountUser user = row.participantTypeId() == Participants.PERSON ? users.get(row.participant()) : null;
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("participant_type_id", row.participantTypeId());
            info.put("participant", row.participant());
            info.put("participant_alias", user == null ? row.participant() : user.alias());
            info.put("participant_email", user == null ? "" : user.email());
            info.put("participant_phone", user == null ? "" : user.phone());
            return info;
        }
    }
}
