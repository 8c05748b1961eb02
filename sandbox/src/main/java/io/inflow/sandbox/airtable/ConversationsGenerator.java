package io.inflow.sandbox.airtable;

import io.inflow.sandbox.http.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Generates the chatbot conversations of a chain of clinics: the same seed and size always give the
 * same records. Which records are booked, led to a lead or engaged is drawn by seeded shuffles, so
 * the counts are exactly those of {@link ConversationFigures}; bookings are always engaged leads.
 */
public final class ConversationsGenerator {

    public static final String BASE_ID = "appClinicConversations";
    public static final String BASE_NAME = "Clinic Conversations";
    public static final String TABLE_ID = "tblConversations0";
    public static final String ARCHIVE_BASE_ID = "appClinicArchive";
    public static final String ARCHIVE_BASE_NAME = "Clinic Archive";
    /** Upstream, table ids are unique across bases, so the archive's table has its own. */
    public static final String ARCHIVE_TABLE_ID = "tblArchiveConvos0";
    public static final int ARCHIVE_RECORDS = 2_000;
    public static final String TABLE_NAME = "Conversations";
    public static final String VIEW_NAME = "Grid view";

    static final List<String> CLINICS = List.of(
            "Northside Family Clinic", "Harbor View Dental", "Maple Grove Pediatrics", "Riverside Physio",
            "Downtown Dermatology", "Lakeside Eye Care", "Westend Women's Health", "Summit Orthopedics",
            "Greenfield Medical Centre", "Old Town Chiropractic", "Bayside Sports Medicine", "Hilltop Wellness");
    static final List<String> AUTOMATIONS = List.of(
            "New patient intake", "Appointment reminder", "Appointment booking", "Follow-up survey",
            "Reactivation campaign", "FAQ assistant");
    static final List<String> YES_NO = List.of("Yes", "No");

    /** Conversations are created over these two years, well before any test's "now". */
    static final long FIRST_CREATED = Instant.parse("2023-01-01T00:00:00Z").toEpochMilli();
    static final long LAST_CREATED = Instant.parse("2024-12-31T23:59:59.999Z").toEpochMilli();
    private static final long MAX_EDIT_DELAY = Duration.ofDays(45).toMillis();

    private final long seed;
    private final int records;
    private final String tableId;

    public ConversationsGenerator(long seed, int records) {
        this(seed, records, TABLE_ID);
    }

    public ConversationsGenerator(long seed, int records, String tableId) {
        if (records < 1) {
            throw new IllegalArgumentException("records must be positive");
        }
        this.seed = seed;
        this.records = records;
        this.tableId = tableId;
    }

    /** The table and what an admin "modify" does to one record: one more message. */
    public record Generated(AirtableTable table, IntConsumer edit) {}

    public Generated generate() {
        int n = records;
        SplittableRandom random = new SplittableRandom(seed);
        ConversationFigures figures = ConversationFigures.forRecords(n);

        int[] order = shuffled(identity(n), 0, random);
        boolean[] booked = new boolean[n];
        boolean[] engaged = new boolean[n];
        boolean[] lead = new boolean[n];
        for (int i = 0; i < figures.booked(); i++) {
            booked[order[i]] = true;
            lead[order[i]] = true;
        }
        for (int i = 0; i < figures.engaged(); i++) {
            engaged[order[i]] = true;
        }
        shuffled(order, figures.booked(), random);
        for (int i = figures.booked(); i < figures.leadsCreated(); i++) {
            lead[order[i]] = true;
        }

        String[] ids = new String[n];
        long[] created = new long[n];
        long[] lastModified = new long[n];
        byte[] clinic = new byte[n];
        byte[] automation = new byte[n];
        byte[] leadChoice = new byte[n];
        int[] user = new int[n];
        int[] booking = new int[n];
        int[] messages = new int[n];

        long span = LAST_CREATED - FIRST_CREATED;
        long slot = Math.max(1, span / n);
        int userPool = Math.max(1, n * 4 / 5);
        int bookingNumber = 100_000 + random.nextInt(5_000);
        int bookingStep = Math.max(1, (999_999 - 105_000) / Math.max(1, figures.booked()));
        for (int i = 0; i < n; i++) {
            ids[i] = Ids.record(seed, i);
            created[i] = FIRST_CREATED + (long) ((double) i * span / n) + random.nextLong(slot);
            lastModified[i] = lastModified(i, created, lastModified, random);
            clinic[i] = (byte) random.nextInt(CLINICS.size());
            automation[i] = (byte) random.nextInt(AUTOMATIONS.size());
            leadChoice[i] = (byte) (lead[i] ? 0 : 1);
            user[i] = 10_000_000 + (int) Long.remainderUnsigned(Ids.mix(seed + random.nextInt(userPool)), 90_000_000);
            if (booked[i]) {
                bookingNumber += 1 + random.nextInt(bookingStep);
                booking[i] = bookingNumber;
            }
            messages[i] = engaged[i] ? 3 + random.nextInt(28) : 1 + random.nextInt(2);
        }

        Map<String, FieldSchema> fields = fields();
        NumberColumn messageColumn = new NumberColumn(fields.get("Messages"), messages);
        List<Column> columns = new ArrayList<>(List.of(
                new RecordNumberColumn(fields.get("Conversation")),
                new ChoiceColumn(fields.get("Clinic"), CLINICS, clinic),
                new CodeColumn(fields.get("User ID"), "usr_", 8, user),
                new ChoiceColumn(fields.get("Automation"), AUTOMATIONS, automation),
                new CodeColumn(fields.get("Booking"), "BK-", 6, booking),
                new ChoiceColumn(fields.get("Lead Created"), YES_NO, leadChoice),
                new CheckboxColumn(fields.get("Engaged"), engaged),
                messageColumn,
                new TimeColumn(fields.get("Created"), created),
                new TimeColumn(fields.get("Last Modified"), lastModified)));
        TableSchema schema = new TableSchema(
                tableId, TABLE_NAME, "Chatbot conversations of the clinics' patients",
                fields.get("Conversation").id(), List.copyOf(fields.values()),
                List.of(new ViewSchema(Ids.named("viw", VIEW_NAME), VIEW_NAME, "grid")));
        return new Generated(new AirtableTable(schema, ids, created, lastModified, columns), messageColumn::increment);
    }

    /**
     * A third of the conversations were never edited; the others were edited within 45 days, never
     * past the data set's end. One in fifty shares the previous record's time, as a bulk edit would:
     * a connector must not lose records that tie on its watermark.
     */
    private static long lastModified(int i, long[] created, long[] lastModified, SplittableRandom random) {
        double draw = random.nextDouble();
        if (i > 0 && draw < 0.02 && lastModified[i - 1] >= created[i]) {
            return lastModified[i - 1];
        }
        if (draw < 0.35) {
            return created[i];
        }
        long room = Math.min(MAX_EDIT_DELAY, LAST_CREATED - created[i]);
        return room <= 0 ? created[i] : created[i] + 1 + random.nextLong(room);
    }

    private static Map<String, FieldSchema> fields() {
        Map<String, Object> dateTime = Json.fields(
                "type", "dateTime",
                "options", Json.fields(
                        "dateFormat", Json.fields("name", "iso", "format", "YYYY-MM-DD"),
                        "timeFormat", Json.fields("name", "24hour", "format", "HH:mm"),
                        "timeZone", "utc"));
        Map<String, FieldSchema> fields = new LinkedHashMap<>();
        add(fields, "Conversation", "autoNumber", null);
        add(fields, "Clinic", "singleSelect", choices(CLINICS));
        add(fields, "User ID", "singleLineText", null);
        add(fields, "Automation", "singleSelect", choices(AUTOMATIONS));
        add(fields, "Booking", "singleLineText", null);
        add(fields, "Lead Created", "singleSelect", choices(YES_NO));
        add(fields, "Engaged", "checkbox", Json.fields("icon", "check", "color", "greenBright"));
        add(fields, "Messages", "number", Json.fields("precision", 0));
        add(fields, "Created", "createdTime", Json.fields("result", dateTime));
        add(fields, "Last Modified", "lastModifiedTime",
                Json.fields("isValid", true, "referencedFieldIds", List.of(), "result", dateTime));
        return fields;
    }

    private static void add(Map<String, FieldSchema> fields, String name, String type, Map<String, Object> options) {
        fields.put(name, new FieldSchema(Ids.named("fld", name), name, type, null, options));
    }

    private static Map<String, Object> choices(List<String> names) {
        List<String> colors = List.of("blueLight2", "cyanLight2", "tealLight2", "greenLight2", "yellowLight2", "orangeLight2",
                "redLight2", "pinkLight2", "purpleLight2", "grayLight2");
        List<Object> choices = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            choices.add(Json.fields("id", Ids.named("sel", names.get(i)), "name", names.get(i), "color", colors.get(i % colors.size())));
        }
        return Json.fields("choices", choices);
    }

    private static int[] identity(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return values;
    }

    /** Fisher-Yates over {@code values[from..]}, in place. */
    private static int[] shuffled(int[] values, int from, SplittableRandom random) {
        for (int i = values.length - 1; i > from; i--) {
            int j = from + random.nextInt(i - from + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }
}
