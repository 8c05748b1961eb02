package io.inflow.examples.notes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A Notes API to test against: 120 notes, Bearer auth, pages of 50 behind a cursor, a since filter. */
final class FakeNotesApi implements AutoCloseable {

    static final String TOKEN = "notes-token";

    private final HttpServer server;
    private final List<Note> notes = new ArrayList<>();
    private Instant clock = Instant.parse("2025-01-01T00:00:00Z");

    record Note(String id, String text, Instant updatedAt) {
    }

    FakeNotesApi() throws IOException {
        for (int i = 1; i <= 120; i++) {
            notes.add(new Note("note-" + i, "note number " + i, tick()));
        }
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/notes", this::list);
        server.start();
    }

    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    synchronized void touch(int count) {
        for (int i = 0; i < count; i++) {
            Note note = notes.get(i * 7 % notes.size());
            notes.set(notes.indexOf(note), new Note(note.id(), note.text() + " (edited)", tick()));
        }
    }

    private Instant tick() {
        clock = clock.plusSeconds(60);
        return clock;
    }

    private synchronized void list(HttpExchange exchange) throws IOException {
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Instant since = Instant.parse(query.getOrDefault("since", "1970-01-01T00:00:00Z"));
        int from = Integer.parseInt(query.getOrDefault("cursor", "0"));
        List<Note> matching = notes.stream().filter(note -> note.updatedAt().isAfter(since))
                .sorted(Comparator.comparing(Note::updatedAt)).toList();
        List<Note> page = matching.subList(Math.min(from, matching.size()), Math.min(from + 50, matching.size()));
        StringBuilder body = new StringBuilder("{\"notes\":[");
        for (int i = 0; i < page.size(); i++) {
            Note note = page.get(i);
            body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(note.id()).append("\",\"text\":\"")
                    .append(note.text()).append("\",\"updatedAt\":\"").append(note.updatedAt()).append("\"}");
        }
        body.append("]");
        if (from + 50 < matching.size()) {
            body.append(",\"nextCursor\":\"").append(from + 50).append("\"");
        }
        answer(exchange, 200, body.append("}").toString());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                params.put(parts[0], parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
