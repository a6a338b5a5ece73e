package io.loonflow.bpmn.ticket;

import java.util.LinkedHashMap;
import java.util.Map;

import io.loonflow.bpmn.api.ApiTime;

/** The serialised ticket row ("ticket dict", spec §2.6) in loonflow's exact key order. */
public final class TicketDict {

    private TicketDict() {
    }

    public static Map<String, Object> of(Ticket t) {
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("id", t.id());
        dict.put("creator", t.creator());
        dict.put("gmt_created", ApiTime.format(t.gmtCreated()));
        dict.put("gmt_modified", ApiTime.format(t.gmtModified()));
        dict.put("is_deleted", t.deleted());
        dict.put("title", t.title());
        dict.put("workflow_id", t.workflowId());
        dict.put("sn", t.sn());
        dict.put("state_id", t.stateId());
        dict.put("parent_ticket_id", t.parentTicketId());
        dict.put("parent_ticket_state_id", t.parentTicketStateId());
        dict.put("participant_type_id", t.participantTypeId());
        dict.put("participant", t.participant());
        dict.put("relation", t.relation());
        dict.put("in_add_node", t.inAddNode());
        dict.put("add_node_man", t.addNodeMan());
        dict.put("script_run_last_result", t.scriptRunLastResult());
        dict.put("act_state_id", t.actStateId());
        dict.put("multi_all_person", t.multiAllPerson());
        return dict;
    }
}
