package io.inflow.server.stats;

/**
 * A figure a connection expects its imports to reach, against what was found.
 *
 * @param figure a stream's name for its record count, or {@code <stat>.<column>} for a column of a one-row stat
 * @param actual what was found, or null when nothing was
 */
public record ExpectedFigure(String figure, Object expected, Object actual, boolean matches) {
}
