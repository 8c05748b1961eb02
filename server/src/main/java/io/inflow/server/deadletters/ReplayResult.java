package io.inflow.server.deadletters;

/**
 * What replaying one dead letter did.
 *
 * @param deadLetter its id
 * @param stored whether the record is now stored
 * @param reread whether the connector read the record again (rather than the stored payload being retried)
 * @param error why it is still not stored, or null
 */
public record ReplayResult(long deadLetter, boolean stored, boolean reread, String error) {
}
