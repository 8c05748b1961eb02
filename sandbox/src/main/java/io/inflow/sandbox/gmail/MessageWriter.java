package io.inflow.sandbox.gmail;

import io.inflow.sandbox.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A message as {@code users.messages.get} answers it in each format. Fields come in the order Gmail sends them;
 * an empty {@code labelIds} is left out, as Google's JSON leaves out empty lists.
 */
final class MessageWriter {

    enum Format { MINIMAL, METADATA, FULL, RAW }

    private MessageWriter() {}

    /** {@code metadataHeaders}: which headers {@code metadata} keeps (case-insensitive), or all when empty. */
    static Map<String, Object> message(Mailbox mailbox, int message, Format format, List<String> metadataHeaders) {
        Map<String, Object> json = Json.fields("id", mailbox.id(message), "threadId", mailbox.threadId(message));
        List<String> labelIds = Labels.ids(mailbox.labels(message));
        if (!labelIds.isEmpty()) {
            json.put("labelIds", labelIds);
        }
        json.put("snippet", mailbox.snippet(message));
        switch (format) {
            case METADATA -> json.put("payload", Json.fields("partId", "", "mimeType", "text/plain", "filename", "",
                    "headers", headers(mailbox, message, metadataHeaders)));
            case FULL -> {
                byte[] body = body(mailbox, message).getBytes(StandardCharsets.UTF_8);
                json.put("payload", Json.fields("partId", "", "mimeType", "text/plain", "filename", "",
                        "headers", headers(mailbox, message, List.of()),
                        "body", Json.fields("size", body.length, "data", base64Url(body))));
            }
            default -> { }
        }
        json.put("sizeEstimate", mailbox.sizeEstimate(message));
        if (format == Format.RAW) {
            json.put("raw", base64Url(rfc822(mailbox, message).getBytes(StandardCharsets.UTF_8)));
        }
        json.put("historyId", Long.toString(mailbox.historyId(message)));
        json.put("internalDate", Long.toString(mailbox.internalDate(message)));
        return json;
    }

    /** What a message looks like when the malformedRecord fault hits it: its id kept, the rest broken. */
    static Map<String, Object> corrupted(Mailbox mailbox, int message) {
        return Json.fields("id", mailbox.id(message), "threadId", mailbox.threadId(message),
                "internalDate", "not-a-date", "payload", "#corrupted#");
    }

    /** {@code {id, threadId}}, as listings and history records name a message. */
    static Map<String, Object> reference(Mailbox mailbox, int message) {
        return Json.fields("id", mailbox.id(message), "threadId", mailbox.threadId(message));
    }

    private static List<Map<String, Object>> headers(Mailbox mailbox, int message, List<String> wanted) {
        Set<String> names = wanted.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<Map<String, Object>> headers = new ArrayList<>();
        for (String[] header : allHeaders(mailbox, message)) {
            if (names.isEmpty() || names.contains(header[0].toLowerCase(Locale.ROOT))) {
                headers.add(Json.fields("name", header[0], "value", header[1]));
            }
        }
        return headers;
    }

    private static List<String[]> allHeaders(Mailbox mailbox, int message) {
        return List.of(
                new String[] {"MIME-Version", "1.0"},
                new String[] {"Date", mailbox.dateHeader(message)},
                new String[] {"Message-ID", mailbox.messageIdHeader(message)},
                new String[] {"Subject", mailbox.subject(message)},
                new String[] {"From", mailbox.from(message)},
                new String[] {"To", mailbox.to(message)},
                new String[] {"Content-Type", "text/plain; charset=\"UTF-8\""});
    }

    private static String body(Mailbox mailbox, int message) {
        String text = mailbox.snippet(message).replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
        String signature = mailbox.sent(message) ? Correspondents.OWNER_NAME : mailbox.correspondent(message).name();
        return text + "\r\n\r\n-- \r\n" + signature + "\r\n";
    }

    private static String rfc822(Mailbox mailbox, int message) {
        StringBuilder raw = new StringBuilder();
        for (String[] header : allHeaders(mailbox, message)) {
            raw.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        return raw.append("\r\n").append(body(mailbox, message)).toString();
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().encodeToString(bytes);
    }
}
