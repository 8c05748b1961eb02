package io.inflow.api;

import java.io.IOException;
import java.net.http.HttpResponse;

/**
 * Turns an upstream's answer into a value, for {@link UpstreamClient#fetch}.
 *
 * @param <T> what the answer becomes, such as a page of records
 * @since 0.1
 */
@FunctionalInterface
public interface ResponseReader<T> {

    /**
     * Reads an answer whose status is not 429 or 5xx (those the client retries before a reader sees them).
     *
     * @throws IOException when the answer is unreadable (truncated or malformed JSON): the client retries the
     *                     call as it would a 5xx
     * @throws ConnectorException for an answer that will not get better by retrying (401, unknown table, ...)
     */
    T read(HttpResponse<String> response) throws IOException;
}
