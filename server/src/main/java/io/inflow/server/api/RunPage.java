package io.inflow.server.api;

import java.util.List;

/**
 * A page of the run history, newest first. Pass {@code nextCursor} as {@code cursor} for the next page; it is
 * null on the last one.
 */
public record RunPage(List<RunView> runs, String nextCursor) {
}
