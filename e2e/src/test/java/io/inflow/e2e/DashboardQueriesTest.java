package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The metric names read out of PromQL, so that the dashboard's check against a scrape checks every one. */
class DashboardQueriesTest {

    @Test
    void aQuerysMetricNamesAreReadWithoutItsFunctionsLabelsRangesAndVariables() {
        assertThat(DashboardQueries.metricNames("histogram_quantile(0.95, sum by (le, connection) "
                + "(rate(inflow_upstream_request_duration_seconds_bucket{connection=~\"$connection\"}"
                + "[$__rate_interval])))"))
                .containsExactly("inflow_upstream_request_duration_seconds_bucket");
        assertThat(DashboardQueries.metricNames("sum(rate(a_total[5m])) by (code) / ignoring(code) group_left "
                + "sum(rate(b_total[5m] offset 1h)) or vector(0)"))
                .containsExactly("a_total", "b_total");
        assertThat(DashboardQueries.metricNames("jvm_memory_used_bytes{area=\"heap\"}"))
                .containsExactly("jvm_memory_used_bytes");
        assertThat(DashboardQueries.metricNames("label_values(inflow_import_records_total, connection)"))
                .containsExactly("inflow_import_records_total");
    }

    @Test
    void theDashboardsExpressionsIncludeItsPanelsAndItsConnectionVariable() {
        assertThat(DashboardQueries.expressions(DashboardQueries.FILE))
                .hasSizeGreaterThan(10)
                .contains("label_values(inflow_import_records_total, connection)")
                .anyMatch(expression -> expression.contains("inflow_dead_letters"));
    }
}
