package io.loonflow.bpmn.ticket;

import io.loonflow.bpmn.api.ApiResponse;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.RawBody;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Creating, handling and inspecting single tickets (spec §4.2, §4.4, §4.6). */
@RestController
@RequestMapping("/api/v1.0/tickets")
class TicketController {

    private final TicketCommands commands;
    private final TicketQueries queries;
    private final TicketFlowViews flows;
    private final TicketDetail detail;

    TicketController(TicketCommands commands, TicketQueries queries, TicketFlowViews flows, TicketDetail detail) {
        this.commands = commands;
        this.queries = queries;
        this.flows = flows;
        this.detail = detail;
    }

    @GetMapping("/{ticketId:\\d+}")
    ApiResponse detail(@PathVariable long ticketId, Caller caller) {
        return ApiResponse.ok(detail.detail(caller, ticketId));
    }

    @PostMapping
    ApiResponse create(RawBody rawBody, Caller caller) {
        return ApiResponse.ok(java.util.Map.of("ticket_id", commands.create(caller, rawBody.text())));
    }

    @PatchMapping("/{ticketId:\\d+}")
    ApiResponse handle(RawBody rawBody, @PathVariable long ticketId, Caller caller) {
        return ApiResponse.ok(commands.handle(caller, ticketId, rawBody.text()));
    }

    @GetMapping("/{ticketId:\\d+}/transitions")
    ApiResponse transitions(@PathVariable long ticketId, Caller caller) {
        return ApiResponse.ok(queries.transitions(caller, ticketId));
    }

    @GetMapping("/{ticketId:\\d+}/flowlogs")
    ApiResponse flowLogs(@PathVariable long ticketId, Caller caller,
                         @RequestParam(name = "page", required = false) String page,
                         @RequestParam(name = "per_page", required = false) String perPage,
                         @RequestParam(name = "ticket_data", required = false) String ticketData) {
        return ApiResponse.ok(flows.flowLogs(caller, ticketId, page, perPage, ticketData));
    }

    @GetMapping("/{ticketId:\\d+}/flowsteps")
    ApiResponse flowSteps(@PathVariable long ticketId, Caller caller) {
        return ApiResponse.ok(flows.flowSteps(caller, ticketId));
    }
}
