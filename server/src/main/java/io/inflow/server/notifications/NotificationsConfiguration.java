package io.inflow.server.notifications;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Notifications ({@code /api/v1/notifications}): how they are delivered, retried and guarded. */
public class NotificationsConfiguration {

    /**
     * Webhooks may target private, loopback and link-local addresses (the URL's host as resolved, at creation and
     * at each attempt). Off, a webhook cannot be made to reach into the network the server stands in.
     */
    @JsonProperty
    private boolean allowPrivateTargets = false;

    /** A run held by its upstream (a lock-out, its daily quota) at least this long is told as {@code run.waiting}. */
    @NotNull
    @JsonProperty
    private Duration waitingThreshold = Duration.minutes(5);

    /** How long a webhook may take to answer; a slower one is tried again later. */
    @NotNull
    @JsonProperty
    private Duration timeout = Duration.seconds(10);

    /** Failed attempts are tried again for this long (from the event, or from a redelivery) before giving up. */
    @NotNull
    @JsonProperty
    private Duration retryFor = Duration.hours(24);

    /** The wait before the first retry; each next one doubles, with jitter, up to {@code maxBackoff}. */
    @NotNull
    @JsonProperty
    private Duration initialBackoff = Duration.seconds(30);

    @NotNull
    @JsonProperty
    private Duration maxBackoff = Duration.hours(2);

    /** How often a node looks for due deliveries when no notification woke it. */
    @NotNull
    @JsonProperty
    private Duration pollInterval = Duration.seconds(1);

    /** How long a node's claim on a delivery holds: a dead node's deliveries are taken over after this. */
    @NotNull
    @JsonProperty
    private Duration claimLease = Duration.minutes(2);

    /** Deliveries sent at once by one node. */
    @Min(1)
    @Max(64)
    @JsonProperty
    private int senderThreads = 4;

    /** Delivered and failed deliveries are kept this long, then removed. */
    @NotNull
    @JsonProperty
    private Duration retention = Duration.days(30);

    /**
     * The server's address as people and systems reach it ({@code https://inflow.example.com}), for the links in
     * notifications; empty or null (an unset {@code ${INFLOW_PUBLIC_URL:-}}), links are paths
     * ({@code /api/v1/imports/12}).
     */
    @JsonProperty
    private String publicUrl = "";

    @Valid
    @NotNull
    @JsonProperty
    private SmtpConfiguration smtp = new SmtpConfiguration();

    public boolean allowPrivateTargets() {
        return allowPrivateTargets;
    }

    public java.time.Duration waitingThreshold() {
        return waitingThreshold.toJavaDuration();
    }

    public java.time.Duration timeout() {
        return timeout.toJavaDuration();
    }

    public java.time.Duration retryFor() {
        return retryFor.toJavaDuration();
    }

    public java.time.Duration initialBackoff() {
        return initialBackoff.toJavaDuration();
    }

    public java.time.Duration maxBackoff() {
        return maxBackoff.toJavaDuration();
    }

    public java.time.Duration pollInterval() {
        return pollInterval.toJavaDuration();
    }

    public java.time.Duration claimLease() {
        return claimLease.toJavaDuration();
    }

    public int senderThreads() {
        return senderThreads;
    }

    public java.time.Duration retention() {
        return retention.toJavaDuration();
    }

    /** Without a trailing slash; empty when not set. */
    public String publicUrl() {
        String trimmed = publicUrl == null ? "" : publicUrl.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    public SmtpConfiguration smtp() {
        return smtp;
    }
}
