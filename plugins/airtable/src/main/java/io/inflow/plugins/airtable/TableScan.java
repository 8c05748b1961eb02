package io.inflow.plugins.airtable;

import io.inflow.api.ReadContext;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one table page by page, in ascending order of its last-modified field, committing each page with the
 * position after it.
 *
 * <p>A scan's first page freezes Airtable's ordering; its page tokens then expire after some minutes. A scan
 * whose token expired (or that resumes after Inflow was down for a while) starts again from the latest
 * modification time it had read of a record not modified since the scan started, so it still reads every record
 * it had not reached (a full scan that skipped one would have it marked deleted) and fetches again little of
 * what it read; see {@link ScanPosition#restart()}.
 */
final class TableScan {

    /** Airtable's Date header has whole seconds; this keeps the scan's start on the safe side of it. */
    private static final Duration DATE_PRECISION = Duration.ofSeconds(2);
    /** Without Airtable's clock, our own, allowing for this much difference between the two. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final AirtableApi api;
    private final String table;
    private final String modifiedField;
    private final ReadContext context;
    private final RecordMapper mapper;

    TableScan(AirtableApi api, String table, String modifiedField, ReadContext context) {
        this.api = api;
        this.table = table;
        this.modifiedField = modifiedField;
        this.context = context;
        this.mapper = new RecordMapper(table, modifiedField);
    }

    void run(ScanPosition start) throws IOException, InterruptedException {
        ScanPosition position = start;
        logStart(position);
        int consecutiveRestarts = 0;
        while (!context.isCancelled()) {
            AirtableApi.Listing listing = api.listRecords(table, query(position), position.offset());
            if (listing instanceof AirtableApi.IteratorExpired expired) {
                if (++consecutiveRestarts > 3) {
                    throw new IOException("Airtable keeps expiring the page token of table " + table + ": "
                            + expired.message());
                }
                position = position.restart();
                context.log().log(System.Logger.Level.WARNING, "page token expired ({0}); restarting the scan of {1} "
                        + "at {2}", expired.message(), table, describe(position));
                continue;
            }
            AirtableApi.Page page = (AirtableApi.Page) listing;
            consecutiveRestarts = 0;
            position = position.startedAt(page.serverTime().map(time -> time.minus(DATE_PRECISION))
                    .orElseGet(() -> context.clock().instant().minus(CLOCK_SKEW)));
            List<Record> records = new ArrayList<>(page.records().size());
            List<RejectedRecord> rejected = new ArrayList<>();
            Instant pageMaxModified = null;
            Instant pageRestartFrom = null;
            for (AirtableApi.RawRecord record : page.records()) {
                RecordMapper.Mapped mapped = mapper.map(record);
                if (mapped instanceof RecordMapper.Ok ok) {
                    records.add(ok.record());
                    if (pageMaxModified == null || ok.modified().isAfter(pageMaxModified)) {
                        pageMaxModified = ok.modified();
                    }
                    if (ok.sortKey() && !ok.modified().isAfter(position.startedAt())
                            && (pageRestartFrom == null || ok.modified().isAfter(pageRestartFrom))) {
                        pageRestartFrom = ok.modified();
                    }
                } else {
                    rejected.add(((RecordMapper.Bad) mapped).rejected());
                }
            }
            boolean last = page.offset().isEmpty();
            position = last ? position.completed(pageMaxModified)
                    : position.next(page.offset().get(), pageMaxModified, pageRestartFrom);
            context.commit(new Batch(records, rejected, position.toCheckpoint()));
            if (last) {
                return;
            }
        }
    }

    private AirtableApi.Query query(ScanPosition position) {
        String field = "{" + modifiedField + "}";
        String filter = position.lowerBound(true)
                .map(bound -> "NOT(IS_BEFORE(" + field + ", '" + bound + "'))")
                .or(() -> position.lowerBound(false).map(bound -> "IS_AFTER(" + field + ", '" + bound + "')"))
                .orElse(null);
        return new AirtableApi.Query(filter, modifiedField);
    }

    private void logStart(ScanPosition position) {
        String from = position.offset() != null ? "resuming at a page token" : describe(position);
        context.log().log(System.Logger.Level.INFO, "scanning table {0}: {1}", table, from);
    }

    private static String describe(ScanPosition position) {
        return position.lowerBound(true).map(bound -> "records modified at or after " + bound)
                .or(() -> position.lowerBound(false).map(bound -> "records modified after " + bound))
                .orElse("all records");
    }
}
