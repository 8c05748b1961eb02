package io.inflow.plugins.mindbody;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.api.ReadContext;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one stream page by page with {@code request.offset}, committing each page with the position after it.
 *
 * <p>Offset paging is only as exact as the order of the list while it is read. Mindbody lists clients in an order
 * a modification does not change (see the sandbox README: by {@code UniqueId}, unverified), and a scan's filter
 * only lets records in ({@code includeInactive=true}; a modified client stays modified on or after the filter),
 * so a client changed mid-scan either lies ahead of the page being read, and is read with its change, or behind
 * it, and the next incremental read picks it up (its modification is later than the scan's start). A record
 * that enters the list behind the page pushes the rest one place on, so the next page starts with a record
 * already read: records the two pages before had are dropped, so none is committed twice. A list that shrinks (a
 * client merged away) would pull a record back behind the page unseen: when the total drops, the next page
 * starts that many places earlier, even when the page asked for came back empty because the list now ends before
 * it. A full scan of clients or class descriptions must see every record, since Inflow marks deleted what it did
 * not see.
 *
 * <p>Not caught: a list that loses records behind the page and gains as many or more at once (a client merged
 * away while others sign up, or over the hours a crashed scan waits to resume) keeps or grows its total, so the
 * records pulled back are skipped; a full scan would then mark them deleted until the next one sees them again.
 */
final class StreamScan {

    private final MindbodyApi api;
    private final MindbodyStream stream;
    private final MindbodySettings settings;
    private final ReadContext context;
    private final RecordMapper mapper;

    StreamScan(MindbodyApi api, MindbodyStream stream, MindbodySettings settings, ReadContext context) {
        this.api = api;
        this.stream = stream;
        this.settings = settings;
        this.context = context;
        this.mapper = new RecordMapper(stream);
    }

    void run(ScanPosition checkpointed) throws IOException, InterruptedException {
        ScanPosition position;
        if (checkpointed.midScan()) {
            position = checkpointed;
        } else {
            Optional<ScanPosition> started = start(checkpointed);
            if (started.isEmpty()) {
                // no day of the window is left to read: the scan is done without a call
                context.commit(new Batch(List.of(), checkpointed.nothingToRead(context.clock().instant()).toCheckpoint()));
                return;
            }
            position = started.get();
        }
        log(position, checkpointed.midScan());
        Set<String> previousPage = Set.of();
        Set<String> pageBefore = Set.of();
        while (!context.isCancelled()) {
            int offset = position.offset();
            MindbodyApi.Page page = api.list(stream, stream.filter(position), settings.pageSize(), offset);
            if (position.total() == null) {
                estimate(page);
            }
            Mapping mapping = map(page.items(), previousPage, pageBefore);
            int read = page.items().size();
            int shrunk = position.total() == null ? 0 : Math.max(0, position.total() - page.total());
            // an empty page past a list that shrank is not the end: the records it held moved back behind it
            boolean last = shrunk == 0 && (read == 0 || offset + read >= page.total());
            if (last) {
                position = position.completed(stream.paging(), mapping.maxModified());
            } else {
                int next = shrunk > 0 ? Math.max(0, offset - shrunk) : offset + read;
                if (shrunk > 0) {
                    context.log().log(System.Logger.Level.INFO, "{0} shrank by {1} while being read; reading again "
                            + "from offset {2}", stream.streamName(), shrunk, next);
                }
                position = position.next(next, page.total(), mapping.maxModified());
            }
            context.commit(new Batch(mapping.records(), mapping.rejected(), position.toCheckpoint()));
            if (last) {
                return;
            }
            pageBefore = previousPage;
            previousPage = mapping.ids();
        }
    }

    /**
     * A new scan: what an incremental read reaches back to, or everything; empty when a windowed stream has no day
     * left to read, after saying why in the log.
     */
    private Optional<ScanPosition> start(ScanPosition finished) {
        Instant now = context.clock().instant();
        return switch (stream.paging()) {
            case MODIFIED -> Optional.of(ScanPosition.clientsSince(finished.since(), now));
            case ALL -> Optional.of(ScanPosition.everything(now));
            case WINDOW -> window(finished, now);
        };
    }

    /**
     * The days a windowed stream reads: from {@code startDate}, or on an incremental read from {@code lookbackDays}
     * before the last scan (Mindbody cannot say which sales or classes changed), or from the day after the last
     * scan's window if that is earlier (days it never read, such as a later {@code endDate}, are read whatever the
     * look-back); up to {@code endDate}, or {@link MindbodySettings#DEFAULT_DAYS_AHEAD} days after today.
     *
     * <p>Those bounds can cross. With the sandbox's {@code endDate} 2025-11-14 and a look-back of 30 days, every scan
     * that starts more than 30 days after that end (from 2025-12-15, UTC) reaches back to a day after it: a full
     * import on 2026-12-04 and an incremental one the same day gave {@code from 2026-11-04 to 2025-11-14}. The last
     * scan read every day up to 2025-11-14, long after its look-back days were over, so nothing is left to read; the
     * same holds for a {@code startDate} beyond the window's end. Such a window is never built.
     */
    private Optional<ScanPosition> window(ScanPosition finished, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate last = settings.lastDay(today);
        LocalDate from = settings.startDate();
        if (finished.lastScanAt() != null) {
            LocalDate lookback = LocalDate.ofInstant(finished.lastScanAt(), ZoneOffset.UTC)
                    .minusDays(settings.lookbackDays());
            LocalDate neverRead = finished.to() == null ? lookback : finished.to().plusDays(1);
            LocalDate again = lookback.isBefore(neverRead) ? lookback : neverRead;
            from = again.isAfter(from) ? again : from;
        }
        if (!from.isAfter(last)) {
            return Optional.of(ScanPosition.window(from, last, now));
        }
        String end = settings.endDate() != null ? last + " ('endDate')"
                : last + " (" + MindbodySettings.DEFAULT_DAYS_AHEAD + " days after today)";
        String why = from.equals(settings.startDate())
                ? "the window starts on " + from + " ('startDate'), after its end, " + end
                : "the last scan (" + finished.lastScanAt() + ") read "
                        + (finished.to() == null ? "the window" : "every day up to " + finished.to())
                        + ", and its look-back of " + settings.lookbackDays() + " days reaches back only to "
                        + LocalDate.ofInstant(finished.lastScanAt(), ZoneOffset.UTC).minusDays(settings.lookbackDays())
                        + ", after the window's end, " + end;
        context.log().log(System.Logger.Level.INFO, "reading Mindbody {0}: nothing to read: {1}",
                stream.streamName(), why);
        return Optional.empty();
    }

    private record Mapping(List<Record> records, List<RejectedRecord> rejected, Instant maxModified, Set<String> ids) {}

    /**
     * The page's records, less those the two pages before already had: the list moved on by them, or the scan
     * stepped back after the list shrank.
     */
    private Mapping map(JsonNode items, Set<String> previousPage, Set<String> pageBefore)
            throws IOException, InterruptedException {
        List<Record> records = new ArrayList<>(items.size());
        List<RejectedRecord> rejected = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Instant maxModified = null;
        for (JsonNode item : items) {
            JsonNode source = item;
            if (stream == MindbodyStream.VISITS && !RecordMapper.hasVisits(item) && item.path("Id").canConvertToLong()) {
                // a class whose visits came broken: ask for them on their own, once
                source = api.classVisits(item.path("Id").asLong());
            }
            for (RecordMapper.Mapped mapped : mapper.map(source)) {
                if (mapped instanceof RecordMapper.Ok ok) {
                    String id = ok.record().externalId();
                    ids.add(id);
                    if (previousPage.contains(id) || pageBefore.contains(id)) {
                        continue;
                    }
                    records.add(ok.record());
                    if (ok.modified() != null && (maxModified == null || ok.modified().isAfter(maxModified))) {
                        maxModified = ok.modified();
                    }
                } else {
                    RejectedRecord bad = ((RecordMapper.Bad) mapped).rejected();
                    if (bad.externalId() != null) {
                        ids.add(bad.externalId());
                        if (previousPage.contains(bad.externalId()) || pageBefore.contains(bad.externalId())) {
                            continue;
                        }
                    }
                    rejected.add(bad);
                }
            }
        }
        return new Mapping(records, rejected, maxModified, ids);
    }

    private void estimate(MindbodyApi.Page page) {
        if (stream != MindbodyStream.VISITS) {
            context.estimateTotal(page.total());
        } else if (!page.items().isEmpty()) {
            long visits = 0;
            for (JsonNode scheduledClass : page.items()) {
                visits += scheduledClass.path("Visits").size();
            }
            context.estimateTotal(visits * page.total() / page.items().size());
        }
    }

    private void log(ScanPosition position, boolean resumed) {
        String what = switch (stream.paging()) {
            case MODIFIED -> position.since() == null ? "all clients" : "clients modified on or after " + position.since();
            case WINDOW -> "from " + position.from() + " to " + position.to();
            case ALL -> "all of them";
        };
        context.log().log(System.Logger.Level.INFO, "reading Mindbody {0}: {1}{2}", stream.streamName(), what,
                resumed ? ", resuming at offset " + position.offset() : "");
    }
}
