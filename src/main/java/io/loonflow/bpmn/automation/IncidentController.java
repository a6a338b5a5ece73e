package io.loonflow.bpmn.automation;

import io.loonflow.bpmn.account.AccountDirectory;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.ApiResponse;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.Paging;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1.0/automation/incidents}: the open incidents of tickets, for operators (super admins only).
 * Query: {@code page}, {@code per_page} (loonflow's paging) and optional {@code ticket_id}.
 */
@RestController
class IncidentController {

    private final IncidentList incidents;
    private final AccountDirectory directory;

    IncidentController(IncidentList incidents, AccountDirectory directory) {
        this.incidents = incidents;
        this.directory = directory;
    }

    @GetMapping("/api/v1.0/automation/incidents")
    ApiResponse list(Caller caller, @RequestParam(name = "page", required = false) String page,
                     @RequestParam(name = "per_page", required = false) String perPage,
                     @RequestParam(name = "ticket_id", required = false) String ticketId) {
        directory.requireSuperAdmin(caller);
        return ApiResponse.ok(incidents.list(Paging.of(page, perPage), ticketId(ticketId)));
    }

    private static Long ticketId(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!text.trim().matches("\\d{1,18}")) {
            throw new ApiException("ticket_id must be a positive integer");
        }
        return Long.parseLong(text.trim());
    }
}
