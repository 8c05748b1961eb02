package io.inflow.server.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A notification as mail: a subject, and the same facts as the webhook's body as short plain text and as HTML.
 */
public record MailContent(String subject, String text, String html) {

    /** @param body a notification's {@code {type, timestamp, data}} */
    public static MailContent of(JsonNode body) {
        String type = body.path("type").asText();
        JsonNode data = body.path("data");
        JsonNode run = data.path("run");
        String connection = data.path("connection").path("name").asText(null);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Event", type);
        facts.put("At", body.path("timestamp").asText());
        if (connection != null) {
            facts.put("Connection", connection + " (id " + data.path("connection").path("id").asText() + ")");
        }
        put(facts, "Plugin", data.path("plugin"));
        if (!run.isMissingNode()) {
            facts.put("Run", run.path("id").asText() + ", " + run.path("trigger").asText() + ", "
                    + run.path("mode").asText());
            facts.put("Status", run.path("status").asText());
            JsonNode counts = run.path("counts");
            facts.put("Records", counts.path("inserted").asText() + " inserted, " + counts.path("updated").asText()
                    + " updated, " + counts.path("unchanged").asText() + " unchanged, "
                    + counts.path("failed").asText() + " failed, " + counts.path("deleted").asText() + " deleted");
            put(facts, "Duration", run.path("durationSeconds"), " s");
            put(facts, "Error", run.path("error"));
            put(facts, "Waiting until", run.path("waitingUntil"));
            put(facts, "Waiting because", run.path("waitingReason"));
        }
        put(facts, "Dead letters added", data.path("deadLetters").path("added"));
        for (JsonNode figure : data.path("expectedFigures")) {
            if (!figure.path("matches").asBoolean()) {
                facts.put("Figure " + figure.path("figure").asText(), "expected " + figure.path("expected").asText()
                        + ", found " + figure.path("actual").asText());
            }
        }
        put(facts, "Fire time", data.path("fireTime"));
        put(facts, "Skipped because", data.path("reason"));
        put(facts, "Node", data.path("node"));
        put(facts, "Failure", data.path("failure"));
        put(facts, "Message", data.path("message"));
        put(facts, "In the API", data.path("links").path("api"));
        put(facts, "In the console", data.path("links").path("console"));
        return new MailContent(subject(type, connection, run), text(facts), html(type, facts));
    }

    private static String subject(String type, String connection, JsonNode run) {
        String what = switch (type) {
            case "run.succeeded" -> "Import succeeded";
            case "run.failed" -> "Import failed";
            case "run.cancelled" -> "Import cancelled";
            case "run.waiting" -> "Import waiting on its upstream";
            case "dead_letters.added" -> "Records kept as dead letters";
            case "quota.exhausted" -> "Daily quota spent";
            case "plugin.failed" -> "Plugin failed";
            case "schedule.skipped" -> "Scheduled import skipped";
            case "expected_figures.mismatch" -> "Figures no longer as expected";
            default -> "Test notification";
        };
        StringBuilder subject = new StringBuilder("[Inflow] ").append(what);
        if (connection != null) {
            subject.append(": ").append(connection);
        }
        if (!run.isMissingNode()) {
            subject.append(" (run ").append(run.path("id").asText()).append(')');
        }
        return subject.toString();
    }

    private static void put(Map<String, String> facts, String name, JsonNode value) {
        put(facts, name, value, "");
    }

    private static void put(Map<String, String> facts, String name, JsonNode value, String unit) {
        if (!value.isMissingNode() && !value.isNull() && !value.isContainerNode()) {
            facts.put(name, value.asText() + unit);
        }
    }

    private static String text(Map<String, String> facts) {
        List<String> lines = new ArrayList<>();
        facts.forEach((name, value) -> lines.add(name + ": " + value));
        return String.join("\n", lines) + "\n";
    }

    private static String html(String type, Map<String, String> facts) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body><h2>")
                .append(escape(type)).append("</h2><table>");
        facts.forEach((name, value) -> {
            html.append("<tr><th align=\"left\">").append(escape(name)).append("</th><td>");
            if (value.startsWith("http://") || value.startsWith("https://")) {
                html.append("<a href=\"").append(escape(value)).append("\">").append(escape(value)).append("</a>");
            } else {
                html.append(escape(value));
            }
            html.append("</td></tr>");
        });
        return html.append("</table></body></html>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
