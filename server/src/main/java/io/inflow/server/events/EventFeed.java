package io.inflow.server.events;

import io.dropwizard.lifecycle.Managed;
import io.inflow.server.errors.InflowException;
import io.inflow.server.store.DatabaseEndpoint;
import io.inflow.server.store.EventDao;
import io.inflow.server.store.EventRow;
import io.inflow.server.store.RunSnapshotRow;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's feed of events: one thread reads the events every node records in PostgreSQL (woken by
 * {@code NOTIFY}, else every poll interval), renders each once and offers it to every client's bounded queue; a small
 * shared pool writes the queues to the clients; one timer sends heartbeats and prunes old events. No thread is a
 * client's, and a slow client delays no one: it is disconnected when its queue is full, and resumes.
 */
public final class EventFeed implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
    private static final int PAGE = 200;
    private static final Duration MAX_WAIT = Duration.ofSeconds(1);

    private final EventDao events;
    private final EventRenderer renderer;
    private final EventNotifications notifications;
    private final EventsConfiguration config;
    private final Clock clock;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    /** The id of the last event offered to the clients; guarded by this. */
    private long position;
    private volatile boolean running;
    private Thread reader;
    private ThreadPoolExecutor writers;
    private ScheduledExecutorService timer;

    public EventFeed(EventDao events, EventRenderer renderer, DatabaseEndpoint database,
                     EventsConfiguration config, Clock clock) {
        this.events = events;
        this.renderer = renderer;
        this.notifications = new EventNotifications(database);
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void start() {
        synchronized (this) {
            position = events.lastId();
        }
        writers = new ThreadPoolExecutor(config.writerThreads(), config.writerThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named("inflow-events-writer-"));
        writers.allowCoreThreadTimeOut(true);
        timer = Executors.newSingleThreadScheduledExecutor(named("inflow-events-timer-"));
        long heartbeat = config.heartbeatInterval().toMillis();
        timer.scheduleAtFixedRate(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::prune, 0, config.pruneInterval().toMillis(), TimeUnit.MILLISECONDS);
        running = true;
        reader = new Thread(this::readLoop, "inflow-events-feed");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        if (reader != null) {
            reader.interrupt();
            reader.join(MAX_WAIT.multipliedBy(5).toMillis());
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        closeAll();
        if (writers != null) {
            writers.shutdownNow();
        }
        notifications.close();
    }

    /**
     * Opens a client's stream: it gets a heartbeat at once (so its client sees the answer's headers), then, resuming
     * after {@code lastEventId}, every event after it that is kept, or a {@code reset} when that one is no longer
     * kept; one run's stream ({@code runId}) starts with a {@code run.snapshot} of the run unless it resumes. Then
     * every new event, as it commits.
     *
     * @param runId the run whose events the client wants, or null for all
     * @param lastEventId the id of the last event the client has, or null
     * @throws InflowException NOT_FOUND for an unknown run
     */
    public void subscribe(Long runId, Long lastEventId, EventSink sink) {
        Instant now = clock.instant();
        List<EventFrame> opening = new ArrayList<>(List.of(EventFrame.HEARTBEAT));
        long cursor = events.lastId();
        boolean resumes = lastEventId != null;
        if (resumes) {
            long prunedThrough = events.prunedThrough();
            if (lastEventId < prunedThrough || lastEventId > cursor) {
                opening.add(renderer.reset(cursor, now, lastEventId, prunedThrough));
                resumes = false;
            } else {
                cursor = lastEventId;
            }
        }
        if (runId != null && !resumes) {
            RunSnapshotRow snapshot = events.runSnapshot(runId)
                    .orElseThrow(() -> InflowException.notFound("import run", runId));
            opening.add(renderer.snapshot(snapshot, now));
            cursor = snapshot.position();
        }
        Subscription subscription = new Subscription(runId, sink, opening, cursor, config.queueSize(), writers,
                this::replay, subscriptions::remove);
        synchronized (this) {
            subscription.joinedAt(position);
            subscriptions.add(subscription);
        }
        subscription.schedule();
    }

    /** The clients connected to this node now. */
    public int clients() {
        return subscriptions.size();
    }

    /** Ends every stream, as the server stops: clients reconnect to a node that runs. */
    public void closeAll() {
        List.copyOf(subscriptions).forEach(Subscription::close);
    }

    /**
     * Reads when notified, and every poll interval whatever happens; waits a second at most at a time, so that
     * stopping never waits for a long poll interval.
     */
    private void readLoop() {
        long nextPoll = 0;
        while (running) {
            try {
                long now = System.nanoTime();
                long untilPoll = Math.max(0, nextPoll - now);
                boolean notified = untilPoll > 0
                        && notifications.await(Duration.ofNanos(Math.min(untilPoll, MAX_WAIT.toNanos())));
                if (notified || System.nanoTime() >= nextPoll) {
                    nextPoll = System.nanoTime() + config.pollInterval().toNanos();
                    readNew();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Could not read new events; trying again in {}: {}", config.pollInterval(), e.toString());
                pause();
            }
        }
    }

    private void readNew() {
        List<EventRow> page;
        do {
            page = events.after(position(), PAGE);
            for (EventRow row : page) {
                publish(row.id(), render(row));
            }
        } while (page.size() == PAGE && running);
    }

    private synchronized long position() {
        return position;
    }

    private synchronized void publish(long id, Optional<EventFrame> frame) {
        position = id;
        frame.ifPresent(rendered -> subscriptions.forEach(subscription -> subscription.offer(rendered)));
    }

    private Optional<EventFrame> render(EventRow row) {
        try {
            return Optional.of(renderer.event(row));
        } catch (RuntimeException e) {
            LOG.error("Event {} ({}) cannot be rendered; it is left out of the event streams", row.id(), row.type(), e);
            return Optional.empty();
        }
    }

    /** One page of the stored events a client catches up with; answers the id it read through. */
    private long replay(long afterId, long upToId, Long runId, Subscription.FrameWriter out) throws IOException {
        List<EventRow> page = events.between(afterId, upToId, runId, PAGE);
        for (EventRow row : page) {
            Optional<EventFrame> frame = render(row);
            if (frame.isPresent()) {
                out.write(frame.get());
            }
        }
        return page.size() < PAGE ? upToId : page.get(page.size() - 1).id();
    }

    private void heartbeat() {
        subscriptions.forEach(subscription -> subscription.offer(EventFrame.HEARTBEAT));
    }

    private void prune() {
        try {
            long pruned = events.prune(clock.instant().minus(config.retention()));
            if (pruned > 0) {
                LOG.info("Pruned {} events older than {}", pruned, config.retention());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not prune old events: {}", e.toString());
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

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
