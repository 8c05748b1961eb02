package io.inflow.plugins.gmail;

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
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import io.inflow.api.stats.StatQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Imports a Gmail mailbox through the Gmail API v1: its messages (metadata: labels, snippet, From, To, Subject,
 * Date; no bodies) and its labels. Authenticates with an OAuth client and a refresh token, exchanged for access
 * tokens as they expire. Incremental imports read the mailbox's history; see {@link MessageSync}.
 *
 * <p>Gmail counts its per-user quota in units: a message get costs 5, and a user may spend 250 units a second.
 * The declared limit of 50 requests per second keeps the gets, which are nearly all the calls, within it.
 */
@Extension
public final class GmailConnector implements Connector {

    static final String BASE_URL = "baseUrl";
    static final String TOKEN_URL = "tokenUrl";
    static final String CLIENT_ID = "clientId";
    static final String CLIENT_SECRET = "clientSecret";
    static final String REFRESH_TOKEN = "refreshToken";
    static final String USER_ID = "userId";
    static final String QUERY = "query";
    static final String LABEL_IDS = "labelIds";
    static final String INCLUDE_SPAM_TRASH = "includeSpamTrash";

    /** Gmail's per-user quota, 250 units a second, over the 5 units of a message get. */
    static final double REQUESTS_PER_SECOND = 250.0 / 5;

    private static final ConnectorSpec SPEC = new ConnectorSpec(
            "Gmail",
            "Messages (labels, snippet and From, To, Subject, Date headers) and labels of a Gmail mailbox.",
            ConfigSchema.of(
                    ConfigField.string(BASE_URL).withDefault("https://gmail.googleapis.com")
                            .withDescription("The Gmail API's address; change it only to point at a proxy or a sandbox"),
                    ConfigField.string(TOKEN_URL).withDefault("https://oauth2.googleapis.com/token")
                            .withDescription("Google's OAuth token endpoint, where the refresh token is exchanged"),
                    ConfigField.string(CLIENT_ID).asRequired()
                            .withDescription("The OAuth client id, from Google Cloud console > APIs & Services > Credentials"),
                    ConfigField.string(CLIENT_SECRET).asRequired().asSecret()
                            .withDescription("The OAuth client's secret, shown with its id in the Google Cloud console"),
                    ConfigField.string(REFRESH_TOKEN).asRequired().asSecret()
                            .withDescription("A refresh token the mailbox's owner granted this client, with the "
                                    + "https://www.googleapis.com/auth/gmail.readonly scope and offline access"),
                    ConfigField.string(USER_ID).withDefault("me")
                            .withDescription("'me' for the account that granted the token, or its address"),
                    ConfigField.string(QUERY)
                            .withDescription("Import only the messages this Gmail search finds, such as 'newer_than:1y'"),
                    ConfigField.stringList(LABEL_IDS)
                            .withDescription("Import only the messages carrying all these label ids, such as INBOX or Label_12"),
                    ConfigField.bool(INCLUDE_SPAM_TRASH).withDefault(false)
                            .withDescription("Import the messages in Spam and Trash too")),
            Limits.perSecond(REQUESTS_PER_SECOND).withPageSize(GmailApi.PAGE_SIZE),
            List.of(RecordMapper.MESSAGES, RecordMapper.LABELS));

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    /**
     * Labels come whole from one unfiltered call. Messages come whole when no query and no label ids narrow the
     * listing: a full scan then lists every message outside Spam and Trash (inside them too with
     * {@code includeSpamTrash}), so a stored message it does not list was deleted or moved to Spam or Trash, which
     * count as deleted when the connection leaves them out.
     */
    @Override
    public boolean fullScanIsComplete(ConnectorConfig config, String stream) {
        return switch (stream) {
            case RecordMapper.LABELS -> true;
            case RecordMapper.MESSAGES -> GmailSettings.scopeOf(config).isUnfiltered();
            default -> false;
        };
    }

    /** A token exchange, the profile and, when the scope is narrowed, one message id with it. */
    @Override
    public void check(ConnectorContext context) throws IOException, InterruptedException {
        GmailApi api = GmailApi.of(context);
        api.profile();
        Scope scope = GmailSettings.of(context.config()).scope();
        if (scope.hasQuery() || !scope.labelIds().isEmpty()) {
            api.listMessages(scope, null, 1);
        }
    }

    @Override
    public void read(String stream, Checkpoint checkpoint, ReadContext context) throws IOException, InterruptedException {
        GmailApi api = GmailApi.of(context);
        switch (stream) {
            case RecordMapper.MESSAGES -> new MessageSync(api, GmailSettings.of(context.config()).scope(), context)
                    .run(SyncPosition.from(checkpoint));
            case RecordMapper.LABELS -> readLabels(api, context);
            default -> throw new IllegalArgumentException("Gmail has no stream " + stream);
        }
    }

    /** Labels come in one unpaged answer and have no change feed: each read reads them all. */
    private static void readLabels(GmailApi api, ReadContext context) throws IOException, InterruptedException {
        if (context.isCancelled()) {
            return;
        }
        List<Record> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        for (JsonNode label : api.labels()) {
            RecordMapper.Mapped mapped = RecordMapper.label(label);
            if (mapped instanceof RecordMapper.Ok ok) {
                records.add(ok.record());
            } else {
                rejected.add(((RecordMapper.Bad) mapped).rejected());
            }
        }
        context.estimateTotal(records.size() + rejected.size());
        context.commit(new Batch(records, rejected, Checkpoint.empty()));
    }

    /**
     * Gmail's quota is per user: connections to one mailbox share a limiter. The mailbox is named by its address
     * when the connection gives one, else by its credentials (a digest, never the token itself).
     */
    @Override
    public String rateLimitScope(ConnectorConfig config) {
        GmailSettings settings = GmailSettings.of(config);
        String user = settings.userId().equals("me")
                ? "token-" + digest(settings.clientId() + "\n" + settings.refreshToken())
                : settings.userId().toLowerCase(Locale.ROOT);
        return "gmail " + settings.baseUrl() + " " + user;
    }

    @Override
    public Optional<Record> reread(String stream, String externalId, ConnectorContext context)
            throws IOException, InterruptedException {
        GmailApi api = GmailApi.of(context);
        RecordMapper.Mapped mapped;
        if (stream.equals(RecordMapper.MESSAGES)) {
            JsonNode message = api.getMessage(externalId).orElseThrow(() ->
                    new ConnectorException("Gmail message " + externalId + " no longer exists"));
            mapped = RecordMapper.message(message);
        } else if (stream.equals(RecordMapper.LABELS)) {
            JsonNode label = null;
            for (JsonNode each : api.labels()) {
                if (externalId.equals(each.path("id").asText())) {
                    label = each;
                }
            }
            if (label == null) {
                throw new ConnectorException("Gmail label " + externalId + " no longer exists");
            }
            mapped = RecordMapper.label(label);
        } else {
            throw new IllegalArgumentException("Gmail has no stream " + stream);
        }
        if (mapped instanceof RecordMapper.Ok ok) {
            return Optional.of(ok.record());
        }
        throw new ConnectorException(((RecordMapper.Bad) mapped).rejected().reason());
    }

    @Override
    public Optional<String> changelog() {
        return Optional.of("inflow/gmail/changelog.xml");
    }

    @Override
    public List<StatQuery> stats() {
        return GmailStats.QUERIES;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
