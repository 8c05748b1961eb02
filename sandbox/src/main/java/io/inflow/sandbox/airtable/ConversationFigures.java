package io.inflow.sandbox.airtable;

/**
 * The exact counts the generated Conversations table has. The default 20,077 records hold 3,122
 * bookings, 13,908 leads and 7,910 engaged conversations; other sizes keep the same proportions.
 */
public record ConversationFigures(int records, int booked, int leadsCreated, int engaged) {

    public static final int DEFAULT_RECORDS = 20_077;

    public static ConversationFigures forRecords(int records) {
        return new ConversationFigures(
                records, proportion(records, 3_122), proportion(records, 13_908), proportion(records, 7_910));
    }

    private static int proportion(int records, int countAtDefault) {
        return (int) Math.round((double) records * countAtDefault / DEFAULT_RECORDS);
    }
}
