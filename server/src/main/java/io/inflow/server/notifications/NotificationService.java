package io.inflow.server.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.server.errors.InflowException;
import io.inflow.server.secrets.SecretEnvelope;
import io.inflow.server.secrets.SecretUnreadableException;
import io.inflow.server.store.NotificationDao;
import io.inflow.server.store.NotificationRow;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Subscriptions: checked before anything is stored (a bad one is refused whole with what is wrong), a webhook's
 * secret made once, shown once, and kept sealed with the secrets key.
 */
public final class NotificationService {

    private static final TypeReference<List<String>> TEXTS = new TypeReference<>() {
    };
    private static final TypeReference<List<Long>> IDS = new TypeReference<>() {
    };

    private final NotificationDao dao;
    private final SecretEnvelope envelope;
    private final TargetGuard guard;
    private final boolean mailConfigured;
    private final ObjectMapper json;
    private final SecureRandom random;

    public NotificationService(NotificationDao dao, SecretEnvelope envelope, TargetGuard guard,
                               boolean mailConfigured, ObjectMapper json, SecureRandom random) {
        this.dao = dao;
        this.envelope = envelope;
        this.guard = guard;
        this.mailConfigured = mailConfigured;
        this.json = json;
        this.random = random;
    }

    /** A subscription just made, with its webhook's secret: the only time the secret is told. */
    public record Created(Notification notification, Optional<WebhookSecret> secret) {
    }

    /** @throws InflowException INVALID naming what is wrong; nothing is stored then */
    public Created create(NotificationDraft draft) {
        Checked checked = check(draft);
        long id = dao.nextId();
        Optional<WebhookSecret> secret = checked.url() == null ? Optional.empty()
                : Optional.of(WebhookSecret.generate(random));
        dao.insert(id, checked.url(), write(checked.emails()), write(checked.events()), write(checked.connections()),
                secret.map(value -> envelope.sealNotificationSecret(value.text(), id)).orElse(null));
        return new Created(get(id), secret);
    }

    /**
     * Replaces a subscription's target, events and connections; its secret stays. A webhook stays a webhook and
     * e-mail stays e-mail.
     *
     * @throws InflowException NOT_FOUND for an unknown id; INVALID naming what is wrong, nothing changed
     */
    public Notification update(long id, NotificationDraft draft) {
        Notification current = get(id);
        Checked checked = check(draft);
        if ((checked.url() != null) != current.isWebhook()) {
            throw InflowException.invalid("target_kind_immutable", "notification " + id + " is "
                    + (current.isWebhook() ? "a webhook" : "by e-mail") + " and stays so; create another one",
                    Map.of("field", current.isWebhook() ? "url" : "email"));
        }
        if (!dao.update(id, checked.url(), write(checked.emails()), write(checked.events()),
                write(checked.connections()), null)) {
            throw InflowException.notFound("notification", id);
        }
        return get(id);
    }

    public List<Notification> list() {
        return dao.list().stream().map(this::notification).toList();
    }

    /** @throws InflowException NOT_FOUND for an unknown id */
    public Notification get(long id) {
        return dao.find(id).map(this::notification).orElseThrow(() -> InflowException.notFound("notification", id));
    }

    /** @throws InflowException NOT_FOUND for an unknown id */
    public void delete(long id) {
        if (!dao.delete(id)) {
            throw InflowException.notFound("notification", id);
        }
    }

    /**
     * A webhook's secret, opened.
     *
     * @throws SecretUnreadableException when the secrets key that sealed it is not configured
     */
    public WebhookSecret secret(long id) throws SecretUnreadableException {
        NotificationRow row = dao.find(id).orElseThrow(() -> InflowException.notFound("notification", id));
        if (row.secret() == null) {
            throw new IllegalStateException("notification " + id + " is not a webhook");
        }
        return new WebhookSecret(envelope.openNotificationSecret(row.secret(), id));
    }

    private record Checked(String url, List<String> emails, List<String> events, List<Long> connections) {
    }

    private Checked check(NotificationDraft draft) {
        if (draft == null) {
            throw InflowException.invalid("body_required", "this request needs a JSON body", Map.of());
        }
        boolean hasUrl = draft.url() != null;
        boolean hasEmails = draft.emails() != null;
        if (hasUrl == hasEmails) {
            throw InflowException.invalid("invalid_target", hasUrl
                    ? "give either url (a webhook) or email (addresses), not both"
                    : "give url (a webhook) or email (a list of addresses)", Map.of("field", "url"));
        }
        String url = hasUrl ? guard.check(draft.url()).toString() : null;
        List<String> emails = hasEmails ? emails(draft.emails()) : null;
        return new Checked(url, emails, events(draft.events()), connections(draft.connections()));
    }

    private List<String> emails(List<String> emails) {
        if (emails.isEmpty()) {
            throw InflowException.invalid("invalid_email", "email must name at least one address",
                    Map.of("field", "email"));
        }
        List<String> bad = emails.stream().filter(address -> address == null || !MailClient.isAddress(address))
                .map(String::valueOf).toList();
        if (!bad.isEmpty()) {
            throw InflowException.invalid("invalid_email", "not an e-mail address: " + String.join(", ", bad),
                    Map.of("field", "email", "invalid", bad));
        }
        if (!mailConfigured) {
            throw InflowException.invalid("smtp_not_configured", "e-mail cannot be sent: this server has no SMTP "
                    + "server (notifications.smtp.host)", Map.of("field", "email"));
        }
        return List.copyOf(new LinkedHashSet<>(emails.stream().map(String::trim).toList()));
    }

    private static List<String> events(List<String> events) {
        if (events == null) {
            return null;
        }
        if (events.isEmpty()) {
            throw InflowException.invalid("invalid_events", "events must name at least one event; leave it out for "
                    + "every event", Map.of("field", "events"));
        }
        List<String> unknown = events.stream().filter(event -> event == null || !NotificationEvents.ALL.contains(event))
                .map(String::valueOf).toList();
        if (!unknown.isEmpty()) {
            throw InflowException.invalid("unknown_event", "unknown event " + String.join(", ", unknown)
                    + "; events are " + String.join(", ", NotificationEvents.ALL),
                    Map.of("field", "events", "unknown", unknown, "known", NotificationEvents.ALL));
        }
        return List.copyOf(new LinkedHashSet<>(events));
    }

    private List<Long> connections(List<Long> connections) {
        if (connections == null) {
            return null;
        }
        if (connections.isEmpty() || connections.stream().anyMatch(java.util.Objects::isNull)) {
            throw InflowException.invalid("invalid_connections", "connections must list connection ids; leave it "
                    + "out for every connection", Map.of("field", "connections"));
        }
        List<Long> distinct = List.copyOf(new LinkedHashSet<>(connections));
        List<Long> live = dao.liveConnections(write(distinct));
        List<Long> unknown = new ArrayList<>(distinct.stream().filter(id -> !live.contains(id)).toList());
        if (!unknown.isEmpty()) {
            throw InflowException.invalid("unknown_connection", "no connection has id "
                    + String.join(", ", unknown.stream().map(String::valueOf).toList()),
                    Map.of("field", "connections", "unknown", unknown));
        }
        return distinct;
    }

    private Notification notification(NotificationRow row) {
        return new Notification(row.id(), row.url(), read(row.emails(), TEXTS), read(row.events(), TEXTS),
                read(row.connections(), IDS), row.createdAt(), row.updatedAt());
    }

    private <T> T read(String text, TypeReference<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(List<?> values) {
        if (values == null) {
            return null;
        }
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
