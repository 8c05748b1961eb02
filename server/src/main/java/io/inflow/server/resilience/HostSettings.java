package io.inflow.server.resilience;

import io.inflow.api.ConnectorConfig;
import io.inflow.api.Limits;
import io.inflow.api.config.ConfigField;
import java.util.List;

/**
 * The connection settings Inflow itself reads, whatever the connector: each may override a limit the connector
 * declares. They are valid in every connection's configuration.
 */
public final class HostSettings {

    public static final String REQUESTS_PER_SECOND = "requestsPerSecond";
    public static final String DAILY_QUOTA = "dailyQuota";
    public static final String ALLOW_OVERAGE = "allowOverage";
    public static final String COST_PER_CALL_BEYOND_QUOTA = "costPerCallBeyondQuota";
    public static final String EXPECTED_FIGURES = "expectedFigures";

    public static final List<ConfigField> FIELDS = List.of(
            ConfigField.number(REQUESTS_PER_SECOND)
                    .withDescription("Overrides the connector's limit of requests per second (more than 0)"),
            ConfigField.integer(DAILY_QUOTA)
                    .withDescription("Calls allowed per day (the quota window); 0 for none"),
            ConfigField.bool(ALLOW_OVERAGE)
                    .withDescription("Keep calling beyond the daily quota, at the upstream's overage price"),
            ConfigField.number(COST_PER_CALL_BEYOND_QUOTA)
                    .withDescription("What each call beyond the daily quota costs, for the connection's stats"),
            ConfigField.object(EXPECTED_FIGURES)
                    .withDescription("Figures the import should reach, checked in the connection's stats: a stream's "
                            + "name for its record count, or '<stat>.<column>' for a one-row stat"));

    private HostSettings() {
    }

    public static double requestsPerSecond(ConnectorConfig config, Limits defaults) {
        return config.number(REQUESTS_PER_SECOND).filter(rate -> rate > 0).orElse(defaults.requestsPerSecond());
    }

    public static long dailyQuota(ConnectorConfig config, Limits defaults) {
        return config.integer(DAILY_QUOTA).orElse(defaults.dailyQuota());
    }

    public static boolean allowOverage(ConnectorConfig config) {
        return config.bool(ALLOW_OVERAGE).orElse(false);
    }

    /** The figures a connection should reach, by name. */
    public static java.util.Map<String, Object> expectedFigures(ConnectorConfig config) {
        Object value = config.asMap().get(EXPECTED_FIGURES);
        if (!(value instanceof java.util.Map<?, ?> map)) {
            return java.util.Map.of();
        }
        java.util.Map<String, Object> figures = new java.util.LinkedHashMap<>();
        map.forEach((key, figure) -> figures.put(String.valueOf(key), figure));
        return figures;
    }

    public static double costPerCallBeyondQuota(ConnectorConfig config, Limits defaults) {
        return config.number(COST_PER_CALL_BEYOND_QUOTA).orElse(defaults.costPerCallBeyondQuota());
    }
}
