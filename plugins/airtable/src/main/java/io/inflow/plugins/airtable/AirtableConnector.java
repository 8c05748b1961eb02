package io.inflow.plugins.airtable;

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
import io.inflow.api.stats.StatQuery;
import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.api.record.Record;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import org.pf4j.Extension;

/**
 * Imports Airtable tables through the Airtable Web API: one stream per configured table.
 *
 * <p>Airtable has no change feed, so incremental imports filter on a last-modified-time field of the table
 * ({@code modifiedField}, {@code Last Modified} by default) and read it in ascending order; see
 * {@link TableScan} for how the scan stays exact across page tokens that expire and records that change
 * while it runs.
 */
@Extension
public final class AirtableConnector implements Connector {

    static final String BASE_URL = "baseUrl";
    static final String API_TOKEN = "apiToken";
    static final String BASE_ID = "baseId";
    static final String TABLES = "tables";
    static final String MODIFIED_FIELD = "modifiedField";

    private static final ConnectorSpec SPEC = new ConnectorSpec(
            "Airtable",
            "Records of Airtable tables, one stream per table listed in 'tables'.",
            ConfigSchema.of(
                    ConfigField.string(BASE_URL).withDefault("https://api.airtable.com")
                            .withDescription("The Airtable API's address; change it only to point at a proxy or a sandbox"),
                    ConfigField.string(API_TOKEN).asRequired().asSecret()
                            .withDescription("A personal access token with the data.records:read scope on the base"),
                    ConfigField.string(BASE_ID).asRequired()
                            .withDescription("The base's id, 'app' followed by 14 characters, from its URL"),
                    ConfigField.stringList(TABLES).asRequired()
                            .withDescription("Names or ids of the tables to import; each becomes a stream"),
                    ConfigField.string(MODIFIED_FIELD).withDefault("Last Modified")
                            .withDescription("A 'Last modified time' field of every table, used for incremental imports")),
            // 5 requests per second per base; one more and the base refuses everything for 30 s (a connection may
            // lower it with the host's requestsPerSecond setting)
            Limits.perSecond(5).withPageSize(AirtableApi.MAX_PAGE_SIZE).withLockout(Duration.ofSeconds(30)),
            List.of());

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> streams(ConnectorConfig config) {
        return config.stringList(TABLES);
    }

    /**
     * True for every table of the connection: a full scan lists a table without a formula, a view or a record limit
     * (none can be configured), so it returns every record the table holds, and one whose page token expired
     * restarts without skipping any ({@link ScanPosition#restart()}). A completed full import therefore marks
     * deleted the records it did not see. Incremental scans filter by {@code modifiedField} and delete nothing:
     * Airtable's list-records call says nothing of deleted records.
     */
    @Override
    public boolean fullScanIsComplete(ConnectorConfig config, String stream) {
        return config.stringList(TABLES).contains(stream);
    }

    @Override
    public void check(ConnectorContext context) throws IOException, InterruptedException {
        AirtableApi api = AirtableApi.of(context);
        for (String table : context.config().stringList(TABLES)) {
            api.probe(table);
        }
    }

    @Override
    public void read(String stream, Checkpoint checkpoint, ReadContext context)
            throws IOException, InterruptedException {
        new TableScan(AirtableApi.of(context), stream, context.config().requireString(MODIFIED_FIELD), context)
                .run(ScanPosition.from(checkpoint));
    }

    /**
     * The views {@code airtable_records} and {@code airtable_conversations}, of the records that exist upstream, and
     * their twins {@code airtable_records_all} and {@code airtable_conversations_all}, with the records deleted
     * upstream too.
     */
    @Override
    public Optional<String> changelog() {
        return Optional.of("inflow/airtable/changelog.xml");
    }

    /**
     * The clinic chatbot's figures: conversations, bookings, leads created and engaged conversations, and their
     * rates, over every table of the connection (a table without these fields counts zero of each); records
     * deleted upstream are not counted.
     */
    @Override
    public List<StatQuery> stats() {
        return List.of(new StatQuery("engagement", "Conversations, bookings, leads created and engaged "
                + "conversations, with their rates in percent", ENGAGEMENT));
    }

    private static final String ENGAGEMENT = """
            SELECT count(*)                                                    AS conversations,
                   count(*) FILTER (WHERE fields -> 'Booking' IS NOT NULL)     AS bookings,
                   count(*) FILTER (WHERE fields ->> 'Lead Created' = 'Yes')   AS leads,
                   count(*) FILTER (WHERE (fields ->> 'Engaged')::boolean)     AS engaged,
                   round(100.0 * count(*) FILTER (WHERE fields -> 'Booking' IS NOT NULL)
                         / NULLIF(count(*), 0), 2)                             AS booking_rate,
                   round(100.0 * count(*) FILTER (WHERE fields ->> 'Lead Created' = 'Yes')
                         / NULLIF(count(*), 0), 2)                             AS lead_rate,
                   round(100.0 * count(*) FILTER (WHERE (fields ->> 'Engaged')::boolean)
                         / NULLIF(count(*), 0), 2)                             AS engaged_rate
              FROM airtable_records
             WHERE connection_id = :connection
            """;

    /** Airtable counts its 5 requests per second per base: connections to one base share a limiter. */
    @Override
    public String rateLimitScope(ConnectorConfig config) {
        return config.requireString(BASE_URL) + "/" + config.requireString(BASE_ID);
    }

    @Override
    public Optional<Record> reread(String stream, String externalId, ConnectorContext context)
            throws IOException, InterruptedException {
        JsonNode record = AirtableApi.of(context).getRecord(stream, externalId);
        RecordMapper.Mapped mapped = new RecordMapper(stream, context.config().requireString(MODIFIED_FIELD)).map(record);
        if (mapped instanceof RecordMapper.Ok ok) {
            return Optional.of(ok.record());
        }
        throw new ConnectorException(((RecordMapper.Bad) mapped).rejected().reason());
    }
}
