package io.inflow.plugins.airtable;

import io.inflow.api.Checkpoint;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a scan of one table stands, as stored in Inflow's checkpoint.
 *
 * <p>Mid-scan it holds the scan's filter (records modified {@code after} an instant, or {@code notBefore} one
 * after a restart), Airtable's page token for the next page, the latest modification time read so far, and
 * when the scan started by Airtable's clock. The checkpoint of a finished scan holds only {@code after}: the
 * watermark the next incremental scan starts from.
 *
 * @param after exclusive lower bound of the scan's filter, or null
 * @param notBefore inclusive lower bound of the scan's filter, or null
 * @param offset Airtable's token for the next page, or null when the next request starts the scan
 * @param maxModified the latest modification time among the records read by this scan, or null
 * @param startedAt when the scan's first page was served, by Airtable's clock, or null before it
 */
record ScanPosition(Instant after, Instant notBefore, String offset, Instant maxModified, Instant startedAt) {

    private static final String AFTER = "after";
    private static final String NOT_BEFORE = "notBefore";
    private static final String OFFSET = "offset";
    private static final String MAX_MODIFIED = "maxModified";
    private static final String STARTED_AT = "scanStartedAt";

    static ScanPosition from(Checkpoint checkpoint) {
        return new ScanPosition(instant(checkpoint, AFTER), instant(checkpoint, NOT_BEFORE),
                checkpoint.get(OFFSET).orElse(null), instant(checkpoint, MAX_MODIFIED), instant(checkpoint, STARTED_AT));
    }

    Checkpoint toCheckpoint() {
        return Checkpoint.empty()
                .with(AFTER, text(after))
                .with(NOT_BEFORE, text(notBefore))
                .with(OFFSET, offset)
                .with(MAX_MODIFIED, text(maxModified))
                .with(STARTED_AT, text(startedAt));
    }

    ScanPosition startedAt(Instant instant) {
        return startedAt != null ? this : new ScanPosition(after, notBefore, offset, maxModified, instant);
    }

    /** After a page that has a next one. */
    ScanPosition next(String nextOffset, Instant pageMaxModified) {
        return new ScanPosition(after, notBefore, nextOffset, later(maxModified, pageMaxModified), startedAt);
    }

    /**
     * Starts the scan again after Airtable forgot its page token: the pages read so far are sorted by
     * modification time, so everything modified before the latest time read is done. Records modified exactly
     * then may lie on both sides of the page break, so they are read again (they count as unchanged).
     */
    ScanPosition restart() {
        if (maxModified == null) {
            return new ScanPosition(after, notBefore, null, null, startedAt);
        }
        return new ScanPosition(null, maxModified, null, maxModified, startedAt);
    }

    /**
     * The checkpoint after the last page: the next incremental scan reads what was modified after the latest
     * record read, or after this scan started if that is earlier. A record modified while the scan ran, behind
     * the page being read, has a modification time after the start, so the next scan sees it.
     */
    ScanPosition completed(Instant pageMaxModified) {
        Instant latest = later(maxModified, pageMaxModified);
        Instant watermark = latest == null ? after
                : startedAt != null && startedAt.isBefore(latest) ? startedAt : latest;
        return new ScanPosition(watermark, null, null, null, null);
    }

    Optional<Instant> lowerBound(boolean inclusive) {
        return Optional.ofNullable(inclusive ? notBefore : after);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Instant instant(Checkpoint checkpoint, String key) {
        return checkpoint.get(key).map(Instant::parse).orElse(null);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
