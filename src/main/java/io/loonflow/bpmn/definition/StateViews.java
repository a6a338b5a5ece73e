package io.loonflow.bpmn.definition;

import java.util.LinkedHashMap;
import java.util.Map;

import io.loonflow.bpmn.api.ApiTime;

/**
 * The response shapes of a state. JSON columns are parsed leniently (empty or invalid → {@code {}}) and hook
 * secrets are masked in every shape.
 */
final class StateViews {

    private StateViews() {
    }

    /** loonflow's get_dict form (§2.8) with {@code state_field_str} and {@code label} parsed. */
    static Map<String, Object> record(State state) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", state.id());
        view.put("creator", state.creator());
        view.put("gmt_created", ApiTime.format(state.gmtCreated()));
        view.put("gmt_modified", ApiTime.format(state.gmtModified()));
        view.put("is_deleted", state.deleted());
        view.put("name", state.name());
        view.put("workflow_id", state.workflowId());
        view.put("is_hidden", state.hidden());
        view.put("order_id", state.orderId());
        view.put("type_id", state.typeId());
        view.put("enable_retreat", state.enableRetreat());
        view.put("remember_last_man_enable", state.rememberLastManEnable());
        view.put("participant_type_id", state.participantTypeId());
        view.put("participant", ParticipantSecrets.mask(state.participantTypeId(), state.participant()));
        view.put("distribute_type_id", state.distributeTypeId());
        view.put("state_field_str", stateFields(state));
        view.put("label", label(state));
        return view;
    }

    /** The state detail of §2.10 (a different key set and order than the list). */
    static Map<String, Object> detail(State state) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", state.id());
        view.put("name", state.name());
        view.put("workflow_id", state.workflowId());
        view.put("distribute_type_id", state.distributeTypeId());
        view.put("is_hidden", state.hidden());
        view.put("order_id", state.orderId());
        view.put("type_id", state.typeId());
        view.put("participant_type_id", state.participantTypeId());
        view.put("participant", ParticipantSecrets.mask(state.participantTypeId(), state.participant()));
        view.put("state_field", stateFields(state));
        view.put("label", label(state));
        view.put("creator", state.creator());
        view.put("gmt_created", ApiTime.format(state.gmtCreated()));
        return view;
    }

    static com.fasterxml.jackson.databind.node.ObjectNode stateFields(State state) {
        return StateJson.objectOrEmpty(state.stateFieldStr(), "state_field_str of state " + state.id());
    }

    static com.fasterxml.jackson.databind.node.ObjectNode label(State state) {
        return StateJson.objectOrEmpty(state.label(), "label of state " + state.id());
    }
}
