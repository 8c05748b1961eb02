package io.inflow.sandbox.airtable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.http.QueryParams;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads list-records parameters the way Airtable's parser does: array and object parameters in
 * bracket notation ({@code fields[]}, {@code sort[0][field]}); anything unknown, repeated or of the
 * wrong type is refused with 422 INVALID_REQUEST_UNKNOWN.
 */
final class ListRecordsParamsReader {

    private static final Set<String> SCALARS = Set.of(
            "pageSize", "maxRecords", "offset", "filterByFormula", "view", "cellFormat", "timeZone", "userLocale",
            "returnFieldsByFieldId");
    private static final Pattern FIELDS = Pattern.compile("fields\\[(\\d*)]");
    private static final Pattern RECORD_METADATA = Pattern.compile("recordMetadata\\[(\\d*)]");
    private static final Pattern SORT = Pattern.compile("sort\\[(\\d+)]\\[(field|direction)]");
    private static final Set<String> BODY_KEYS = Set.of(
            "pageSize", "maxRecords", "offset", "fields", "filterByFormula", "sort", "view", "cellFormat", "timeZone",
            "userLocale", "returnFieldsByFieldId", "recordMetadata");

    private ListRecordsParamsReader() {}

    static ListRecordsParams fromQuery(QueryParams query) {
        Map<String, String> scalars = new TreeMap<>();
        IndexedList fields = new IndexedList();
        IndexedList metadata = new IndexedList();
        Map<Integer, String[]> sort = new TreeMap<>();
        for (QueryParams.Param param : query.params()) {
            String name = param.name();
            Matcher fieldsMatch = FIELDS.matcher(name);
            Matcher metadataMatch = RECORD_METADATA.matcher(name);
            Matcher sortMatch = SORT.matcher(name);
            if (SCALARS.contains(name)) {
                if (scalars.put(name, param.value()) != null) {
                    throw AirtableError.invalidRequest();
                }
            } else if (fieldsMatch.matches()) {
                fields.add(fieldsMatch.group(1), param.value());
            } else if (metadataMatch.matches()) {
                metadata.add(metadataMatch.group(1), param.value());
            } else if (sortMatch.matches()) {
                String[] entry = sort.computeIfAbsent(index(sortMatch.group(1)), i -> new String[2]);
                int slot = sortMatch.group(2).equals("field") ? 0 : 1;
                if (entry[slot] != null) {
                    throw AirtableError.invalidRequest();
                }
                entry[slot] = param.value();
            } else {
                throw AirtableError.invalidRequest();
            }
        }
        List<SortParam> sorts = new ArrayList<>();
        for (String[] entry : sort.values()) {
            if (entry[0] == null) {
                throw AirtableError.invalidRequest();
            }
            sorts.add(new SortParam(entry[0], entry[1]));
        }
        return new ListRecordsParams(
                integer(scalars.get("pageSize")),
                integer(scalars.get("maxRecords")),
                scalars.get("offset"),
                fields.isEmpty() ? null : fields.values(),
                scalars.get("filterByFormula"),
                sorts,
                scalars.get("view"),
                scalars.get("cellFormat"),
                scalars.get("timeZone"),
                scalars.get("userLocale"),
                bool(scalars.get("returnFieldsByFieldId")),
                metadata.values());
    }

    static ListRecordsParams fromBody(byte[] body) {
        JsonNode root;
        try {
            root = body.length == 0 ? Json.object() : Json.read(body);
        } catch (JsonProcessingException e) {
            throw AirtableError.invalidJsonBody();
        }
        if (root == null || !root.isObject()) {
            throw AirtableError.invalidRequest();
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            if (!BODY_KEYS.contains(names.next())) {
                throw AirtableError.invalidRequest();
            }
        }
        return new ListRecordsParams(
                integer(root, "pageSize"),
                integer(root, "maxRecords"),
                text(root, "offset"),
                root.has("fields") ? texts(root.get("fields")) : null,
                text(root, "filterByFormula"),
                sorts(root.get("sort")),
                text(root, "view"),
                text(root, "cellFormat"),
                text(root, "timeZone"),
                text(root, "userLocale"),
                bool(root, "returnFieldsByFieldId"),
                root.has("recordMetadata") ? texts(root.get("recordMetadata")) : List.of());
    }

    private static List<SortParam> sorts(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw AirtableError.invalidRequest();
        }
        List<SortParam> sorts = new ArrayList<>();
        for (JsonNode entry : node) {
            if (!entry.isObject() || !entry.has("field")) {
                throw AirtableError.invalidRequest();
            }
            for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("field") && !name.equals("direction")) {
                    throw AirtableError.invalidRequest();
                }
            }
            sorts.add(new SortParam(text(entry, "field"), text(entry, "direction")));
        }
        return sorts;
    }

    private static Integer integer(String text) {
        if (text == null) {
            return null;
        }
        if (!text.matches("\\d{1,9}")) {
            throw AirtableError.invalidRequest();
        }
        return Integer.parseInt(text);
    }

    private static boolean bool(String text) {
        if (text == null || text.equals("false") || text.equals("0")) {
            return false;
        }
        if (text.equals("true") || text.equals("1")) {
            return true;
        }
        throw AirtableError.invalidRequest();
    }

    /** A present key must hold the right type: null is refused like any other wrong type. */
    private static Integer integer(JsonNode root, String name) {
        if (!root.has(name)) {
            return null;
        }
        JsonNode node = root.get(name);
        if (!node.isInt()) {
            throw AirtableError.invalidRequest();
        }
        return node.intValue();
    }

    private static String text(JsonNode root, String name) {
        if (!root.has(name)) {
            return null;
        }
        JsonNode node = root.get(name);
        if (!node.isTextual()) {
            throw AirtableError.invalidRequest();
        }
        return node.textValue();
    }

    private static boolean bool(JsonNode root, String name) {
        if (!root.has(name)) {
            return false;
        }
        JsonNode node = root.get(name);
        if (!node.isBoolean()) {
            throw AirtableError.invalidRequest();
        }
        return node.booleanValue();
    }

    private static List<String> texts(JsonNode node) {
        if (!node.isArray()) {
            throw AirtableError.invalidRequest();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw AirtableError.invalidRequest();
            }
            values.add(element.textValue());
        }
        return values;
    }

    private static int index(String digits) {
        if (digits.length() > 4) {
            throw AirtableError.invalidRequest();
        }
        return Integer.parseInt(digits);
    }

    /** Values of {@code name[]} in arrival order, or of {@code name[i]} in index order; an index may not repeat. */
    private static final class IndexedList {
        private final List<String> appended = new ArrayList<>();
        private final Map<Integer, String> indexed = new TreeMap<>();

        void add(String index, String value) {
            if (index.isEmpty()) {
                appended.add(value);
            } else if (indexed.put(index(index), value) != null) {
                throw AirtableError.invalidRequest();
            }
        }

        boolean isEmpty() {
            return appended.isEmpty() && indexed.isEmpty();
        }

        List<String> values() {
            List<String> values = new ArrayList<>(indexed.values());
            values.addAll(appended);
            return values;
        }
    }
}
