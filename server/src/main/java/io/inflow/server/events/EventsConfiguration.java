package io.inflow.server.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The Server-Sent Events of {@code /api/v1/events}: how long events are kept, and what each stream may cost. */
public class EventsConfiguration {

    /** How long events are kept: a client resuming from an older one gets a {@code reset} event. */
    @NotNull
    @JsonProperty
    private Duration retention = Duration.hours(24);

    /** How often every open stream gets a {@code : heartbeat} comment; keep it below Jetty's idle timeout (30 s). */
    @NotNull
    @JsonProperty
    private Duration heartbeatInterval = Duration.seconds(15);

    /**
     * How often the node reads new events when no notification woke it (PostgreSQL's {@code NOTIFY} wakes it at
     * once; this is the fallback when a notification is lost, e.g. while its connection is re-established).
     */
    @NotNull
    @JsonProperty
    private Duration pollInterval = Duration.milliseconds(500);

    /** Events queued for one client at most: a client that falls this far behind is disconnected (it resumes). */
    @Min(10)
    @Max(100_000)
    @JsonProperty
    private int queueSize = 1_000;

    /** Threads that write events to clients, shared by every client of the node. */
    @Min(1)
    @Max(64)
    @JsonProperty
    private int writerThreads = 4;

    /** How often a node removes the events older than the retention. */
    @NotNull
    @JsonProperty
    private Duration pruneInterval = Duration.minutes(10);

    public java.time.Duration retention() {
        return retention.toJavaDuration();
    }

    public java.time.Duration heartbeatInterval() {
        return heartbeatInterval.toJavaDuration();
    }

    public java.time.Duration pollInterval() {
        return pollInterval.toJavaDuration();
    }

    public int queueSize() {
        return queueSize;
    }

    public int writerThreads() {
        return writerThreads;
    }

    public java.time.Duration pruneInterval() {
        return pruneInterval.toJavaDuration();
    }
}
