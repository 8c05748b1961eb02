package io.inflow.plugins.airtable;

import io.inflow.api.Checkpoint;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a scan of one table stands, as stored in Inflow's checkpoint.
 *
 * <p>Mid-scan it holds the scan's filter (records modified {@code after} an instant, or {@code notBefore} one
 * after a restart), Airtable's page token for the next page, the latest modification time read so far, when the
 * scan started by Airtable's clock, and where it may start again if Airtable forgets the page token. The
 * checkpoint of a finished scan holds only {@code after}: the watermark the next incremental scan starts from.
 *
 * @param after exclusive lower bound of the scan's filter, or null
 * @param notBefore inclusive lower bound of the scan's filter, or null
 * @param offset Airtable's token for the next page, or null when the next request starts the scan
 * @param maxModified the latest modification time among the records read by this scan, or null
 * @param startedAt when the scan's first page was served, by Airtable's clock, or null before it
 * @param restartFrom the latest modification time, not after {@code startedAt}, among the records read by this
 *                    scan: every record the scan has not reached was modified at or after it (see
 *                    {@link #restart()}); null when no such record was read
 */
record ScanPosition(Instant after, Instant notBefore, String offset, Instant maxModified, Instant startedAt,
                    Instant restartFrom) {

    private static final String AFTER = "after";
    private static final String NOT_BEFORE = "notBefore";
    private static final String OFFSET = "offset";
    private static final String MAX_MODIFIED = "maxModified";
    private static final String STARTED_AT = "scanStartedAt";
    private static final String RESTART_FROM = "restartFrom";

    static ScanPosition from(Checkpoint checkpoint) {
        return new ScanPosition(instant(checkpoint, AFTER), instant(checkpoint, NOT_BEFORE),
                checkpoint.get(OFFSET).orElse(null), instant(checkpoint, MAX_MODIFIED), instant(checkpoint, STARTED_AT),
                instant(checkpoint, RESTART_FROM));
    }

    Checkpoint toCheckpoint() {
        return Checkpoint.empty()
                .with(AFTER, text(after))
                .with(NOT_BEFORE, text(notBefore))
                .with(OFFSET, offset)
                .with(MAX_MODIFIED, text(maxModified))
                .with(STARTED_AT, text(startedAt))
                .with(RESTART_FROM, text(restartFrom));
    }

    ScanPosition startedAt(Instant instant) {
        return startedAt != null ? this : new ScanPosition(after, notBefore, offset, maxModified, instant, restartFrom);
    }

    /**
     * After a page that has a next one.
     *
     * @param pageMaxModified the latest modification time on the page, or null
     * @param pageRestartFrom the latest modification time on the page not after {@link #startedAt}, of the records
     *                    whose last-modified field has a value (the field the scan sorts by), or null
     */
    ScanPosition next(String nextOffset, Instant pageMaxModified, Instant pageRestartFrom) {
        return new ScanPosition(after, notBefore, nextOffset, later(maxModified, pageMaxModified), startedAt,
                later(restartFrom, pageRestartFrom));
    }

    /**
     * Starts the scan again after Airtable forgot its page token, from records modified at or after
     * {@link #restartFrom}, so that it still reads every record it had not reached.
     *
     * <p>A scan's first page freezes the order of its records, by their modification times then; later pages show
     * each record as it is when served. A record read with a time not after the scan's start was not modified
     * since the order was frozen, so it stood in the order at that time, and every record after it (unread) had a
     * time at or after it then, and has one at least as late now. A record modified during the scan shows a time
     * later than its place in the order, so it cannot tell where the scan is: a restart from it would skip every
     * record between its old place and its new time, and a full scan's reconciliation would then mark them
     * deleted. Records modified exactly at {@code restartFrom} may lie on both sides of the break, so they are
     * read again (they count as unchanged). Without such a record the scan starts again from its own filter,
     * reading again what it read.
     */
    ScanPosition restart() {
        if (restartFrom == null) {
            return new ScanPosition(after, notBefore, null, maxModified, startedAt, null);
        }
        return new ScanPosition(null, restartFrom, null, maxModified, startedAt, restartFrom);
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
        return new ScanPosition(watermark, null, null, null, null, null);
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
