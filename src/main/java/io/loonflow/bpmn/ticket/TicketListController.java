package io.loonflow.bpmn.ticket;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.loonflow.bpmn.api.ApiResponse;
import io.loonflow.bpmn.api.Caller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1.0/tickets}: the ticket list (ticket spec §4.1). */
@RestController
class TicketListController {

    private final TicketListService service;

    TicketListController(TicketListService service) {
        this.service = service;
    }

    @GetMapping("/api/v1.0/tickets")
    ApiResponse list(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        return ApiResponse.ok(service.list(caller, TicketListQuery.parse(lastValues(params), service.now())));
    }

    /** Django's {@code request.GET.get(name)} takes the last of repeated parameters. */
    static Map<String, String> lastValues(MultiValueMap<String, String> params) {
        Map<String, String> last = new HashMap<>();
        params.forEach((name, values) -> {
            List<String> nonNull = values == null ? List.of() : values;
            if (!nonNull.isEmpty()) {
                last.put(name, nonNull.get(nonNull.size() - 1));
            }
        });
        return last;
    }
}
