package io.inflow.server.errors;

import java.util.Map;

/**
 * A failure the client caused or can act on. The REST layer turns it into a JSON error with the status of its
 * {@link Kind}; services throw it without knowing about HTTP.
 */
public class InflowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kind of failure, which decides the HTTP status. */
    public enum Kind {
        INVALID(400),
        FORBIDDEN(403),
        NOT_FOUND(404),
        CONFLICT(409),
        /** Well-formed and fitting its schema, but refused for what it means: a connection whose check failed. */
        UNPROCESSABLE(422),
        PAYLOAD_TOO_LARGE(413),
        TOO_MANY_REQUESTS(429),
        UNAVAILABLE(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String code;
    private final transient Map<String, Object> details;

    public InflowException(Kind kind, String code, String message, Map<String, Object> details) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public static InflowException notFound(String what, Object id) {
        return new InflowException(Kind.NOT_FOUND, what.replace(' ', '_') + "_not_found",
                "no " + what + " has id " + id, Map.of());
    }

    public static InflowException invalid(String code, String message, Map<String, Object> details) {
        return new InflowException(Kind.INVALID, code, message, details);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
