package io.loonflow.bpmn.notice;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Notice delivery metrics (Prometheus names in brackets): deliveries sent
 * ({@code loonflow_notice_deliveries_sent_total}), failed attempts ({@code loonflow_notice_delivery_failures_total}),
 * retries, i.e. attempts after the first ({@code loonflow_notice_delivery_retries_total}), deliveries given up
 * ({@code loonflow_notice_deliveries_given_up_total}, tag {@code reason}: attempts = out of attempts, render =
 * template not renderable, config = notice id not a number, notice = notice deleted before sending) and the rows
 * waiting ({@code loonflow_notice_backlog}) or given up ({@code loonflow_notice_failed}), counted in the shared
 * database at each scrape, so every node reports the cluster's backlog.
 */
@Component
class NoticeMetrics {

    private static final Logger log = LoggerFactory.getLogger(NoticeMetrics.class);

    private final MeterRegistry registry;
    private final Counter sent;
    private final Counter failures;
    private final Counter retries;

    NoticeMetrics(MeterRegistry registry, NoticeDeliveryRepository deliveries) {
        this.registry = registry;
        this.sent = Counter.builder("loonflow.notice.deliveries.sent")
                .description("notice deliveries the receiver accepted").register(registry);
        this.failures = Counter.builder("loonflow.notice.delivery.failures")
                .description("failed notice delivery attempts").register(registry);
        this.retries = Counter.builder("loonflow.notice.delivery.retries")
                .description("notice delivery attempts after the first").register(registry);
        for (String reason : new String[] {"attempts", "render", "config", "notice"}) {
            givenUpCounter(reason);
        }
        Gauge.builder("loonflow.notice.backlog", deliveries, d -> count(d, NoticeDeliveryRepository.PENDING))
                .description("notice deliveries waiting to be sent").register(registry);
        Gauge.builder("loonflow.notice.failed", deliveries, d -> count(d, NoticeDeliveryRepository.FAILED))
                .description("notice deliveries given up (listable and retryable through the admin API)")
                .register(registry);
    }

    void attempt(int previousAttempts) {
        if (previousAttempts > 0) {
            retries.increment();
        }
    }

    void sent() {
        sent.increment();
    }

    void failure() {
        failures.increment();
    }

    void givenUp(String reason) {
        givenUpCounter(reason).increment();
    }

    private Counter givenUpCounter(String reason) {
        return Counter.builder("loonflow.notice.deliveries.given.up").tag("reason", reason)
                .description("notice deliveries marked failed").register(registry);
    }

    private static double count(NoticeDeliveryRepository deliveries, String status) {
        try {
            return deliveries.count(status);
        } catch (RuntimeException e) {
            log.debug("notice backlog not counted: {}", e.toString());
            return Double.NaN;
        }
    }
}
