package io.loonflow.bpmn.definition;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.Paging;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** State list (§2.8) and state detail (§2.10) for callers, with the app check loonflow skipped. */
@Service
class StateQueryService {

    static final String STATE_NOT_FOUND = "工单状态不存在或已被删除";

    private final StateRepository states;
    private final WorkflowPermissions permissions;
    private final ParticipantFormatter participants;

    StateQueryService(StateRepository states, WorkflowPermissions permissions, ParticipantFormatter participants) {
        this.states = states;
        this.permissions = permissions;
        this.participants = participants;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> list(Caller caller, long workflowId, String searchValue, Paging paging) {
        permissions.requireAppMayUse(caller, workflowId, Map.of());
        List<State> matching = states.findActiveByWorkflow(workflowId).stream()
                .filter(state -> containsIgnoringCase(state.name(), searchValue)).toList();
        int from = (int) Math.min(paging.offset(matching.size()), matching.size());
        int to = Math.min(from + paging.perPage(), matching.size());
        List<Map<String, Object>> page = matching.subList(from, to).stream().map(state -> {
            Map<String, Object> item = StateViews.record(state);
            item.put("participant_info", participants.info(state.participantTypeId(), state.participant()));
            return item;
        }).toList();
        return paging.result(page, matching.size());
    }

    @Transactional(readOnly = true)
    public Map<String, Object> detail(Caller caller, long stateId) {
        caller.requireUsername();
        State state = states.findActive(stateId).orElseThrow(() -> new ApiException(STATE_NOT_FOUND, Map.of()));
        permissions.requireAppMayUse(caller, state.workflowId(), Map.of());
        return StateViews.detail(state);
    }

    /** Django's {@code name__contains} on MySQL's case-insensitive collation. */
    static boolean containsIgnoringCase(String name, String searchValue) {
        return searchValue == null || searchValue.isEmpty()
                || name.toLowerCase(Locale.ROOT).contains(searchValue.toLowerCase(Locale.ROOT));
    }
}
