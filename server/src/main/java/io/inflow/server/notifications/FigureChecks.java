package io.inflow.server.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.server.errors.InflowException;
import io.inflow.server.stats.ConnectionStatistics;
import io.inflow.server.stats.ExpectedFigure;
import io.inflow.server.store.NotificationCheckDao;
import io.inflow.server.store.NotificationCheckRow;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a run succeeded, checks its connection's expected figures (the plugin's stat queries run in Java, so no
 * trigger can): {@code expected_figures.mismatch} is written when they stopped matching. A check is claimed like a
 * delivery, so one node makes it, and one whose node died is made by another once its claim ran out.
 */
public final class FigureChecks {

    private static final Logger LOG = LoggerFactory.getLogger(FigureChecks.class);
    private static final int PAGE = 10;

    private final NotificationCheckDao checks;
    private final ConnectionStatistics statistics;
    private final ObjectMapper json;
    private final Duration lease;

    public FigureChecks(NotificationCheckDao checks, ConnectionStatistics statistics, ObjectMapper json,
                        Duration lease) {
        this.checks = checks;
        this.statistics = statistics;
        this.json = json;
        this.lease = lease;
    }

    /** Makes the checks that are due; one that fails is made again once its claim ran out. */
    public void checkDue() {
        for (NotificationCheckRow check : checks.claim(lease.toMillis(), PAGE)) {
            try {
                List<ExpectedFigure> expected = statistics.of(check.connectionId()).expected();
                boolean matches = expected.stream().allMatch(ExpectedFigure::matches);
                ObjectNode data = (ObjectNode) json.readTree(checks.runSnapshot(check.runId()).orElse("{}"));
                data.set("expected_figures", json.valueToTree(expected));
                int written = checks.recordFigures(check, matches, json.writeValueAsString(data));
                if (written > 0) {
                    LOG.info("Connection {} no longer has its expected figures after run {}: {} notifications",
                            check.connectionId(), check.runId(), written);
                }
            } catch (InflowException e) {
                LOG.info("No figures to check for run {}: {}", check.runId(), e.getMessage());
                checks.done(check.id());
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                LOG.warn("Could not check the expected figures of connection {} after run {}; trying again in {}: {}",
                        check.connectionId(), check.runId(), lease, e.toString());
            }
        }
    }
}
