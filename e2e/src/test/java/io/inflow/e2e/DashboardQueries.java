package io.inflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL of a Grafana dashboard (each panel's {@code expr}, each query variable's {@code query}) and the metric
 * names it selects: what is left once strings, label matchers, ranges, grouping clauses, function calls and
 * keywords are taken out.
 */
final class DashboardQueries {

    static final Path FILE = Path.of(System.getProperty("inflow.dashboard.file",
            "../ops/grafana/inflow-dashboard.json"));

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);
    /** {@code label_values(metric, label)}: the label is no metric. */
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,()]+?)\\s*,\\s*\\w+\\s*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])[a-zA-Z_:][\\w:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan");

    private DashboardQueries() {
    }

    /** Every PromQL expression of the dashboard in {@code file}. */
    static List<String> expressions(Path file) {
        try {
            List<String> expressions = new ArrayList<>();
            collect(new ObjectMapper().readTree(file.toFile()), expressions);
            return expressions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The metric names that {@code promql} selects. */
    static Set<String> metricNames(String promql) {
        String rest = LABEL_VALUES.matcher(promql).replaceAll("$1");
        rest = STRINGS.matcher(rest).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGES.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            String name = identifier.group();
            boolean called = rest.substring(identifier.end()).stripLeading().startsWith("(");
            if (!called && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    private static void collect(JsonNode node, List<String> expressions) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("expr") && field.getValue().isTextual()) {
                    expressions.add(field.getValue().asText());
                } else if (field.getKey().equals("query") && node.path("type").asText().equals("query")) {
                    JsonNode query = field.getValue();
                    expressions.add(query.isTextual() ? query.asText() : query.path("query").asText());
                } else {
                    collect(field.getValue(), expressions);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, expressions));
        }
    }
}
