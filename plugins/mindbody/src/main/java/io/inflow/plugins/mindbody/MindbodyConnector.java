package io.inflow.plugins.mindbody;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.api.Checkpoint;
import io.inflow.api.Connector;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ConnectorContext;
import io.inflow.api.ConnectorException;
import io.inflow.api.ConnectorSpec;
import io.inflow.api.Limits;
import io.inflow.api.ReadContext;
import io.inflow.api.config.ConfigField;
import io.inflow.api.config.ConfigSchema;
import io.inflow.api.record.Record;
import io.inflow.api.stats.StatQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Imports a Mindbody site through the Mindbody Public API v6: its clients, class descriptions, scheduled classes,
 * the visits of those classes, and its sales.
 *
 * <p>Reads sign in as a staff user with a token from {@code POST /usertoken/issue}, a billable call: the token is
 * kept in the connection's state and reused by every stream of every run until it is near its expiry (24 hours)
 * or Mindbody refuses it. Reads page with {@code request.limit} and {@code request.offset}; see
 * {@link StreamScan}. Clients are read incrementally by {@code request.lastModifiedDate}; classes, visits and
 * sales have no modification filter Mindbody would apply to what matters, so an incremental read of them reads a
 * trailing window again, from {@code lookbackDays} before the last scan.
 */
@Extension
public final class MindbodyConnector implements Connector {

    private static final ConnectorSpec SPEC = new ConnectorSpec(
            "Mindbody",
            "Clients, class descriptions, scheduled classes, visits and sales of a Mindbody site.",
            ConfigSchema.of(
                    ConfigField.string(MindbodySettings.BASE_URL).withDefault(MindbodySettings.DEFAULT_BASE_URL)
                            .withDescription("The Mindbody API's address; change it only to point at a proxy or a sandbox"),
                    ConfigField.string(MindbodySettings.API_KEY).asRequired().asSecret()
                            .withDescription("An API key from the Mindbody developer portal (Account, API Credentials), "
                                    + "activated by the site's owner"),
                    ConfigField.integer(MindbodySettings.SITE_ID).asRequired()
                            .withDescription("The Mindbody site (business) id; -99 is Mindbody's sandbox site"),
                    ConfigField.string(MindbodySettings.USERNAME).asRequired()
                            .withDescription("The login of a staff member of the site allowed to see clients and sales"),
                    ConfigField.string(MindbodySettings.PASSWORD).asRequired().asSecret()
                            .withDescription("That staff member's password"),
                    ConfigField.string(MindbodySettings.START_DATE).withDefault(MindbodySettings.DEFAULT_START_DATE)
                            .withDescription("First day (yyyy-MM-dd) of class schedules, visits and sales to import"),
                    ConfigField.string(MindbodySettings.END_DATE)
                            .withDescription("Last day (yyyy-MM-dd) of class schedules, visits and sales to import; "
                                    + "by default " + MindbodySettings.DEFAULT_DAYS_AHEAD + " days after today"),
                    ConfigField.integer(MindbodySettings.LOOKBACK_DAYS).withDefault(MindbodySettings.DEFAULT_LOOKBACK_DAYS)
                            .withDescription("How many days before the last import an incremental import reads class "
                                    + "schedules, visits and sales again, as Mindbody cannot say which changed"),
                    ConfigField.integer(MindbodySettings.PAGE_SIZE).withDefault(MindbodyApi.MAX_PAGE_SIZE)
                            .withDescription("Records per call (request.limit), 1 to " + MindbodyApi.MAX_PAGE_SIZE)),
            // Mindbody publishes no per-second limit: 10 is a modest default. 1,000 calls a day are free, each
            // further call is billed (about USD 0.0033), not refused.
            Limits.perSecond(10).withDailyQuota(1_000).withPageSize(MindbodyApi.MAX_PAGE_SIZE)
                    .withCostPerCallBeyondQuota(0.0033),
            MindbodyStream.NAMES);

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    /**
     * Whether a full read of the stream returns every record Mindbody holds for it, so that a completed full import
     * marks deleted the records it did not see:
     * <ul>
     *   <li>{@code clients}: yes. A full read lists every client, inactive ones too ({@code includeInactive=true}),
     *       with no other filter; a client made inactive is still listed, and stays a record with its status. One
     *       that is gone from the list (merged into another, or deleted) is marked deleted.</li>
     *   <li>{@code classes} (class descriptions): yes, the whole catalogue, unfiltered.</li>
     *   <li>{@code class_schedules}, {@code visits}, {@code sales}: no. They are read by a date window
     *       ({@code startDate} to {@code endDate}, or 30 days after today): classes and sales outside it exist
     *       upstream without being read.</li>
     * </ul>
     */
    @Override
    public boolean fullScanIsComplete(ConnectorConfig config, String stream) {
        return stream.equals(MindbodyStream.CLIENTS.streamName()) || stream.equals(MindbodyStream.CLASSES.streamName());
    }

    /**
     * Issues a new staff token (it proves the API key, the site and the staff credentials as configured now, where
     * a token kept from an earlier run would prove only that it is still valid) and reads one client with it (the
     * staff user may see clients). The token is kept for the next run, so the check costs one issue, not two.
     */
    @Override
    public void check(ConnectorContext context) throws IOException, InterruptedException {
        MindbodyApi api = MindbodyApi.of(context);
        api.signIn();
        api.list(MindbodyStream.CLIENTS, MindbodyStream.CLIENTS.filter(ScanPosition.everything(context.clock().instant())),
                1, 0);
    }

    @Override
    public void read(String stream, Checkpoint checkpoint, ReadContext context) throws IOException, InterruptedException {
        MindbodyStream which = MindbodyStream.of(stream);
        MindbodySettings settings = MindbodySettings.of(context.config());
        new StreamScan(MindbodyApi.of(context), which, settings, context).run(ScanPosition.from(checkpoint));
    }

    /** Mindbody counts calls per API key: connections with one key share its limit (the key is hashed). */
    @Override
    public String rateLimitScope(ConnectorConfig config) {
        String key = config.string(MindbodySettings.API_KEY).orElse("");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return config.string(MindbodySettings.BASE_URL).orElse(MindbodySettings.DEFAULT_BASE_URL) + "#key-"
                    + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Reads a client, class description, class or sale again by its id; a visit cannot be read alone (Mindbody
     * lists visits per class or per client), so its stored payload is retried as it is.
     */
    @Override
    public Optional<Record> reread(String stream, String externalId, ConnectorContext context)
            throws IOException, InterruptedException {
        MindbodyStream which = MindbodyStream.of(stream);
        if (which == MindbodyStream.VISITS) {
            return Optional.empty();
        }
        MindbodySettings settings = MindbodySettings.of(context.config());
        MindbodyApi api = MindbodyApi.of(context);
        Clock clock = context.clock();
        ScanPosition window = ScanPosition.everything(clock.instant());
        if (which.paging() == MindbodyStream.Paging.WINDOW) {
            LocalDate last = settings.lastDay(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
            if (settings.startDate().isAfter(last)) {
                throw new ConnectorException("Mindbody is not asked for " + stream + " record " + externalId
                        + ": the window starts on " + settings.startDate() + " ('startDate'), after its end, " + last);
            }
            window = ScanPosition.window(settings.startDate(), last, clock.instant());
        }
        Map<String, String> filter = new LinkedHashMap<>(which.filter(window));
        switch (which) {
            case CLIENTS -> filter.put("request.uniqueIds", externalId);
            case CLASS_SCHEDULES -> filter.put("request.classIds", externalId);
            case SALES -> filter.put("request.saleId", externalId);
            default -> { }
        }
        RecordMapper mapper = new RecordMapper(which);
        int offset = 0;
        while (true) {
            MindbodyApi.Page page = api.list(which, filter, settings.pageSize(), offset);
            for (JsonNode item : page.items()) {
                for (RecordMapper.Mapped mapped : mapper.map(item)) {
                    if (mapped instanceof RecordMapper.Ok ok && ok.record().externalId().equals(externalId)) {
                        return Optional.of(ok.record());
                    }
                    if (mapped instanceof RecordMapper.Bad bad && externalId.equals(bad.rejected().externalId())) {
                        throw new ConnectorException(bad.rejected().reason());
                    }
                }
            }
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                throw new ConnectorException("Mindbody no longer has " + stream + " record " + externalId
                        + (window.from() == null ? "" : " between " + window.from() + " and " + window.to()));
            }
        }
    }

    /**
     * The views mindbody_clients, mindbody_classes, mindbody_class_schedules, mindbody_visits and mindbody_sales, of
     * the records that exist upstream, and their twins with every record kept, deleted ones too
     * ({@code mindbody_clients_all}, ...).
     */
    @Override
    public Optional<String> changelog() {
        return Optional.of("inflow/mindbody/changelog.xml");
    }

    /**
     * Over the plugin's views: records that exist upstream, of the streams the connection imports (a client or class
     * deleted there is not counted; a connection that does not import clients has none).
     */
    @Override
    public List<StatQuery> stats() {
        return List.of(
                new StatQuery("clients", "Clients, and how many are active (Active and Status 'Active') or not",
                        CLIENTS_STAT),
                new StatQuery("schedules_per_month", "Scheduled classes per month of their start, site time",
                        SCHEDULES_PER_MONTH_STAT));
    }

    private static final String CLIENTS_STAT = """
            SELECT count(*)                                     AS total,
                   count(*) FILTER (WHERE active)               AS active,
                   count(*) FILTER (WHERE NOT COALESCE(active, false)) AS inactive
              FROM mindbody_clients
             WHERE connection_id = :connection
            """;

    private static final String SCHEDULES_PER_MONTH_STAT = """
            SELECT to_char(start_date_time, 'YYYY-MM') AS month,
                   count(*)                            AS schedules
              FROM mindbody_class_schedules
             WHERE connection_id = :connection
             GROUP BY 1
             ORDER BY 1
            """;
}
