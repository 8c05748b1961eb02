package io.inflow.sandbox.gmail;

import io.inflow.sandbox.http.Json;
import java.util.Map;

/**
 * One label of the mailbox. System labels are named by their id; user labels have ids {@code Label_N}, and
 * some a colour. {@code bit} is the label's place in a message's label mask.
 */
record Label(int bit, String id, String name, boolean system, String messageListVisibility,
             String labelListVisibility, String textColor, String backgroundColor) {

    long mask() {
        return 1L << bit;
    }

    /** As {@code labels.list} shows it: no counts. Absent fields are left out, as Google's JSON does. */
    Map<String, Object> json() {
        Map<String, Object> json = Json.fields("id", id, "name", name);
        if (messageListVisibility != null) {
            json.put("messageListVisibility", messageListVisibility);
        }
        if (labelListVisibility != null) {
            json.put("labelListVisibility", labelListVisibility);
        }
        json.put("type", system ? "system" : "user");
        if (textColor != null) {
            json.put("color", Json.fields("textColor", textColor, "backgroundColor", backgroundColor));
        }
        return json;
    }
}
