package io.inflow.server.notifications;

import io.dropwizard.lifecycle.Managed;
import io.inflow.server.errors.InflowException;
import io.inflow.server.events.EventNotifications;
import io.inflow.server.metrics.NotificationMetrics;
import io.inflow.server.store.DatabaseEndpoint;
import io.inflow.server.store.DeliveryDao;
import io.inflow.server.store.DeliveryRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's share of the outbox: one thread claims due deliveries (woken by {@code NOTIFY inflow_notifications},
 * else every poll interval), as many as it has free senders, and hands each to a sender, which sends it and records
 * the outcome under its claim: delivered; tried again after a backoff (a timeout, no connection, 408, 429, 5xx,
 * honouring {@code Retry-After}) while its retry window lasts, a last attempt at the window's end; or failed for
 * good. Between claims it checks expected figures and removes old deliveries.
 */
public final class DeliveryDispatcher implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryDispatcher.class);
    private static final Duration MAX_WAIT = Duration.ofSeconds(1);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    private static final int MAX_ERROR_LENGTH = 1_000;

    private final DeliveryDao deliveries;
    private final NotificationService subscriptions;
    private final Deliverer deliverer;
    private final FigureChecks figures;
    private final DeliveryBackoff backoff;
    private final NotificationsConfiguration config;
    private final String node;
    private final NotificationMetrics metrics;
    private final Clock clock;
    private final EventNotifications wakeUps;
    private final Semaphore senders;
    private volatile boolean running;
    private Thread claimer;
    private ExecutorService pool;
    private Instant nextPrune = Instant.MIN;

    public DeliveryDispatcher(DeliveryDao deliveries, NotificationService subscriptions, Deliverer deliverer,
                              FigureChecks figures, DeliveryBackoff backoff, NotificationsConfiguration config,
                              String node, DatabaseEndpoint database, NotificationMetrics metrics, Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.deliverer = deliverer;
        this.figures = figures;
        this.backoff = backoff;
        this.config = config;
        this.node = node;
        this.metrics = metrics;
        this.clock = clock;
        this.wakeUps = new EventNotifications(database, "inflow_notifications");
        this.senders = new Semaphore(config.senderThreads());
    }

    @Override
    public void start() {
        AtomicInteger count = new AtomicInteger();
        pool = Executors.newFixedThreadPool(config.senderThreads(), runnable -> {
            Thread thread = new Thread(runnable, "inflow-notifications-sender-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        claimer = new Thread(this::claimLoop, "inflow-notifications");
        claimer.setDaemon(true);
        claimer.start();
    }

    /**
     * Stops claiming and lets the sends under way finish within the timeout; a send cut short keeps its claim until
     * the claim runs out, then any node sends it again.
     */
    @Override
    public void stop() throws InterruptedException {
        running = false;
        if (claimer != null) {
            claimer.interrupt();
            claimer.join(MAX_WAIT.multipliedBy(5).toMillis());
        }
        if (pool != null) {
            pool.shutdown();
            if (!pool.awaitTermination(config.timeout().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        }
        wakeUps.close();
    }

    private void claimLoop() {
        long nextPoll = 0;
        while (running) {
            try {
                long untilPoll = Math.max(0, nextPoll - System.nanoTime());
                boolean woken = untilPoll > 0
                        && wakeUps.await(Duration.ofNanos(Math.min(untilPoll, MAX_WAIT.toNanos())));
                if (woken || System.nanoTime() >= nextPoll) {
                    nextPoll = System.nanoTime() + config.pollInterval().toNanos();
                    figures.checkDue();
                    claimDue();
                    pruneNowAndThen();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Could not claim notifications; trying again in {}: {}", config.pollInterval(), e.toString());
                pause();
            }
        }
    }

    /** Claims as many due deliveries as there are free senders, again while each claim fills them all. */
    private void claimDue() throws InterruptedException {
        while (running) {
            int free = senders.availablePermits();
            if (free == 0) {
                return;
            }
            senders.acquire(free);
            List<DeliveryRow> claimed;
            try {
                claimed = deliveries.claim(node, config.claimLease().toMillis(), free);
            } catch (RuntimeException e) {
                senders.release(free);
                throw e;
            }
            senders.release(free - claimed.size());
            for (DeliveryRow delivery : claimed) {
                pool.execute(() -> {
                    try {
                        send(delivery);
                    } finally {
                        senders.release();
                    }
                });
            }
            if (claimed.size() < free) {
                return;
            }
        }
    }

    private void send(DeliveryRow delivery) {
        try {
            Notification notification = subscriptions.get(delivery.notificationId());
            TargetAnswer answer = deliverer.deliver(notification, delivery.messageId(), new Notice(delivery.type(),
                    delivery.at(), delivery.connectionId(), delivery.runId(), delivery.data()));
            record(delivery, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InflowException e) {
            LOG.debug("Delivery {} belongs to a subscription deleted meanwhile", delivery.id());
        } catch (RuntimeException e) {
            LOG.error("Delivery {} ({}) could not be sent", delivery.id(), delivery.type(), e);
            record(delivery, TargetAnswer.retry(null, null, "Inflow could not send it: " + e, java.util.Optional.empty()));
        }
    }

    private void record(DeliveryRow delivery, TargetAnswer answer) {
        String error = answer.error() == null || answer.error().length() <= MAX_ERROR_LENGTH ? answer.error()
                : answer.error().substring(0, MAX_ERROR_LENGTH - 1) + "…";
        boolean ours;
        switch (answer.outcome()) {
            case DELIVERED -> {
                ours = deliveries.delivered(delivery.id(), delivery.leaseToken(), answer.code());
                metrics.delivered();
            }
            case FAILED -> {
                ours = deliveries.failed(delivery.id(), delivery.leaseToken(), answer.code(), error);
                metrics.failed();
                LOG.warn("Notification {} ({}) to subscription {} failed for good: {}", delivery.messageId(),
                        delivery.type(), delivery.notificationId(), error);
            }
            default -> {
                Instant now = clock.instant();
                Instant giveUpAt = delivery.retryFrom().plus(config.retryFor());
                if (!now.isBefore(giveUpAt)) {
                    ours = deliveries.failed(delivery.id(), delivery.leaseToken(), answer.code(), error
                            + "; gave up after " + delivery.attempts() + " attempts over " + config.retryFor());
                    metrics.failed();
                    LOG.warn("Notification {} ({}) to subscription {} failed for good after {} attempts: {}",
                            delivery.messageId(), delivery.type(), delivery.notificationId(), delivery.attempts(),
                            error);
                } else {
                    Duration wait = backoff.next(delivery.attempts(), answer.retryAfter());
                    Duration left = Duration.between(now, giveUpAt);
                    ours = deliveries.retryLater(delivery.id(), delivery.leaseToken(), answer.code(), error,
                            (wait.compareTo(left) > 0 ? left : wait).toMillis());
                    metrics.retried();
                    LOG.info("Notification {} ({}) to subscription {}: attempt {} failed ({}); next in {}",
                            delivery.messageId(), delivery.type(), delivery.notificationId(), delivery.attempts(),
                            error, wait.compareTo(left) > 0 ? left : wait);
                }
            }
        }
        if (!ours) {
            LOG.info("Delivery {}: its claim ran out or it was deleted before its outcome was recorded",
                    delivery.id());
        }
    }

    private void pruneNowAndThen() {
        Instant now = clock.instant();
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(PRUNE_EVERY);
        int pruned = deliveries.prune(now.minus(config.retention()));
        if (pruned > 0) {
            LOG.info("Removed {} notification deliveries older than {}", pruned, config.retention());
        }
    }

    private void pause() {
        try {
            Thread.sleep(Math.min(config.pollInterval().toMillis(), MAX_WAIT.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
