package io.inflow.server.resilience;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Why a call got no answer, in words: "connection refused", "timed out after 10 s", "TLS handshake failed", with
 * the host and port, rather than a Java class name.
 */
final class NoAnswer {

    private NoAnswer() {
    }

    /**
     * @param failure what the transport failed with
     * @param timeout the exchange's time limit, to say how long it waited
     */
    static UpstreamUnreachableException explain(URI uri, Throwable failure, Duration connectTimeout, Duration timeout) {
        return new UpstreamUnreachableException(hostAndPort(uri) + ": " + reason(failure, connectTimeout, timeout),
                failure);
    }

    static String reason(Throwable failure, Duration connectTimeout, Duration timeout) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String words = words(cause, connectTimeout, timeout);
            if (words != null) {
                return words;
            }
        }
        String message = failure.getMessage();
        return "no answer (" + (message == null || message.isBlank() ? failure.getClass().getSimpleName() : message)
                + ")";
    }

    private static String words(Throwable cause, Duration connectTimeout, Duration timeout) {
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        if (cause instanceof ConnectException) {
            return message.toLowerCase(java.util.Locale.ROOT).contains("timed out")
                    ? "could not connect: timed out after " + seconds(connectTimeout)
                    : "connection refused (nothing listens there, or a firewall refuses)";
        }
        if (cause instanceof NoRouteToHostException) {
            return "no route to the host";
        }
        if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
            return "the host name does not resolve (DNS)";
        }
        if (cause instanceof SocketTimeoutException) {
            return message.toLowerCase(java.util.Locale.ROOT).contains("connect")
                    ? "could not connect: timed out after " + seconds(connectTimeout)
                    : "no answer: timed out after " + seconds(timeout);
        }
        if (cause instanceof TimeoutException) {
            return "no answer: timed out after " + seconds(timeout);
        }
        if (cause instanceof SSLHandshakeException) {
            return "TLS handshake failed" + (message.isBlank() ? "" : ": " + message);
        }
        if (cause instanceof SSLException) {
            return "TLS failed" + (message.isBlank() ? "" : ": " + message);
        }
        if (cause instanceof EOFException) {
            return "the connection was closed before a complete answer came";
        }
        if (message.contains("Buffering capacity") && message.contains("exceeded")) {
            return "the answer is larger than Inflow reads (" + message + ")";
        }
        if (message.toLowerCase(java.util.Locale.ROOT).contains("connection reset")) {
            return "the connection was reset by the other side";
        }
        return null;
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    static String hostAndPort(URI uri) {
        int port = uri.getPort();
        if (port < 0) {
            port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }
        return uri.getHost() + ":" + port;
    }
}
