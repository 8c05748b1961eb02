package io.inflow.server.connections;

import io.inflow.server.store.RunMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The streams a connection imports, and how: every stream its plugin offers (the default), or the ones it names,
 * each read incrementally when the run is (its watermark continues) or in full on every run.
 *
 * @param modes the streams named, with the mode of each; empty when every stream is imported
 */
public record StreamSelection(Map<String, RunMode> modes) {

    /** Every stream, each in the run's mode. */
    public static final StreamSelection ALL = new StreamSelection(Map.of());

    public StreamSelection {
        modes = Collections.unmodifiableMap(new LinkedHashMap<>(modes));
    }

    /** Whether every stream is imported. */
    public boolean isAll() {
        return modes.isEmpty();
    }

    public boolean imports(String stream) {
        return isAll() || modes.containsKey(stream);
    }

    /** Of the plugin's {@code offered} streams, those imported, in the plugin's order. */
    public List<String> of(List<String> offered) {
        return offered.stream().filter(this::imports).toList();
    }

    /**
     * The mode a stream is read in by a run in {@code runMode}: full when the run is, or when the stream is read in
     * full on every run.
     */
    public RunMode modeOf(String stream, RunMode runMode) {
        return runMode == RunMode.FULL || modes.get(stream) == RunMode.FULL ? RunMode.FULL : RunMode.INCREMENTAL;
    }

    /** The streams named, or empty when every stream is imported. */
    public Optional<Map<String, RunMode>> named() {
        return isAll() ? Optional.empty() : Optional.of(modes);
    }
}
