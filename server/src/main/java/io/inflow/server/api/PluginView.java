package io.inflow.server.api;

import io.inflow.api.ConnectorSpec;
import io.inflow.api.Limits;
import io.inflow.api.config.ConfigField;
import io.inflow.server.plugins.PluginInfo;
import java.util.List;

/** A plugin in {@code GET /api/v1/plugins}. */
public record PluginView(String id, String version, String state, String title, String description,
                         List<String> streams, List<FieldView> config, LimitsView limits, String jar,
                         String failure) {

    /** One configuration field of the plugin's schema. */
    public record FieldView(String name, String type, boolean required, boolean secret, String description,
                            Object defaultValue) {

        static FieldView of(ConfigField field) {
            return new FieldView(field.name(), field.type().name().toLowerCase(java.util.Locale.ROOT),
                    field.required(), field.secret(), field.description(), field.defaultValue());
        }
    }

    /** The upstream's limits the connector declares; {@code lockoutSeconds} is 0 when it declares no lock-out. */
    public record LimitsView(double requestsPerSecond, long dailyQuota, int pageSize, double lockoutSeconds) {

        static LimitsView of(Limits limits) {
            return new LimitsView(limits.requestsPerSecond(), limits.dailyQuota(), limits.pageSize(),
                    limits.lockout().toMillis() / 1000.0);
        }
    }

    static PluginView of(PluginInfo plugin) {
        ConnectorSpec spec = plugin.spec().orElse(null);
        return new PluginView(plugin.id(), plugin.version(), plugin.state(),
                spec == null ? null : spec.title(),
                spec == null ? null : spec.description(),
                spec == null ? List.of() : spec.streams(),
                spec == null ? List.of() : spec.config().fields().stream().map(FieldView::of).toList(),
                spec == null ? null : LimitsView.of(spec.limits()),
                plugin.jar() == null ? null : plugin.jar().getFileName().toString(),
                plugin.failure());
    }
}
