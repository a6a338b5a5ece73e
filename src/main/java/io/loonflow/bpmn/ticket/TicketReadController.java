package io.loonflow.bpmn.ticket;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.ApiResponse;
import io.loonflow.bpmn.api.Caller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** §4.18 participant_info, §4.21 batch states, §4.22 num_statistics. */
@RestController
@RequestMapping("/api/v1.0/tickets")
class TicketReadController {

    private static final String DATE_ONLY = "\\d{4}-\\d{1,2}-\\d{1,2}";

    private final TicketReadService service;

    TicketReadController(TicketReadService service) {
        this.service = service;
    }

    @GetMapping("/{ticketId:\\d+}/participant_info")
    ApiResponse participantInfo(Caller caller, @PathVariable long ticketId) {
        return ApiResponse.ok(service.participantInfo(caller, ticketId));
    }

    @GetMapping("/states")
    ApiResponse states(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        String ids = TicketListController.lastValues(params).getOrDefault("ticket_ids", "");
        if (ids.isEmpty()) {
            throw new ApiException("ticket_ids is required: comma-separated ticket ids", "");
        }
        List<Long> ticketIds;
        try {
            ticketIds = TicketListQuery.ids("ticket_ids", ids);
        } catch (ApiException e) {
            throw new ApiException(e.getMessage(), "");
        }
        return ApiResponse.ok(service.states(caller, ticketIds));
    }

    /**
     * {@code start_date} and {@code end_date} (loonflow's service parameters, which its view never passed on):
     * a date or datetime each; a date-only end includes that whole day.
     */
    @GetMapping("/num_statistics")
    ApiResponse numStatistics(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        Map<String, String> values = TicketListController.lastValues(params);
        String startText = values.getOrDefault("start_date", "");
        String endText = values.getOrDefault("end_date", "");
        LocalDateTime start = TicketListQuery.time("start_date", startText, true);
        LocalDateTime end = TicketListQuery.time("end_date", endText, false);
        LocalDateTime endExclusive = null;
        if (end != null) {
            endExclusive = endText.strip().matches(DATE_ONLY) ? end.plusDays(1) : end.plusSeconds(1);
        }
        return ApiResponse.ok(service.numStatistics(caller, start, endExclusive));
    }
}
