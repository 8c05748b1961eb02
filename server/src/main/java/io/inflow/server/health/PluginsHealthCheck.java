package io.inflow.server.health;

import com.codahale.metrics.health.HealthCheck;
import io.inflow.server.plugins.PluginInfo;
import io.inflow.server.plugins.PluginRegistry;
import java.util.List;

/**
 * Reports the plugins on the admin port. A failed plugin jar leaves the server serving every other plugin, so
 * it is reported in the message, not as unhealthy: an orchestrator should not restart a server over it.
 */
public final class PluginsHealthCheck extends HealthCheck {

    private final PluginRegistry plugins;

    public PluginsHealthCheck(PluginRegistry plugins) {
        this.plugins = plugins;
    }

    @Override
    protected Result check() {
        List<PluginInfo> all = plugins.list();
        List<String> failed = all.stream().filter(plugin -> !plugin.isUsable())
                .map(plugin -> plugin.id() + " (" + plugin.failure() + ")").toList();
        return Result.builder()
                .healthy()
                .withMessage("%d plugin(s) usable, %d failed%s", all.size() - failed.size(), failed.size(),
                        failed.isEmpty() ? "" : ": " + String.join(", ", failed))
                .build();
    }
}
