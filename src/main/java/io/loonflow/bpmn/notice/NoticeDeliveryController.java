package io.loonflow.bpmn.notice;

import io.loonflow.bpmn.api.ApiResponse;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.Paging;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notice outbox (not in loonflow): {@code GET /api/v1.0/notices/deliveries?status=&page=&per_page=} and
 * {@code POST /api/v1.0/notices/deliveries/{id}/retry}; super admins only (session, or a signed call for one).
 */
@RestController
@RequestMapping("/api/v1.0/notices/deliveries")
class NoticeDeliveryController {

    private final NoticeDeliveryAdmin admin;

    NoticeDeliveryController(NoticeDeliveryAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    ApiResponse list(Caller caller,
                     @RequestParam(name = "status", required = false) String status,
                     @RequestParam(name = "page", required = false) String page,
                     @RequestParam(name = "per_page", required = false) String perPage) {
        return ApiResponse.ok(admin.list(caller, status, Paging.of(page, perPage)));
    }

    @PostMapping("/{deliveryId:\\d+}/retry")
    ApiResponse retry(Caller caller, @PathVariable long deliveryId) {
        return ApiResponse.ok(admin.retry(caller, deliveryId));
    }
}
