package io.loonflow.bpmn.definition;

import io.loonflow.bpmn.api.ApiResponse;
import io.loonflow.bpmn.api.RawBody;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.Paging;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Notification hooks: {@code /api/v1.0/workflows/custom_notices} (§2.23). */
@RestController
@RequestMapping("/api/v1.0/workflows/custom_notices")
class CustomNoticeController {

    private final CustomNoticeService notices;

    CustomNoticeController(CustomNoticeService notices) {
        this.notices = notices;
    }

    @GetMapping
    ApiResponse list(Caller caller,
                     @RequestParam(name = "search_value", required = false) String searchValue,
                     @RequestParam(name = "page", required = false) String page,
                     @RequestParam(name = "per_page", required = false) String perPage) {
        return ApiResponse.ok(notices.list(caller, searchValue, Paging.of(page, perPage)));
    }

    @PostMapping
    ApiResponse create(RawBody body, Caller caller) {
        notices.create(caller, body.text());
        return ApiResponse.ok();
    }

    @PatchMapping("/{noticeId:\\d+}")
    ApiResponse update(RawBody body, Caller caller, @PathVariable long noticeId) {
        notices.update(caller, noticeId, body.text());
        return ApiResponse.ok();
    }

    @DeleteMapping("/{noticeId:\\d+}")
    ApiResponse delete(Caller caller, @PathVariable long noticeId) {
        notices.delete(caller, noticeId);
        return ApiResponse.ok();
    }
}
