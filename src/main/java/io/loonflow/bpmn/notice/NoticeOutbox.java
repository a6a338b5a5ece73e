package io.loonflow.bpmn.notice;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.definition.CustomNotice;
import io.loonflow.bpmn.definition.CustomNoticeRepository;
import io.loonflow.bpmn.definition.Workflow;
import io.loonflow.bpmn.definition.WorkflowRepository;
import io.loonflow.bpmn.ticket.TicketChanged;
import io.loonflow.bpmn.ticket.TicketNoticeData;
import io.loonflow.bpmn.ticket.TicketNoticeData.Snapshot;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes the notice outbox (spec §5.15) inside the transaction of the ticket change: one row per notice of the
 * ticket's workflow, with the body rendered now, so a rolled-back change sends nothing and a committed one is sent
 * even if the node stops right after. A body that cannot be rendered (unknown template key, NULL template, bad
 * format spec) or a notice id that is not a number becomes a row with status failed and the reason in
 * {@code last_error}; it never fails the ticket change. Database errors do fail it: no change without its notices.
 */
@Component
class NoticeOutbox {

    private final TicketNoticeData tickets;
    private final WorkflowRepository workflows;
    private final CustomNoticeRepository notices;
    private final NoticeDeliveryRepository deliveries;
    private final NoticeDispatcher dispatcher;
    private final NoticeMetrics metrics;
    private final ObjectMapper json;
    private final Clock clock;

    NoticeOutbox(TicketNoticeData tickets, WorkflowRepository workflows, CustomNoticeRepository notices,
                 NoticeDeliveryRepository deliveries, NoticeDispatcher dispatcher, NoticeMetrics metrics,
                 ObjectMapper json, Clock clock) {
        this.tickets = tickets;
        this.workflows = workflows;
        this.notices = notices;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    public void onTicketChanged(TicketChanged event) {
        Workflow workflow = workflows.findActive(event.ticket().workflowId()).orElse(null);
        if (workflow == null || workflow.notices() == null || workflow.notices().isBlank()) {
            return;
        }
        Set<Long> ids = new LinkedHashSet<>();
        List<String> invalid = new ArrayList<>();
        for (String item : workflow.notices().split(",")) {
            String id = item.strip();
            if (id.isEmpty()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                invalid.add(id);
            }
        }
        List<CustomNotice> targets = notices.findActiveByIds(ids);
        if (targets.isEmpty() && invalid.isEmpty()) {
            return;
        }
        Optional<Snapshot> found = tickets.snapshot(event.ticketId());
        if (found.isEmpty()) {
            return;
        }
        Snapshot snapshot = found.get();
        String body = null;
        String error = "";
        try {
            body = json.writeValueAsString(body(workflow, snapshot));
        } catch (PythonFormat.FormatException e) {
            error = e.getMessage();
        } catch (JsonProcessingException e) {
            error = "body not serialisable: " + e.getOriginalMessage();
        }
        String action = event.action().name();
        LocalDateTime now = LocalDateTime.now(clock);
        int unrendered = 0;
        for (CustomNotice notice : targets) {
            if (body == null) {
                deliveries.insert(event.ticketId(), notice.id(), action, null, NoticeDeliveryRepository.FAILED,
                        "not rendered: " + error, now);
                unrendered++;
            } else {
                deliveries.insert(event.ticketId(), notice.id(), action, body, NoticeDeliveryRepository.PENDING, "",
                        now);
            }
        }
        for (String id : invalid) {
            deliveries.insert(event.ticketId(), 0, action, null, NoticeDeliveryRepository.FAILED,
                    "workflow " + workflow.id() + " lists notice id '" + id + "', which is not a number", now);
        }
        afterCommit(unrendered, invalid.size(), body != null && !targets.isEmpty());
    }

    /** Body keys of §5.15, in loonflow's order. */
    static Map<String, Object> body(Workflow workflow, Snapshot snapshot) throws PythonFormat.FormatException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title_result", render("title_template", workflow.titleTemplate(), snapshot.values()));
        body.put("content_result", render("content_template", workflow.contentTemplate(), snapshot.values()));
        body.put("participant", snapshot.participant());
        body.put("participant_type_id", snapshot.participantTypeId());
        body.put("multi_all_person", snapshot.multiAllPerson());
        body.put("ticket_value_info", snapshot.values());
        body.put("last_flow_log", snapshot.lastFlowLog());
        body.put("participant_info_list", snapshot.participantInfoList());
        return body;
    }

    private static String render(String name, String template, Map<String, Object> values)
            throws PythonFormat.FormatException {
        try {
            return PythonFormat.format(template, values);
        } catch (PythonFormat.FormatException e) {
            throw new PythonFormat.FormatException(name + ": " + e.getMessage());
        }
    }

    /** Counts and wakes the sender only once the change committed (a rolled-back change produced nothing). */
    private void afterCommit(int unrendered, int invalidIds, boolean wake) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            countAndWake(unrendered, invalidIds, wake);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                countAndWake(unrendered, invalidIds, wake);
            }
        });
    }

    private void countAndWake(int unrendered, int invalidIds, boolean wake) {
        for (int i = 0; i < unrendered; i++) {
            metrics.givenUp("render");
        }
        for (int i = 0; i < invalidIds; i++) {
            metrics.givenUp("config");
        }
        if (wake) {
            dispatcher.wakeUp();
        }
    }
}
