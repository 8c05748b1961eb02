package io.inflow.plugins.mindbody;

import io.inflow.api.Checkpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Where a read of one stream stands, as stored in Inflow's checkpoint.
 *
 * <p>Mid-scan it holds the scan's filter ({@code since} for clients, the window {@code from}..{@code to} for
 * date-windowed streams), the {@code offset} of the next page, the {@code total} the last page announced, the
 * latest modification read so far and when the scan started. A finished scan keeps only what the next
 * incremental read starts from: {@code since} for clients; {@code lastScanAt} and the last day read, {@code to},
 * for the windowed streams.
 *
 * @param offset the offset of the next page, or null when the next request starts a scan
 * @param since inclusive lower bound of the clients' {@code lastModifiedDate} filter, or null for all clients
 * @param from first day of the scan's window, or null
 * @param to last day of the scan's window; after a completed scan of a windowed stream, the last day it read (null
 *           when it read none, or was written by a version that did not keep it)
 * @param maxModified the latest {@code LastModifiedDateTime} read by this scan, or null
 * @param startedAt when this scan started, or null before it
 * @param total the {@code TotalResults} of the last page read, or null
 * @param lastScanAt when the last completed scan started (windowed streams and class descriptions), or null
 */
record ScanPosition(Integer offset, Instant since, LocalDate from, LocalDate to, Instant maxModified,
                    Instant startedAt, Integer total, Instant lastScanAt) {

    /**
     * How far the next clients scan reaches back before what this one saw: Mindbody's date-times carry no
     * reliable offset, so its filter may be read in the site's time zone (up to 14 hours off), and our clock may
     * differ from Mindbody's. Records re-read in the overlap count as unchanged.
     */
    static final Duration OVERLAP = Duration.ofDays(1);

    private static final String OFFSET = "offset";
    private static final String SINCE = "since";
    private static final String FROM = "from";
    private static final String TO = "to";
    private static final String MAX_MODIFIED = "maxModified";
    private static final String STARTED_AT = "scanStartedAt";
    private static final String TOTAL = "total";
    private static final String LAST_SCAN_AT = "lastScanAt";

    static ScanPosition from(Checkpoint checkpoint) {
        return new ScanPosition(
                checkpoint.get(OFFSET).map(Integer::valueOf).orElse(null),
                checkpoint.get(SINCE).map(Instant::parse).orElse(null),
                checkpoint.get(FROM).map(LocalDate::parse).orElse(null),
                checkpoint.get(TO).map(LocalDate::parse).orElse(null),
                checkpoint.get(MAX_MODIFIED).map(Instant::parse).orElse(null),
                checkpoint.get(STARTED_AT).map(Instant::parse).orElse(null),
                checkpoint.get(TOTAL).map(Integer::valueOf).orElse(null),
                checkpoint.get(LAST_SCAN_AT).map(Instant::parse).orElse(null));
    }

    Checkpoint toCheckpoint() {
        return Checkpoint.empty()
                .with(OFFSET, offset == null ? null : offset.toString())
                .with(SINCE, text(since))
                .with(FROM, from == null ? null : from.toString())
                .with(TO, to == null ? null : to.toString())
                .with(MAX_MODIFIED, text(maxModified))
                .with(STARTED_AT, text(startedAt))
                .with(TOTAL, total == null ? null : total.toString())
                .with(LAST_SCAN_AT, text(lastScanAt));
    }

    /** Whether this continues a scan that was interrupted. */
    boolean midScan() {
        return offset != null;
    }

    /** A new scan of clients modified on or after {@code since} (all of them when null). */
    static ScanPosition clientsSince(Instant since, Instant now) {
        return new ScanPosition(0, since, null, null, null, now, null, null);
    }

    /**
     * A new scan of the days {@code from} to {@code to}, both included.
     *
     * @throws IllegalArgumentException when {@code from} is after {@code to}: such a window has no day, and asking
     *                                  Mindbody for it would mean nothing; see {@link #nothingToRead}
     */
    static ScanPosition window(LocalDate from, LocalDate to, Instant now) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("a window from " + from + " to " + to + " has no day");
        }
        return new ScanPosition(0, null, from, to, null, now, null, null);
    }

    /** A new scan of a whole list. */
    static ScanPosition everything(Instant now) {
        return new ScanPosition(0, null, null, null, null, now, null, null);
    }

    /** After a page that has a next one. */
    ScanPosition next(int nextOffset, int pageTotal, Instant pageMaxModified) {
        return new ScanPosition(nextOffset, since, from, to, later(maxModified, pageMaxModified), startedAt, pageTotal,
                null);
    }

    /**
     * The checkpoint after the last page. For clients: the next scan reads what was modified on or after the
     * latest modification read, or this scan's start if that is earlier (a client changed behind the page being
     * read carries a later time), less {@link #OVERLAP}; a scan that read nothing keeps its filter. For the
     * others: when this scan started, from which the next one reaches back its look-back days, and the last day of
     * its window, after which the next one reads every day.
     */
    ScanPosition completed(MindbodyStream.Paging paging, Instant pageMaxModified) {
        if (paging != MindbodyStream.Paging.MODIFIED) {
            return new ScanPosition(null, null, null, to, null, null, null, startedAt);
        }
        Instant latest = later(maxModified, pageMaxModified);
        Instant watermark = latest == null ? since
                : (startedAt != null && startedAt.isBefore(latest) ? startedAt : latest).minus(OVERLAP);
        return new ScanPosition(null, watermark, null, null, null, null, null, null);
    }

    /**
     * The checkpoint of a windowed stream's scan that had no day to read (see {@link StreamScan}): it happened at
     * {@code now}, and the last day read stays what this completed checkpoint says.
     */
    ScanPosition nothingToRead(Instant now) {
        return new ScanPosition(null, null, null, to, null, null, null, now);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
