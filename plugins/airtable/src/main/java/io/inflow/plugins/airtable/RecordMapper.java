package io.inflow.plugins.airtable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.time.Instant;

/**
 * Turns an Airtable record into an Inflow record: the whole record ({@code id}, {@code createdTime},
 * {@code fields}) as the payload, keyed by its id, dated by its last-modified field. A record whose shape is
 * wrong becomes a {@link RejectedRecord} with the reason.
 */
final class RecordMapper {

    private final String table;
    private final String modifiedField;

    RecordMapper(String table, String modifiedField) {
        this.table = table;
        this.modifiedField = modifiedField;
    }

    /** The mapped record, or the reason it cannot be mapped. */
    sealed interface Mapped permits Ok, Bad {
    }

    /**
     * @param modified the record's last-modified field, or its creation time when that field is empty
     * @param sortKey whether {@code modified} is the last-modified field's value, by which a scan orders records
     */
    record Ok(Record record, Instant modified, boolean sortKey) implements Mapped {
    }

    record Bad(RejectedRecord rejected) implements Mapped {
    }

    /** A record fetched alone: its payload is the tree printed. */
    Mapped map(JsonNode record) {
        return map(record, raw(record));
    }

    /** A record of a page, whose payload is its text as the page held it. */
    Mapped map(AirtableApi.RawRecord record) {
        return map(record.tree(), record.text());
    }

    private Mapped map(JsonNode record, String raw) {
        JsonNode idNode = record.path("id");
        String id = idNode.isTextual() && !idNode.asText().isEmpty() ? idNode.asText() : null;
        if (id == null) {
            return bad(null, raw, "the record has no id");
        }
        if (!record.path("fields").isObject()) {
            return bad(id, raw, "its 'fields' is not an object");
        }
        Instant created = instant(record.path("createdTime"));
        if (created == null) {
            return bad(id, raw, "its 'createdTime' is not an ISO-8601 instant: " + record.path("createdTime"));
        }
        JsonNode modifiedNode = record.path("fields").path(modifiedField);
        Instant modified = modifiedNode.isMissingNode() ? created : instant(modifiedNode);
        if (modified == null) {
            return bad(id, raw, "its '" + modifiedField + "' is not an ISO-8601 instant: " + modifiedNode);
        }
        return new Ok(new Record(table, id, raw, modified), modified, !modifiedNode.isMissingNode());
    }

    private Bad bad(String id, String raw, String reason) {
        return new Bad(new RejectedRecord(table, id, raw, "Airtable record of table " + table + ": " + reason));
    }

    private static Instant instant(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        return AirtableInstants.parse(node.asText());
    }

    private static String raw(JsonNode record) {
        try {
            return AirtableApi.json().writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serializes", e);
        }
    }
}
