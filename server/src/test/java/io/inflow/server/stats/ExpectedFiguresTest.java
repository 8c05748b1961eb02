package io.inflow.server.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.ConnectorConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedFiguresTest {

    private static final Map<String, Long> RECORDS = Map.of("clients", 120L, "visits", 4_000L);
    private static final Map<String, PluginFigure> FIGURES = Map.of(
            "revenue", new PluginFigure("takings", List.of(Map.of("total", 1234.50, "currency", "EUR")), null),
            "byMonth", new PluginFigure("per month", List.of(Map.of("n", 1), Map.of("n", 2)), null),
            "broken", new PluginFigure("fails", List.of(), "the query failed: syntax error"));

    @Test
    void aStreamsNameIsItsRecordCountAndNumbersMatchByValue() {
        assertThat(check(Map.of("clients", 120, "visits", 4000.0))).containsExactlyInAnyOrder(
                new ExpectedFigure("clients", 120, 120L, true),
                new ExpectedFigure("visits", 4000.0, 4_000L, true));
    }

    @Test
    void aStatsColumnIsReadFromItsOneRow() {
        assertThat(check(Map.of("revenue.total", "1234.5", "revenue.currency", "EUR"))).containsExactlyInAnyOrder(
                new ExpectedFigure("revenue.total", "1234.5", 1234.50, true),
                new ExpectedFigure("revenue.currency", "EUR", "EUR", true));
    }

    @Test
    void aFigureNotFoundIsNullAndDoesNotMatch() {
        assertThat(check(Map.of("orders", 3, "byMonth.n", 1, "broken.total", 0, "revenue.missing", 1)))
                .containsExactlyInAnyOrder(
                        new ExpectedFigure("orders", 3, null, false),
                        new ExpectedFigure("byMonth.n", 1, null, false),
                        new ExpectedFigure("broken.total", 0, null, false),
                        new ExpectedFigure("revenue.missing", 1, null, false));
    }

    @Test
    void aDifferentFigureDoesNotMatch() {
        assertThat(check(Map.of("clients", 121, "revenue.currency", "USD"))).extracting(ExpectedFigure::matches)
                .containsExactlyInAnyOrder(false, false);
    }

    @Test
    void aConnectionExpectingNothingHasNothingChecked() {
        assertThat(ExpectedFigures.check(ConnectorConfig.of(Map.of()), RECORDS, FIGURES)).isEmpty();
    }

    private static List<ExpectedFigure> check(Map<String, Object> expected) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("expectedFigures", new LinkedHashMap<>(expected));
        return ExpectedFigures.check(ConnectorConfig.of(config), RECORDS, FIGURES);
    }
}
