package io.inflow.server.notifications;

import java.time.Duration;
import java.util.Optional;

/**
 * What a target answered to one attempt: its status code and the first bytes of its body, or why there was no
 * answer; and whether the notification is delivered, to be tried again, or failed for good.
 *
 * @param code the HTTP status code (250 for mail the SMTP server accepted), or null when nothing answered
 * @param body the start of the answer's body, at most {@link WebhookClient#MAX_ANSWER_BYTES} bytes, or null
 * @param error why it failed, in words; null when delivered
 * @param retryAfter what the target asked to wait with {@code Retry-After}, if it did
 */
public record TargetAnswer(Integer code, String body, String error, Outcome outcome, Optional<Duration> retryAfter) {

    /** Delivered; to try again (a timeout, no connection, 408, 429, 5xx); or failed for good (any other answer). */
    public enum Outcome {
        DELIVERED, RETRY, FAILED
    }

    static TargetAnswer delivered(int code, String body) {
        return new TargetAnswer(code, body, null, Outcome.DELIVERED, Optional.empty());
    }

    static TargetAnswer retry(Integer code, String body, String error, Optional<Duration> retryAfter) {
        return new TargetAnswer(code, body, error, Outcome.RETRY, retryAfter);
    }

    static TargetAnswer failed(Integer code, String body, String error) {
        return new TargetAnswer(code, body, error, Outcome.FAILED, Optional.empty());
    }

    /** How an HTTP answer counts: 2xx delivered; 408, 429 and 5xx tried again; 3xx (never followed) and 4xx not. */
    static TargetAnswer ofHttp(int code, String body, Optional<Duration> retryAfter) {
        if (code >= 200 && code < 300) {
            return delivered(code, body);
        }
        if (code == 408 || code == 429 || code >= 500) {
            return retry(code, body, "the target answered " + code, retryAfter);
        }
        if (code >= 300 && code < 400) {
            return failed(code, body, "the target answered " + code + " (a redirect, which is never followed: "
                    + "give the subscription the final URL)");
        }
        return failed(code, body, "the target answered " + code);
    }
}
