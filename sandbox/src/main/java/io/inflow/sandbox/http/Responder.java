package io.inflow.sandbox.http;

/** Decides what a request gets: an answer, a late answer, or nothing. Must be safe to call from many threads at once. */
@FunctionalInterface
public interface Responder {
    Reply reply(Request request);
}
