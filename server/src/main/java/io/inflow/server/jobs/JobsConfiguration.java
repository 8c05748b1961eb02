package io.inflow.server.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** How this node runs imports. */
public class JobsConfiguration {

    /** Imports this node runs at once (each of a different connection). */
    @Min(1)
    @Max(64)
    @JsonProperty
    private int workerThreads = 4;

    /**
     * This node's name in {@code import_runs.node}. Must be unique among the nodes sharing a database and stable
     * across restarts, so a restarted node recognises the runs it left behind. Defaults to the host name.
     */
    @JsonProperty
    private String nodeName;

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
}
