package io.inflow.plugins.toast;

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
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Imports a Toast restaurant's orders through the Toast Orders API ({@code GET /orders/v2/ordersBulk}): one
 * stream, {@code orders}, keyed by the order's GUID, with its checks, selections and payments in the payload.
 *
 * <p>Every import reads the orders modified since the last one (the first, since {@code startDate}), in windows
 * of modification time; see {@link ScanPosition} for the windows and the overlap between imports, and
 * {@link OrdersScan} for how a scan stays exact.
 */
@Extension
public final class ToastConnector implements Connector {

    static final String BASE_URL = "baseUrl";
    static final String CLIENT_ID = "clientId";
    static final String CLIENT_SECRET = "clientSecret";
    static final String RESTAURANT_GUID = "restaurantGuid";
    static final String START_DATE = "startDate";

    /** Toast refuses a {@code startDate} that is not after this: where an import without a start date begins. */
    static final Instant EARLIEST = Instant.parse("2015-12-01T00:00:00.001Z");

    private static final ConnectorSpec SPEC = new ConnectorSpec(
            "Toast",
            "The orders of a Toast restaurant, with their checks, item selections and payments.",
            ConfigSchema.of(
                    ConfigField.string(BASE_URL).withDefault("https://ws-api.toasttab.com")
                            .withDescription("The API access URL of the credentials (Toast's production API by "
                                    + "default); change it for Toast's sandbox, a proxy or Inflow's sandbox"),
                    ConfigField.string(CLIENT_ID).asRequired()
                            .withDescription("The Client ID of Standard API access credentials with the orders:read "
                                    + "scope, from Toast Web: Integrations > Toast API access > Manage credentials"),
                    ConfigField.string(CLIENT_SECRET).asRequired().asSecret()
                            .withDescription("The Client secret shown once when those credentials were created"),
                    ConfigField.string(RESTAURANT_GUID).asRequired()
                            .withDescription("The GUID of the restaurant location to import, as Toast identifies it "
                                    + "(sent as Toast-Restaurant-External-ID)"),
                    ConfigField.string(START_DATE)
                            .withDescription("The first business date to import, such as 2025-01-31; without it the "
                                    + "first import reads every order Toast has for the location")),
            Limits.perSecond(5).withPageSize(ToastApi.MAX_PAGE_SIZE),
            List.of(OrderMapper.STREAM));

    private final AccessTokens tokens = new AccessTokens();

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public void check(ConnectorContext context) throws IOException, InterruptedException {
        startOf(context.config());
        ToastApi.of(context, tokens).probe();
    }

    @Override
    public void read(String stream, Checkpoint checkpoint, ReadContext context) throws IOException, InterruptedException {
        requireOrders(stream);
        ScanPosition start = ScanPosition.from(checkpoint, startOf(context.config()));
        new OrdersScan(ToastApi.of(context, tokens), context).run(start);
    }

    /**
     * Never: a full read is not a list of every order. It reads from {@code startDate} (orders last modified before
     * it are not read), and even without one it pages windows of modification time by page number over live data,
     * so an order modified mid-scan shifts an unmodified one onto a page already read (see {@link OrdersScan}):
     * a reconcile would mark that order deleted, and no later incremental read would restore it. Deletions come
     * from Toast itself instead: orders marked {@code deleted} (see {@link OrderMapper}).
     */
    @Override
    public boolean fullScanIsComplete(ConnectorConfig config, String stream) {
        return false;
    }

    /**
     * Toast limits {@code GET /ordersBulk} to 5 requests per second for each client and location: connections of
     * one client to one restaurant share a limiter.
     */
    @Override
    public String rateLimitScope(ConnectorConfig config) {
        return config.requireString(BASE_URL) + "/" + config.requireString(CLIENT_ID) + "/"
                + config.requireString(RESTAURANT_GUID);
    }

    @Override
    public Optional<Record> reread(String stream, String externalId, ConnectorContext context)
            throws IOException, InterruptedException {
        requireOrders(stream);
        JsonNode order = ToastApi.of(context, tokens).order(externalId);
        OrderMapper.Mapped mapped = new OrderMapper().map(order);
        if (mapped instanceof OrderMapper.Ok ok) {
            return Optional.of(ok.record());
        }
        if (mapped instanceof OrderMapper.Deleted) {
            throw new ConnectorException("Toast order " + externalId + " was deleted in Toast");
        }
        throw new ConnectorException(((OrderMapper.Bad) mapped).rejected().reason());
    }

    @Override
    public Optional<String> changelog() {
        return Optional.of(ToastViews.CHANGELOG);
    }

    @Override
    public List<StatQuery> stats() {
        return ToastViews.STATS;
    }

    /** Where the first import starts: the earliest moment an order of {@code startDate} can exist. */
    private static Instant startOf(ConnectorConfig config) {
        Optional<String> text = config.string(START_DATE).map(String::trim).filter(value -> !value.isEmpty());
        if (text.isEmpty()) {
            return EARLIEST;
        }
        try {
            LocalDate date = LocalDate.parse(text.get(), text.get().contains("-")
                    ? DateTimeFormatter.ISO_LOCAL_DATE : DateTimeFormatter.BASIC_ISO_DATE);
            Instant start = ToastTimes.earliestInstantOf(date);
            return start.isBefore(EARLIEST) ? EARLIEST : start;
        } catch (DateTimeParseException e) {
            throw new ConnectorException("configuration key 'startDate' must be a date such as 2025-01-31, was '"
                    + text.get() + "'");
        }
    }

    private static void requireOrders(String stream) {
        if (!OrderMapper.STREAM.equals(stream)) {
            throw new ConnectorException("Toast has one stream, orders; there is no stream '" + stream + "'");
        }
    }
}
