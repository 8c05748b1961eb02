package io.inflow.plugins.gmail;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;

/**
 * Turns Gmail's answers into Inflow records: a message in the metadata format as it came (id, threadId,
 * labelIds, snippet, historyId, internalDate, sizeEstimate and the payload with its From, To, Subject and Date
 * headers), keyed by its id; a label as {@code labels.list} shows it, keyed by its id. Neither says when it was
 * last changed, so records carry no source-updated time. A record whose shape is wrong becomes a
 * {@link RejectedRecord} with the reason.
 */
final class RecordMapper {

    static final String MESSAGES = "messages";
    static final String LABELS = "labels";

    private RecordMapper() {}

    /** The mapped record, or the reason it cannot be mapped. */
    sealed interface Mapped permits Ok, Bad {
    }

    record Ok(Record record) implements Mapped {
    }

    record Bad(RejectedRecord rejected) implements Mapped {
    }

    static Mapped message(JsonNode message) {
        String raw = Json.write(message);
        String id = id(message);
        if (id == null) {
            return bad(MESSAGES, null, raw, "the message has no id");
        }
        if (!message.path("threadId").isTextual()) {
            return bad(MESSAGES, id, raw, "its 'threadId' is not a string");
        }
        JsonNode labelIds = message.path("labelIds");
        if (!labelIds.isMissingNode() && !isArrayOfStrings(labelIds)) {
            return bad(MESSAGES, id, raw, "its 'labelIds' is not a list of strings: " + labelIds);
        }
        if (!isDigits(message.path("internalDate"))) {
            return bad(MESSAGES, id, raw, "its 'internalDate' is not epoch milliseconds: " + message.path("internalDate"));
        }
        if (!isDigits(message.path("historyId"))) {
            return bad(MESSAGES, id, raw, "its 'historyId' is not a number: " + message.path("historyId"));
        }
        JsonNode payload = message.path("payload");
        if (!payload.isMissingNode() && (!payload.isObject() || !payload.path("headers").isArray() && !payload.path("headers").isMissingNode())) {
            return bad(MESSAGES, id, raw, "its 'payload' is not an object with a list of headers");
        }
        return new Ok(new Record(MESSAGES, id, raw, null));
    }

    static Mapped label(JsonNode label) {
        String raw = Json.write(label);
        String id = id(label);
        if (id == null) {
            return bad(LABELS, null, raw, "the label has no id");
        }
        if (!label.path("name").isTextual()) {
            return bad(LABELS, id, raw, "its 'name' is not a string");
        }
        String type = label.path("type").asText("");
        if (!type.equals("system") && !type.equals("user")) {
            return bad(LABELS, id, raw, "its 'type' is neither 'system' nor 'user': " + label.path("type"));
        }
        return new Ok(new Record(LABELS, id, raw, null));
    }

    /** The labels of a message, for the scope check: an empty list when Gmail left them out. */
    static JsonNode labelIds(JsonNode message) {
        return message.path("labelIds");
    }

    private static Bad bad(String stream, String id, String raw, String reason) {
        String what = stream.equals(MESSAGES) ? "Gmail message" : "Gmail label";
        return new Bad(new RejectedRecord(stream, id, raw, what + (id == null ? "" : " " + id) + ": " + reason));
    }

    private static String id(JsonNode node) {
        JsonNode id = node.path("id");
        return id.isTextual() && !id.asText().isEmpty() ? id.asText() : null;
    }

    private static boolean isDigits(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() && node.asText().chars().allMatch(Character::isDigit);
    }

    private static boolean isArrayOfStrings(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
