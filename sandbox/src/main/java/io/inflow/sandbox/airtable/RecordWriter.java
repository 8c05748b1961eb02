package io.inflow.sandbox.airtable;

import com.fasterxml.jackson.core.JsonGenerator;
import io.inflow.sandbox.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Writes records as Airtable does: {@code id}, {@code createdTime}, then non-empty cells under {@code fields}. */
final class RecordWriter {

    /** The text form of the fake's date-time fields, whose format options are ISO date and 24-hour time. */
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    private final AirtableTable table;
    private final List<Column> fields;
    private final CellFormat cellFormat;
    private final boolean byFieldId;
    private final boolean commentCount;
    /** Whether records are printed as a plain listing prints them, which the table keeps (see {@link AirtableTable#printed}). */
    private final boolean plain;

    RecordWriter(AirtableTable table, List<Column> fields, CellFormat cellFormat, boolean byFieldId, boolean commentCount) {
        this.table = table;
        this.plain = fields == null && !cellFormat.asText() && !byFieldId && !commentCount;
        this.fields = fields == null ? table.columns() : table.columns().stream().filter(fields::contains).toList();
        this.cellFormat = cellFormat;
        this.byFieldId = byFieldId;
        this.commentCount = commentCount;
    }

    static RecordWriter forPlan(AirtableTable table, ListRecordsPlan plan) {
        return new RecordWriter(table, plan.fields(), plan.cellFormat(), plan.byFieldId(), plan.commentCount());
    }

    /** What a corrupted record carries instead of its creation time and its cells (a malformedRecord fault). */
    static final String CORRUPTED_TIME = "not-a-time";
    static final String CORRUPTED_FIELDS = "#corrupted#";

    /**
     * {@code {"records":[...], "offset":...}} for {@code records[from..to)}; no offset key when null.
     * {@code corrupts} is asked once per record written, in order. A record deleted since the scan froze its
     * order is left out, so such a page holds fewer. Call under the read lock.
     */
    byte[] page(int[] records, int from, int to, String offset, BooleanSupplier corrupts) {
        return write(generator -> {
            generator.writeStartObject();
            generator.writeArrayFieldStart("records");
            for (int i = from; i < to; i++) {
                if (!table.deleted(records[i])) {
                    writeRecord(generator, records[i], corrupts.getAsBoolean());
                }
            }
            generator.writeEndArray();
            if (offset != null) {
                generator.writeStringField("offset", offset);
            }
            generator.writeEndObject();
        });
    }

    byte[] single(int record, boolean corrupt) {
        return write(generator -> writeRecord(generator, record, corrupt));
    }

    /** A corrupted record keeps its id, so a connector can name the record it could not map. */
    private void writeRecord(JsonGenerator generator, int record, boolean corrupt) throws IOException {
        if (plain && !corrupt) {
            String json = table.printed(record);
            if (json == null) {
                StringWriter text = new StringWriter(512);
                try (JsonGenerator alone = Json.factory().createGenerator(text)) {
                    print(alone, record, false);
                }
                json = text.toString();
                table.keepPrinted(record, json);
            }
            generator.writeRawValue(json);
            return;
        }
        print(generator, record, corrupt);
    }

    private void print(JsonGenerator generator, int record, boolean corrupt) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("id", table.recordId(record));
        if (corrupt) {
            generator.writeStringField("createdTime", CORRUPTED_TIME);
            generator.writeStringField("fields", CORRUPTED_FIELDS);
            generator.writeEndObject();
            return;
        }
        generator.writeStringField("createdTime", Timestamps.format(table.createdTime(record)));
        generator.writeObjectFieldStart("fields");
        for (Column column : fields) {
            Object value = column.value(record);
            if (value != null) {
                generator.writeFieldName(byFieldId ? column.field().id() : column.field().name());
                writeValue(generator, value);
            }
        }
        generator.writeEndObject();
        if (commentCount) {
            generator.writeNumberField("commentCount", 0);
        }
        generator.writeEndObject();
    }

    private void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (cellFormat.asText()) {
            generator.writeString(text(value));
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof Instant instant) {
            generator.writeString(Timestamps.format(instant.toEpochMilli()));
        } else {
            generator.writeString(value.toString());
        }
    }

    private String text(Object value) {
        if (value instanceof Boolean) {
            return "checked";
        }
        if (value instanceof Instant instant) {
            return SHOWN.format(instant.atZone(cellFormat.zone()));
        }
        return value.toString();
    }

    private interface Writing {
        void to(JsonGenerator generator) throws IOException;
    }

    private static byte[] write(Writing writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try (JsonGenerator generator = Json.factory().createGenerator(out)) {
            writing.to(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
