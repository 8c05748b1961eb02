package io.inflow.server.store;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Set;

/** Where an import run stands. Stored, and shown in JSON, as the lowercase name. */
public enum RunStatus {
    QUEUED,
    RUNNING,
    /** Its connection's daily quota is spent; it continues by itself at {@code resume_at}. */
    WAITING,
    CANCELLING,
    CANCELLED,
    SUCCEEDED,
    FAILED,
    /** Its node died or stopped while it ran; its checkpoint is kept for a resume. */
    INTERRUPTED;

    private static final Set<RunStatus> ACTIVE = Set.of(QUEUED, RUNNING, WAITING, CANCELLING);

    public boolean isActive() {
        return ACTIVE.contains(this);
    }

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
