package io.inflow.server.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** How this node runs imports, and how the nodes sharing a database watch each other. */
public class JobsConfiguration {

    /** Imports this node runs at once (each of a different connection). */
    @Min(1)
    @Max(64)
    @JsonProperty
    private int workerThreads = 4;

    /**
     * This node's name in {@code import_runs.node} and db-scheduler's {@code picked_by}. Must be unique among the
     * nodes sharing a database and stable across restarts, so a restarted node recognises the runs it left
     * behind. Defaults to the host name.
     */
    @JsonProperty
    private String nodeName;

    /** How often a node looks for due runs and schedule fires in the database. */
    @NotNull
    @JsonProperty
    private Duration pollingInterval = Duration.seconds(2);

    /** How often a node tells the database its runs are alive. */
    @NotNull
    @JsonProperty
    private Duration heartbeatInterval = Duration.seconds(5);

    /**
     * Heartbeats a run may miss before another node declares its node dead and takes over: with the defaults,
     * a dead node's run is resumed within about 20 to 30 seconds.
     */
    @Min(4) // db-scheduler's least
    @Max(100)
    @JsonProperty
    private int missedHeartbeats = 4;

    /** Whether a run interrupted by its node's death or shutdown is resumed by itself. */
    @JsonProperty
    private boolean autoResume = true;

    /** How long a stopping node waits for its imports to reach a checkpoint and stop. */
    @NotNull
    @JsonProperty
    private Duration shutdownGrace = Duration.seconds(20);

    /**
     * How long a cancelled run's read may take to reach its next commit (where cancelling is noticed) before its
     * worker thread is interrupted; a connector that ignores the interrupt too has its run ended after as long
     * again, while its thread stays busy.
     */
    @NotNull
    @JsonProperty
    private Duration cancelGrace = Duration.seconds(10);

    /** How long a read may go without committing a batch before it is interrupted and its run failed. */
    @NotNull
    @JsonProperty
    private Duration stallTimeout = Duration.minutes(30);

    public int workerThreads() {
        return workerThreads;
    }

    public String nodeName() {
        if (nodeName != null && !nodeName.isBlank()) {
            return nodeName.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "inflow";
        }
    }

    public java.time.Duration pollingInterval() {
        return pollingInterval.toJavaDuration();
    }

    public java.time.Duration heartbeatInterval() {
        return heartbeatInterval.toJavaDuration();
    }

    public int missedHeartbeats() {
        return missedHeartbeats;
    }

    public boolean autoResume() {
        return autoResume;
    }

    public java.time.Duration shutdownGrace() {
        return shutdownGrace.toJavaDuration();
    }

    public java.time.Duration cancelGrace() {
        return cancelGrace.toJavaDuration();
    }

    public java.time.Duration stallTimeout() {
        return stallTimeout.toJavaDuration();
    }
}
