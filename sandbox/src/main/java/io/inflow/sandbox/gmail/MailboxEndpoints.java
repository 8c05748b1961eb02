package io.inflow.sandbox.gmail;

import io.inflow.sandbox.faults.RequestFaults;
import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.http.Request;
import io.inflow.sandbox.http.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * The read-only calls of the Gmail API v1 on the one mailbox: profile, labels, messages (list and get) and
 * history. Each first passes the {@link GmailGate} with its cost in quota units.
 */
final class MailboxEndpoints {

    static final int LIST_UNITS = 5;
    static final int GET_UNITS = 5;
    static final int HISTORY_UNITS = 2;
    static final int LABELS_UNITS = 1;
    static final int PROFILE_UNITS = 1;
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 500;

    private final Mailbox mailbox;
    private final GmailGate gate;
    private final Clock clock;
    private final Map<Long, long[]> counts = new ConcurrentHashMap<>();
    private volatile long historyHorizonMillis;
    private final boolean emptyLastPage;

    MailboxEndpoints(Mailbox mailbox, GmailGate gate, Clock clock, long historyHorizonMillis, boolean emptyLastPage) {
        this.mailbox = mailbox;
        this.gate = gate;
        this.clock = clock;
        this.historyHorizonMillis = historyHorizonMillis;
        this.emptyLastPage = emptyLastPage;
    }

    long historyHorizonMillis() {
        return historyHorizonMillis;
    }

    void historyHorizonMillis(long millis) {
        this.historyHorizonMillis = millis;
    }

    Response profile(Request request) {
        gate.enter(request, PROFILE_UNITS);
        Params.check(request.query(), Set.of(), Set.of());
        return Response.json(200, mailbox.read(() -> {
            BitSet threads = new BitSet();
            for (int i = 0; i < mailbox.size(); i++) {
                if (!mailbox.deleted(i)) {
                    threads.set(mailbox.thread(i));
                }
            }
            return Json.fields("emailAddress", Correspondents.OWNER_ADDRESS, "messagesTotal", mailbox.messagesTotal(),
                    "threadsTotal", threads.cardinality(), "historyId", Long.toString(mailbox.currentHistoryId()));
        }));
    }

    Response listLabels(Request request) {
        gate.enter(request, LABELS_UNITS);
        Params.check(request.query(), Set.of(), Set.of());
        RequestFaults faults = request.faults();
        boolean truncate = faults.truncatesPage();
        List<Object> labels = new ArrayList<>();
        for (Label label : Labels.ALL) {
            labels.add(!truncate && faults.corruptsRecord() ? Json.fields("id", label.id(), "type", "#corrupted#") : label.json());
        }
        return maybeTruncated(faults, truncate, Json.bytes(Json.fields("labels", labels)));
    }

    Response getLabel(Request request) {
        gate.enter(request, LABELS_UNITS);
        Params.check(request.query(), Set.of(), Set.of());
        Label label = Labels.byId(request.pathParam("id")).orElseThrow(GmailError::notFound);
        Map<String, Object> json = label.json();
        mailbox.read(() -> {
            long mask = label.mask();
            long unreadMask = Labels.UNREAD.mask();
            int total = 0;
            int unread = 0;
            BitSet threads = new BitSet();
            BitSet unreadThreads = new BitSet();
            for (int i = 0; i < mailbox.size(); i++) {
                long labels = mailbox.labels(i);
                if ((labels & mask) != 0 && !mailbox.deleted(i)) {
                    total++;
                    threads.set(mailbox.thread(i));
                    if ((labels & unreadMask) != 0) {
                        unread++;
                        unreadThreads.set(mailbox.thread(i));
                    }
                }
            }
            json.put("messagesTotal", total);
            json.put("messagesUnread", unread);
            json.put("threadsTotal", threads.cardinality());
            json.put("threadsUnread", unreadThreads.cardinality());
            return null;
        });
        return Response.json(200, json);
    }

    Response listMessages(Request request) {
        gate.enter(request, LIST_UNITS);
        Params params = Params.check(request.query(), Set.of("maxResults", "pageToken", "q", "includeSpamTrash"),
                Set.of("labelIds"));
        int max = params.pageSize("maxResults", "max_results", DEFAULT_PAGE, MAX_PAGE);
        boolean includeSpamTrash = params.bool("includeSpamTrash", "include_spam_trash", false);
        long required = 0;
        for (String labelId : params.all("labelIds")) {
            required |= Labels.byId(labelId).orElseThrow(() -> GmailError.invalidArgument("Invalid label: " + labelId)).mask();
        }
        String q = params.string("q").orElse("");
        GmailQuery query = GmailQuery.parse(q);
        boolean spamAndTrash = includeSpamTrash || query.includesSpamAndTrash() || (required & Mailbox.SPAM_OR_TRASH) != 0;
        long fingerprint = PageTokens.fingerprint(q, String.join(",", new TreeSet<>(params.all("labelIds"))),
                Boolean.toString(includeSpamTrash));
        long labelsRequired = required;
        long now = clock.millis();
        RequestFaults faults = request.faults();
        byte[] body = mailbox.read(() -> {
            IntPredicate matches = i -> !mailbox.deleted(i) && (spamAndTrash || mailbox.visible(i))
                    && (mailbox.labels(i) & labelsRequired) == labelsRequired && query.matches(mailbox, i, now);
            int from = mailbox.size();
            String token = params.string("pageToken").orElse(null);
            if (token != null && !token.isEmpty()) {
                long position = PageTokens.decode(token, fingerprint);
                if (position < 0 || position > mailbox.size()) {
                    throw GmailError.invalidArgument("Invalid pageToken");
                }
                from = (int) position;
            }
            List<Object> messages = new ArrayList<>();
            int i = from - 1;
            for (; i >= 0 && messages.size() < max; i--) {
                if (matches.test(i)) {
                    messages.add(MessageWriter.reference(mailbox, i));
                }
            }
            boolean more = messages.size() == max && (emptyLastPage || anyBelow(i + 1, matches));
            Map<String, Object> json = Json.fields();
            if (!messages.isEmpty()) {
                json.put("messages", messages);
            }
            if (more) {
                json.put("nextPageToken", PageTokens.encode(i + 1, fingerprint));
            }
            json.put("resultSizeEstimate", count(fingerprint ^ now / 86_400_000L, matches));
            return Json.bytes(json);
        });
        boolean truncate = faults.truncatesPage();
        return maybeTruncated(faults, truncate, body);
    }

    Response getMessage(Request request) {
        gate.enter(request, GET_UNITS);
        Params params = Params.check(request.query(), Set.of("format"), Set.of("metadataHeaders"));
        MessageWriter.Format format = params.string("format").map(MailboxEndpoints::format).orElse(MessageWriter.Format.FULL);
        String id = request.pathParam("id");
        RequestFaults faults = request.faults();
        boolean[] truncate = new boolean[1];
        byte[] body = mailbox.read(() -> {
            int message = mailbox.indexOf(id);
            if (message == -2) {
                throw GmailError.invalidArgument("Invalid id value");
            }
            if (message < 0 || mailbox.deleted(message)) {
                throw GmailError.notFound();
            }
            truncate[0] = faults.truncatesPage();
            boolean corrupt = !truncate[0] && faults.corruptsRecord();
            return Json.bytes(corrupt ? MessageWriter.corrupted(mailbox, message)
                    : MessageWriter.message(mailbox, message, format, params.all("metadataHeaders")));
        });
        return maybeTruncated(faults, truncate[0], body);
    }

    Response listHistory(Request request) {
        gate.enter(request, HISTORY_UNITS);
        Params params = Params.check(request.query(), Set.of("startHistoryId", "maxResults", "pageToken", "labelId"),
                Set.of("historyTypes"));
        long start = params.unsignedLong("startHistoryId", "start_history_id")
                .orElseThrow(() -> GmailError.invalidArgument("Missing/invalid parameter: startHistoryId"));
        int max = params.pageSize("maxResults", "max_results", DEFAULT_PAGE, MAX_PAGE);
        Set<HistoryLog.Type> types = new TreeSet<>();
        for (String value : params.all("historyTypes")) {
            HistoryLog.Type type = HistoryLog.Type.byParam(value);
            if (type == null) {
                throw GmailError.invalidValue("history_types",
                        "type.googleapis.com/google.apps.gmail.v1.ListHistoryRequest.HistoryTypes", value);
            }
            types.add(type);
        }
        String labelId = params.string("labelId").orElse(null);
        long labelMask = labelId == null ? 0
                : Labels.byId(labelId).orElseThrow(() -> GmailError.invalidArgument("Invalid label: " + labelId)).mask();
        long fingerprint = PageTokens.fingerprint(Long.toUnsignedString(start), types.toString(), labelId);
        long now = clock.millis();
        RequestFaults faults = request.faults();
        byte[] body = mailbox.read(() -> {
            HistoryLog history = mailbox.history();
            long current = mailbox.currentHistoryId();
            if (Long.compareUnsigned(start, history.oldestValidStart(now, historyHorizonMillis)) < 0
                    || Long.compareUnsigned(start, current) > 0) {
                throw GmailError.notFound();
            }
            int from = history.firstAfter(start);
            String token = params.string("pageToken").orElse(null);
            if (token != null && !token.isEmpty()) {
                long position = PageTokens.decode(token, fingerprint);
                if (position < from || position > history.size()) {
                    throw GmailError.invalidArgument("Invalid pageToken");
                }
                from = (int) position;
            }
            IntPredicate matches = r -> (types.isEmpty() || types.contains(history.type(r)))
                    && (labelMask == 0 || ((history.after(r) | history.changed(r)) & labelMask) != 0);
            List<Object> records = new ArrayList<>();
            int r = from;
            for (; r < history.size() && records.size() < max; r++) {
                if (matches.test(r)) {
                    records.add(record(history, r));
                }
            }
            boolean more = records.size() == max && (emptyLastPage || anyFrom(history, r, matches));
            Map<String, Object> json = Json.fields();
            if (!records.isEmpty()) {
                json.put("history", records);
            }
            if (more) {
                json.put("nextPageToken", PageTokens.encode(r, fingerprint));
            }
            json.put("historyId", Long.toString(current));
            return Json.bytes(json);
        });
        return maybeTruncated(faults, faults.truncatesPage(), body);
    }

    private Map<String, Object> record(HistoryLog history, int r) {
        int message = history.message(r);
        Map<String, Object> change = Json.fields("message", Json.fields("id", mailbox.id(message),
                "threadId", mailbox.threadId(message), "labelIds", Labels.ids(history.after(r))));
        String key = switch (history.type(r)) {
            case MESSAGE_ADDED -> "messagesAdded";
            case MESSAGE_DELETED -> "messagesDeleted";
            case LABEL_ADDED -> "labelsAdded";
            case LABEL_REMOVED -> "labelsRemoved";
        };
        if (history.type(r) == HistoryLog.Type.LABEL_ADDED || history.type(r) == HistoryLog.Type.LABEL_REMOVED) {
            change.put("labelIds", Labels.ids(history.changed(r)));
        }
        return Json.fields("id", Long.toString(history.id(r)), "messages", List.of(MessageWriter.reference(mailbox, message)),
                key, List.of(change));
    }

    private static boolean anyBelow(int exclusive, IntPredicate matches) {
        for (int i = exclusive - 1; i >= 0; i--) {
            if (matches.test(i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyFrom(HistoryLog history, int from, IntPredicate matches) {
        for (int r = from; r < history.size(); r++) {
            if (matches.test(r)) {
                return true;
            }
        }
        return false;
    }

    /** {@code resultSizeEstimate}: exact here, counted once per query and mailbox version. */
    private long count(long key, IntPredicate matches) {
        long version = mailbox.version();
        long[] cached = counts.get(key);
        if (cached != null && cached[0] == version) {
            return cached[1];
        }
        long total = 0;
        for (int i = 0; i < mailbox.size(); i++) {
            if (matches.test(i)) {
                total++;
            }
        }
        if (counts.size() > 1_000) {
            counts.clear();
        }
        counts.put(key, new long[] {version, total});
        return total;
    }

    private static MessageWriter.Format format(String value) {
        try {
            return MessageWriter.Format.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw GmailError.invalidValue("format", "type.googleapis.com/google.apps.gmail.v1.GetMessageRequest.Format", value);
        }
    }

    private static Response maybeTruncated(RequestFaults faults, boolean truncate, byte[] body) {
        return Response.json(200, truncate ? faults.truncate(body) : body);
    }
}
