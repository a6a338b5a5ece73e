package io.loonflow.bpmn.ticket;

import java.util.Map;

import io.loonflow.bpmn.api.ApiResponse;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.RawBody;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Interventions on a single ticket (spec §4.5, §4.9–§4.14, §4.16, §4.19, §4.20). */
@RestController
@RequestMapping("/api/v1.0/tickets")
class TicketInterventionController {

    private final TicketInterventions interventions;
    private final TicketStateMoves moves;
    private final TicketFieldEdits fields;
    private final TicketHookCallbacks hooks;

    TicketInterventionController(TicketInterventions interventions, TicketStateMoves moves, TicketFieldEdits fields,
                                 TicketHookCallbacks hooks) {
        this.hooks = hooks;
        this.interventions = interventions;
        this.moves = moves;
        this.fields = fields;
    }

    @PostMapping("/{ticketId:\\d+}/accept")
    ApiResponse accept(RawBody rawBody, @PathVariable long ticketId, Caller caller) {
        return ApiResponse.ok(interventions.accept(caller, ticketId));
    }

    @PostMapping("/{ticketId:\\d+}/deliver")
    ApiResponse deliver(RawBody rawBody, @PathVariable long ticketId, Caller caller) {
        return ApiResponse.ok(interventions.deliver(caller, ticketId, rawBody.text()));
    }

    @PostMapping("/{ticketId:\\d+}/add_node")
    ApiResponse addNode(RawBody rawBody, @PathVariable long ticketId, Caller caller) {
        return ApiResponse.ok(interventions.addNode(caller, ticketId, rawBody.text()));
    }

    @PostMapping("/{ticketId:\\d+}/add_node_end")
    ApiResponse addNodeEnd(RawBody rawBody, @PathVariable long ticketId, Caller caller) {
        return ApiResponse.ok(interventions.addNodeEnd(caller, ticketId, rawBody.text()));
    }

    @PostMapping("/{ticketId:\\d+}/hook_call_back")
    ApiResponse hookCallBack(RawBody rawBody, @PathVariable long ticketId, Caller caller) {
        hooks.callBack(caller, ticketId, rawBody.text());
        // loonflow's message for this endpoint (copied from its comment endpoint)
        return new ApiResponse(0, Map.of(), "add ticket comment successful");
    }

    @PostMapping("/{ticketId:\\d+}/retry_script")
    ApiResponse retryScript(RawBody rawBody, @PathVariable long ticketId, Caller caller) {
        hooks.retry(caller, ticketId);
        return new ApiResponse(0, Map.of(), "Ticket script or hook retry start successful");
    }

    @PostMapping("/{ticketId:\\d+}/comments")
    ApiResponse comment(RawBody rawBody, @PathVariable long ticketId, Caller caller) {
        interventions.comment(caller, ticketId, rawBody.text());
        return new ApiResponse(0, Map.of(), "add ticket comment successful");
    }

    @DeleteMapping("/{ticketId:\\d+}")
    ApiResponse delete(RawBody rawBody, @PathVariable long ticketId, Caller caller) {
        return ApiResponse.ok(moves.delete(caller, ticketId, rawBody.text()));
    }

    @PutMapping("/{ticketId:\\d+}/state")
    ApiResponse forceState(RawBody rawBody, @PathVariable long ticketId, Caller caller) {
        return ApiResponse.ok(moves.forceState(caller, ticketId, rawBody.text()));
    }

    @PostMapping("/{ticketId:\\d+}/close")
    ApiResponse close(RawBody rawBody, @PathVariable long ticketId, Caller caller) {
        return ApiResponse.ok(moves.close(caller, ticketId, rawBody.text()));
    }

    @PostMapping("/{ticketId:\\d+}/retreat")
    ApiResponse retreat(RawBody rawBody, @PathVariable long ticketId, Caller caller) {
        return ApiResponse.ok(moves.retreat(caller, ticketId, rawBody.text()));
    }

    @PatchMapping("/{ticketId:\\d+}/fields")
    ApiResponse updateFields(RawBody rawBody, @PathVariable long ticketId, Caller caller) {
        return ApiResponse.ok(fields.update(caller, ticketId, rawBody.text()));
    }
}
