package io.inflow.sandbox.http;

/** Answers one request. Implementations must be safe to call from many threads at once. */
@FunctionalInterface
public interface Handler {
    Response handle(Request request);
}
