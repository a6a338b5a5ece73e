package io.loonflow.bpmn.notice;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.account.AccountDirectory;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.ApiTime;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.Paging;
import io.loonflow.bpmn.notice.NoticeDeliveryRepository.Delivery;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The notice outbox for super admins: list deliveries (e.g. the failed ones) and re-queue a failed one. */
@Service
class NoticeDeliveryAdmin {

    private static final List<String> STATUSES = List.of(NoticeDeliveryRepository.PENDING,
            NoticeDeliveryRepository.SENT, NoticeDeliveryRepository.FAILED);

    private final NoticeDeliveryRepository deliveries;
    private final AccountDirectory accounts;
    private final NoticeDispatcher dispatcher;
    private final ObjectMapper json;
    private final Clock clock;

    NoticeDeliveryAdmin(NoticeDeliveryRepository deliveries, AccountDirectory accounts, NoticeDispatcher dispatcher,
                        ObjectMapper json, Clock clock) {
        this.deliveries = deliveries;
        this.accounts = accounts;
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> list(Caller caller, String status, Paging paging) {
        accounts.requireSuperAdmin(caller);
        String filter = status == null || status.isBlank() ? null : status.strip();
        if (filter != null && !STATUSES.contains(filter)) {
            throw new ApiException("status must be one of pending, sent, failed, got '" + (status.length() > 50 ? status.substring(0, 50) + "..." : status)
                    + "'");
        }
        long total = deliveries.count(filter);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Delivery delivery : deliveries.page(filter, paging.perPage(), paging.offset(total))) {
            items.add(item(delivery));
        }
        return paging.result(items, total);
    }

    @Transactional
    public Map<String, Object> retry(Caller caller, long id) {
        accounts.requireSuperAdmin(caller);
        Delivery delivery = deliveries.find(id)
                .orElseThrow(() -> new ApiException("notice delivery " + id + " does not exist"));
        if (!NoticeDeliveryRepository.FAILED.equals(delivery.status())) {
            throw new ApiException("only a failed notice delivery can be retried; delivery " + id + " is "
                    + delivery.status());
        }
        if (delivery.body() == null) {
            throw new ApiException("notice delivery " + id + " was never rendered (" + delivery.lastError()
                    + "); fix the workflow or its templates, the next ticket change renders again");
        }
        if (!deliveries.requeue(id, LocalDateTime.now(clock))) {
            throw new ApiException("notice delivery " + id + " changed meanwhile, try again");
        }
        dispatcher.wakeUp();
        return item(deliveries.find(id).orElseThrow());
    }

    private Map<String, Object> item(Delivery d) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", d.id());
        item.put("delivery_id", d.deliveryId());
        item.put("ticket_id", d.ticketId());
        item.put("notice_id", d.noticeId());
        item.put("ticket_action", d.action().toLowerCase());
        item.put("status", d.status());
        item.put("attempts", d.attempts());
        item.put("next_attempt_at", ApiTime.format(d.nextAttemptAt()));
        item.put("last_http_status", d.lastHttpStatus());
        item.put("last_error", d.lastError());
        item.put("gmt_created", ApiTime.format(d.gmtCreated()));
        item.put("sent_at", d.sentAt() == null ? "" : ApiTime.format(d.sentAt()));
        item.put("body", parse(d.body()));
        return item;
    }

    private Object parse(String body) {
        if (body == null) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return body;
        }
    }
}
