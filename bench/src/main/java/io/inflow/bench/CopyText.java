package io.inflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads rows back from COPY's text format: tab-separated columns, {@code \N} for null, backslash escapes. */
final class CopyText {

    private CopyText() {}

    static List<Row> readRows(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] c = line.split("\t", -1);
                rows.add(new Row(Long.parseLong(c[0]), value(c[1]), value(c[2]), value(c[3]), value(c[4]),
                        value(c[5]), Long.parseLong(c[6]), Long.parseLong(c[7])));
            }
        }
        return rows;
    }

    static String value(String field) {
        if (field.equals("\\N")) {
            return null;
        }
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\' || i + 1 == field.length()) {
                out.append(c);
                continue;
            }
            char next = field.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000B');
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
