package io.inflow.plugins.mindbody;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns Mindbody's objects into Inflow records: the object as Mindbody sent it (a class without its
 * {@code Visits}, which are records of their own), keyed by its id ({@code UniqueId} for clients, as their
 * {@code Id} can be changed by the business), dated by its last modification. An object whose id or dates are
 * broken becomes a {@link RejectedRecord} with the reason.
 */
final class RecordMapper {

    private final MindbodyStream stream;

    RecordMapper(MindbodyStream stream) {
        this.stream = stream;
    }

    /** The mapped record, or the reason it cannot be mapped. */
    sealed interface Mapped permits Ok, Bad {
    }

    record Ok(Record record, Instant modified) implements Mapped {
    }

    record Bad(RejectedRecord rejected) implements Mapped {
    }

    /** Maps one item of a list page; for visits, an item is a class and gives one record per visit. */
    List<Mapped> map(JsonNode item) {
        return switch (stream) {
            case CLIENTS -> List.of(client(item));
            case CLASSES -> List.of(description(item));
            case CLASS_SCHEDULES -> List.of(scheduledClass(item));
            case VISITS -> visits(item);
            case SALES -> List.of(sale(item));
        };
    }

    /** Whether a class's visits can be read from it, or it must be asked for on its own. */
    static boolean hasVisits(JsonNode scheduledClass) {
        return scheduledClass.path("Visits").isArray();
    }

    private Mapped client(JsonNode client) {
        String id = id(client.path("UniqueId"));
        if (id == null) {
            return bad(null, client, "it has no numeric UniqueId");
        }
        JsonNode active = client.path("Active");
        if (!active.isMissingNode() && !active.isNull() && !active.isBoolean()) {
            return bad(id, client, "its Active is not true or false: " + active);
        }
        return dated(id, client, client, "LastModifiedDateTime");
    }

    private Mapped description(JsonNode description) {
        String id = id(description.path("Id"));
        if (id == null) {
            return bad(null, description, "it has no numeric Id");
        }
        return dated(id, description, description, "LastUpdated");
    }

    private Mapped scheduledClass(JsonNode scheduledClass) {
        String id = id(scheduledClass.path("Id"));
        if (id == null) {
            return bad(null, scheduledClass, "it has no numeric Id");
        }
        if (instant(scheduledClass.path("StartDateTime")) == null) {
            return bad(id, scheduledClass, "its StartDateTime is not a date-time: " + scheduledClass.path("StartDateTime"));
        }
        // the page's own tree, read for this stream only: no need to copy it
        ((ObjectNode) scheduledClass).remove("Visits");
        return dated(id, scheduledClass, scheduledClass, "LastModifiedDateTime");
    }

    private List<Mapped> visits(JsonNode scheduledClass) {
        String classId = id(scheduledClass.path("Id"));
        if (!hasVisits(scheduledClass)) {
            return List.of(bad(null, scheduledClass, "the visits of class " + classId + " are not an array: "
                    + abbreviate(scheduledClass.path("Visits").toString())));
        }
        List<Mapped> visits = new ArrayList<>(scheduledClass.get("Visits").size());
        for (JsonNode visit : scheduledClass.get("Visits")) {
            String id = id(visit.path("Id"));
            visits.add(id == null ? bad(null, visit, "it has no numeric Id (class " + classId + ")")
                    : dated(id, visit, visit, "LastModifiedDateTime"));
        }
        return visits;
    }

    private Mapped sale(JsonNode sale) {
        String id = id(sale.path("Id"));
        if (id == null) {
            return bad(null, sale, "it has no numeric Id");
        }
        if (!sale.path("PurchasedItems").isArray()) {
            return bad(id, sale, "its PurchasedItems is not an array");
        }
        if (instant(sale.path("SaleDateTime")) == null) {
            return bad(id, sale, "its SaleDateTime is not a date-time: " + sale.path("SaleDateTime"));
        }
        return new Ok(new Record(stream.streamName(), id, raw(sale), null), null);
    }

    /**
     * A record dated by {@code field}, which may be absent or null (the record is then undated) but not broken.
     */
    private Mapped dated(String id, JsonNode original, JsonNode payload, String field) {
        JsonNode value = original.path(field);
        Instant modified = instant(value);
        if (modified == null && !(value.isMissingNode() || value.isNull())) {
            return bad(id, original, "its " + field + " is not a date-time: " + value);
        }
        return new Ok(new Record(stream.streamName(), id, raw(payload), modified), modified);
    }

    private Bad bad(String id, JsonNode original, String reason) {
        return new Bad(new RejectedRecord(stream.streamName(), id, raw(original),
                "Mindbody " + stream.streamName() + " record" + (id == null ? "" : " " + id) + ": " + reason));
    }

    /** A numeric id as text, or null. */
    private static String id(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asText();
        }
        if (node.isTextual() && node.asText().matches("-?\\d{1,19}")) {
            return node.asText();
        }
        return null;
    }

    /**
     * Mindbody's date-times: with an offset ({@code 2025-06-28T16:15:30.93Z}), or without one, which is read as
     * UTC (system stamps are UTC; business times such as class starts are the site's wall clock).
     */
    static Instant instant(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        String text = node.asText().trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                return null;
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    static String raw(JsonNode node) {
        try {
            return MindbodyApi.json().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serializes", e);
        }
    }
}
