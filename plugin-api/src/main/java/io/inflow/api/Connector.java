package io.inflow.api;

import java.io.IOException;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * A source of records: the extension point every Inflow plugin implements once.
 *
 * <p>The host creates one instance per plugin and calls it from several threads at once (one import per
 * connection, many connections), so an implementation keeps no per-connection or per-read state in fields:
 * everything a read needs comes through its arguments. It owns no threads and no database connection.
 *
 * <p>Methods may be added to this interface in later versions, always with a default body, so a plugin
 * built against an older API keeps working.
 *
 * @since 0.1
 */
public interface Connector extends ExtensionPoint {

    /**
     * Describes the connector: its configuration schema (with secret fields marked), its upstream's default
     * limits and the streams it offers. Called often; return a constant.
     */
    ConnectorSpec spec();

    /**
     * The streams a connection with this configuration offers, in the order they are imported. The default
     * returns {@link ConnectorSpec#streams()}; a connector whose streams depend on the configuration (Airtable:
     * one per table) overrides it. Must not call the upstream.
     *
     * @param config the connection's configuration, already validated against {@link ConnectorSpec#config()}
     * @return a non-empty list of distinct stream names
     */
    default List<String> streams(ConnectorConfig config) {
        return spec().streams();
    }

    /**
     * What the upstream counts its rate limit by, when that is wider than one connection: connections of this
     * connector with equal scopes share one rate limiter. Airtable limits each base, so two connections to one
     * base must share. The default, null, gives each connection a limiter of its own. Must not call the upstream.
     */
    default String rateLimitScope(ConnectorConfig config) {
        return null;
    }

    /**
     * Whether a read of {@code stream} from an empty checkpoint returns every record the upstream holds for it, so
     * that a record it did not return no longer exists upstream. When it does, the host reconciles after each full
     * scan that completes (a full import, resumed or not): every stored record of the stream the scan did not see
     * is marked deleted. A stream read with a filter (a date window, a search query) is not complete and must
     * answer false. The default, false, never deletes anything. Must not call the upstream.
     *
     * @param config the connection's configuration, already validated
     * @param stream one of {@link #streams(ConnectorConfig)}
     * @since 0.2
     */
    default boolean fullScanIsComplete(ConnectorConfig config, String stream) {
        return false;
    }

    /**
     * Checks that the configured credentials reach the upstream, with as few calls as possible.
     *
     * @throws ConnectorException with a message a person can act on when they do not
     * @throws IOException when the upstream cannot be reached
     * @throws InterruptedException when the calling thread is interrupted
     */
    void check(ConnectorContext context) throws IOException, InterruptedException;

    /**
     * Reads one stream from {@code checkpoint} onward and hands every page to
     * {@link ReadContext#commit(io.inflow.api.record.Batch)} together with the checkpoint that follows it.
     *
     * <p>The checkpoint is whatever this connector last committed for the stream:
     * <ul>
     *   <li>{@link Checkpoint#isEmpty() empty} — read everything (a full import);</li>
     *   <li>the last checkpoint of an interrupted read — continue where it stopped;</li>
     *   <li>the last checkpoint of a completed read — read only what changed since (an incremental import).</li>
     * </ul>
     * So the checkpoint committed with the last page of a read must be a valid start for the next incremental
     * read. When this method returns normally the host marks the stream complete; when it throws, the read
     * failed and its committed batches and checkpoint stay.
     *
     * <p>Blocking: call it on the host's thread and return when the stream is read, cancelled or failed.
     * Check {@link ReadContext#isCancelled()} between upstream calls, and stop when it is set.
     *
     * @param stream one of {@link #streams(ConnectorConfig)}
     * @param checkpoint where to start; never null
     * @param context the host's services for this read
     * @throws ConnectorException for a failure the upstream explained (bad credentials, unknown table, ...)
     * @throws IOException when the upstream cannot be reached or answers something unreadable
     * @throws InterruptedException when the calling thread is interrupted
     */
    void read(String stream, Checkpoint checkpoint, ReadContext context) throws IOException, InterruptedException;

    /**
     * A Liquibase changelog inside the plugin jar that the host applies when it loads the plugin, such as
     * {@code inflow/mindbody/changelog.xml}: typed SQL views over {@code records} for analysts. Changeset ids must
     * start with the plugin id; the changelog must only create views (and indexes) over Inflow's tables, never
     * alter them. A view of what exists upstream leaves out records deleted upstream ({@code deleted_at IS NULL});
     * the convention is a twin {@code <view>_all} with every record and its {@code deleted_at} and
     * {@code deleted_by_run}, for history.
     *
     * @return the classpath resource of the changelog, or empty when the plugin has none
     */
    default java.util.Optional<String> changelog() {
        return java.util.Optional.empty();
    }

    /** Figures this plugin computes over a connection's records, for the connection's stats. */
    default java.util.List<io.inflow.api.stats.StatQuery> stats() {
        return java.util.List.of();
    }

    /**
     * Reads one record again, to replay a dead letter once the upstream serves it properly. The default says
     * the connector cannot, and the host then retries the stored payload as it is.
     *
     * @return the record, or empty when the connector cannot read single records
     * @throws ConnectorException when the record still cannot be mapped, or no longer exists
     */
    default java.util.Optional<io.inflow.api.record.Record> reread(String stream, String externalId,
                                                                    ConnectorContext context)
            throws IOException, InterruptedException {
        return java.util.Optional.empty();
    }
}
