/**
 * The contract between Inflow and a connector plugin.
 *
 * <p>A plugin is a PF4J plugin jar whose single {@code @Extension} implements {@link io.inflow.api.Connector}.
 * It compiles against this module in {@code provided} scope and never sees a server class. The host hands
 * the connector a {@link io.inflow.api.ReadContext} that carries everything shared: the connection's
 * configuration, an HTTP client already wrapped in the connection's rate limiter, the batch sink, progress,
 * cancellation and a logger.
 *
 * <p>The one rule that makes imports resumable: hand records to the host in batches, each with the
 * {@link io.inflow.api.Checkpoint} that follows it. The host stores a batch and its checkpoint in one
 * transaction, so after a crash a read restarts from the last stored checkpoint and nothing is lost or
 * counted twice.
 */
package io.inflow.api;
