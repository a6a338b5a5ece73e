package io.loonflow.bpmn.notice;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.loonflow.bpmn.definition.CustomNotice;
import io.loonflow.bpmn.definition.CustomNoticeRepository;
import io.loonflow.bpmn.notice.NoticeDeliveryRepository.Claim;
import io.loonflow.bpmn.notice.NoticeDeliveryRepository.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the notice outbox: a poller thread claims due rows every {@code poll-interval} (and right after a ticket
 * change commits) and hands them to a small fixed pool of sender threads, never an API thread. A failed attempt is
 * due again after an exponential back-off ({@code initial-backoff * 2^(attempt-1)}, at most {@code max-backoff});
 * after {@code max-attempts} the delivery is given up (status failed, listable and retryable by the admin API).
 * On shutdown, rows claimed but not started are released so that another node or the next start sends them.
 */
@Component
class NoticeDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NoticeDispatcher.class);

    private final NoticeProperties properties;
    private final NoticeDeliveryRepository deliveries;
    private final CustomNoticeRepository notices;
    private final NoticeSender sender;
    private final NoticeMetrics metrics;
    private final Clock clock;
    private final String node;
    private final AtomicInteger inFlight = new AtomicInteger();

    private volatile ScheduledExecutorService poller;
    private volatile ThreadPoolExecutor senders;

    NoticeDispatcher(NoticeProperties properties, NoticeDeliveryRepository deliveries, CustomNoticeRepository notices,
                     NoticeSender sender, NoticeMetrics metrics, Clock clock) {
        this.properties = properties;
        this.deliveries = deliveries;
        this.notices = notices;
        this.sender = sender;
        this.metrics = metrics;
        this.clock = clock;
        this.node = properties.getNodeId() == null || properties.getNodeId().isBlank() ? defaultNodeId()
                : properties.getNodeId().strip();
    }

    @Override
    public synchronized void start() {
        if (!properties.isDispatchEnabled() || poller != null) {
            return;
        }
        int threads = Math.max(1, properties.getThreads());
        AtomicInteger count = new AtomicInteger();
        senders = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> daemon(r, "notice-sender-" + count.incrementAndGet()));
        poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "notice-poller"));
        long interval = Math.max(10, properties.getPollInterval().toMillis());
        poller.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
        log.info("notice dispatcher started on node {} ({} sender threads, polling every {} ms)", node, threads,
                interval);
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService p = poller;
        ThreadPoolExecutor s = senders;
        poller = null;
        senders = null;
        if (p == null) {
            return;
        }
        p.shutdownNow();
        // rows claimed but not started go back at once; sends under way get one attempt's time to finish
        List<Runnable> notStarted = new ArrayList<>();
        s.getQueue().drainTo(notStarted);
        s.shutdown();
        for (Runnable task : notStarted) {
            if (task instanceof SendTask send) {
                inFlight.decrementAndGet();
                try {
                    deliveries.release(send.claim());
                } catch (RuntimeException e) {
                    log.debug("claim of notice delivery {} not released: {}", send.claim().id(), e.toString());
                }
            }
        }
        try {
            Duration grace = properties.getConnectTimeout().plus(properties.getReadTimeout()).plusSeconds(1);
            if (!s.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                s.shutdownNow(); // an interrupted send is recorded as a failed attempt and retried
                s.awaitTermination(2, TimeUnit.SECONDS);
            }
            p.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            s.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    /** Stops before the web server and the data source go away. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

    /** Looks for due rows now instead of at the next tick (called after a ticket change committed). */
    void wakeUp() {
        ScheduledExecutorService p = poller;
        if (p != null) {
            try {
                p.execute(this::poll);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    private void poll() {
        try {
            ThreadPoolExecutor s = senders;
            if (s == null) {
                return;
            }
            int capacity = s.getMaximumPoolSize() * 2 - inFlight.get();
            int limit = Math.min(Math.max(1, properties.getBatchSize()), capacity);
            LocalDateTime now = LocalDateTime.now(clock);
            for (Claim claim : deliveries.claimDue(node, limit, now, now.plus(claimDuration()))) {
                inFlight.incrementAndGet();
                try {
                    s.execute(new SendTask(claim, this));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    inFlight.decrementAndGet();
                    deliveries.release(claim);
                }
            }
        } catch (RuntimeException e) {
            log.warn("notice poll failed: {}", e.toString());
        }
    }

    /** Long enough for a whole attempt, so that no other node takes a row while it is being sent. */
    private Duration claimDuration() {
        Duration attempt = properties.getConnectTimeout().plus(properties.getReadTimeout()).plusSeconds(30);
        return properties.getClaimTimeout().compareTo(attempt) > 0 ? properties.getClaimTimeout() : attempt;
    }

    private record SendTask(Claim claim, NoticeDispatcher dispatcher) implements Runnable {

        @Override
        public void run() {
            try {
                dispatcher.deliver(claim);
            } catch (RuntimeException e) {
                log.warn("notice delivery {} failed unexpectedly: {}", claim.id(), e.toString());
            } finally {
                dispatcher.inFlight.decrementAndGet();
            }
        }
    }

    private void deliver(Claim claim) {
        Optional<Delivery> found = deliveries.find(claim.id());
        if (found.isEmpty()) {
            return;
        }
        Delivery delivery = found.get();
        Optional<CustomNotice> notice = notices.findActive(delivery.noticeId());
        if (notice.isEmpty()) {
            metrics.givenUp("notice");
            deliveries.markAttemptFailed(claim, 0, "notice " + delivery.noticeId() + " no longer exists", null);
            return;
        }
        metrics.attempt(delivery.attempts());
        NoticeSender.Outcome outcome = sender.send(delivery.deliveryId(), notice.get().hookUrl(),
                notice.get().hookToken(), delivery.body());
        LocalDateTime now = LocalDateTime.now(clock);
        if (outcome.success()) {
            deliveries.markSent(claim, outcome.httpStatus(), now);
            metrics.sent();
            return;
        }
        metrics.failure();
        int attempts = delivery.attempts() + 1;
        if (attempts >= Math.max(1, properties.getMaxAttempts())) {
            deliveries.markAttemptFailed(claim, outcome.httpStatus(), outcome.error(), null);
            metrics.givenUp("attempts");
            log.warn("notice delivery {} (ticket {}, notice {}) given up after {} attempts: {}",
                    delivery.deliveryId(), delivery.ticketId(), delivery.noticeId(), attempts, outcome.error());
        } else {
            deliveries.markAttemptFailed(claim, outcome.httpStatus(), outcome.error(), now.plus(backoff(attempts)));
        }
    }

    /** {@code initial * 2^(attempts-1)}, capped. */
    Duration backoff(int attempts) {
        Duration delay = properties.getInitialBackoff();
        for (int i = 1; i < attempts && delay.compareTo(properties.getMaxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(properties.getMaxBackoff()) > 0 ? properties.getMaxBackoff() : delay;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        String id = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() > 100 ? id.substring(id.length() - 100) : id;
    }
}
