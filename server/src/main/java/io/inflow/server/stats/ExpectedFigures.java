package io.inflow.server.stats;

import io.inflow.api.ConnectorConfig;
import io.inflow.server.resilience.HostSettings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the figures a connection expects ({@code expectedFigures} in its configuration) against what it holds: a
 * stream's name is its record count, {@code <stat>.<column>} a column of a plugin's one-row stat. Numbers match by
 * value ({@code 3} and {@code 3.0} are the same figure), anything else by its text.
 */
final class ExpectedFigures {

    private ExpectedFigures() {
    }

    /** Each expected figure, in the order the configuration names them. */
    static List<ExpectedFigure> check(ConnectorConfig config, Map<String, Long> records,
                                      Map<String, PluginFigure> figures) {
        List<ExpectedFigure> checks = new ArrayList<>();
        HostSettings.expectedFigures(config).forEach((figure, wanted) -> {
            Object actual = records.containsKey(figure) ? records.get(figure) : statValue(figures, figure);
            checks.add(new ExpectedFigure(figure, wanted, actual, sameFigure(wanted, actual)));
        });
        return checks;
    }

    private static Object statValue(Map<String, PluginFigure> figures, String figure) {
        int dot = figure.indexOf('.');
        if (dot < 0) {
            return null;
        }
        PluginFigure stat = figures.get(figure.substring(0, dot));
        if (stat == null || stat.rows().size() != 1) {
            return null;
        }
        return stat.rows().get(0).get(figure.substring(dot + 1));
    }

    private static boolean sameFigure(Object wanted, Object actual) {
        if (wanted == null || actual == null) {
            return false;
        }
        if (wanted instanceof Number && actual instanceof Number) {
            return new BigDecimal(wanted.toString()).compareTo(new BigDecimal(actual.toString())) == 0;
        }
        return wanted.toString().equals(actual.toString());
    }
}
