package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The curl scripts' shared library ({@code scripts/lib}): its awk JSON reader must give what Jackson reads, for
 * every string a server can send, and its tables must line up; no server needed.
 */
class ShellLibraryTest {

    private static final Scripts SCRIPTS = new Scripts(Map.of());
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final ObjectMapper ASCII_ONLY = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @Test
    void flattensEscapesUnicodeNestingAndNull() {
        String json = "{\"quote\":\"say \\\"hi\\\" \\\\ back\\/slash\", \"raw\":\"café ☕ 😀\","
                + "\"escaped\":\"caf\\u00e9 \\u2615 \\ud83d\\ude00\",\n  \"nested\":[[1,[2,null]],[],{}],"
                + "\"nothing\":null,\"flags\":[true,false],\"numbers\":[0,-1.5e3,12345678901234567890],"
                + "\"lines\":\"a\\nb\\tc\\r\\u0001\",\"a.b\":{\"c d\":\"x\"},\"empty\":\"\",\"last\":{\"x\":[{\"y\":null}]}}";

        Scripts.Result result = SCRIPTS.library("inflow_json", json);

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).isEqualTo("""
                quote\tsay "hi" \\ back/slash
                raw\tcafé ☕ 😀
                escaped\tcafé ☕ 😀
                nested[0][0]\t1
                nested[0][1][0]\t2
                nested[0][1][1]\t
                nested[1]\t[]
                nested[2]\t{}
                nothing\t
                flags[0]\ttrue
                flags[1]\tfalse
                numbers[0]\t0
                numbers[1]\t-1.5e3
                numbers[2]\t12345678901234567890
                lines\ta\\nb\\tc\\r\\u0001
                a.b.c d\tx
                empty\t
                last.x[0].y\t
                """);
    }

    @Test
    void readsWhatJacksonReadsWhetherNonAsciiIsEscapedOrNotAndWhateverTheLayout() throws Exception {
        JsonNode document = randomDocument(new Random(20_077));
        String expected = String.join("", flatten("", document, new ArrayList<>()));

        for (String json : List.of(PLAIN.writeValueAsString(document), ASCII_ONLY.writeValueAsString(document),
                PLAIN.writerWithDefaultPrettyPrinter().writeValueAsString(document))) {
            Scripts.Result result = SCRIPTS.library("inflow_json", json);

            assertThat(result.exitCode()).as(result.all()).isZero();
            assertThat(result.out()).isEqualTo(expected);
        }
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String broken : List.of("{\"a\":", "[1 2]", "{\"a\":tru}", "{\"a\" 1}", "\"open", "{\"a\":1}}",
                "{\"bad\":\"\\x\"}")) {
            Scripts.Result result = SCRIPTS.library("inflow_json", broken);

            assertThat(result.exitCode()).as(broken).isEqualTo(3);
            assertThat(result.err()).as(broken).startsWith("invalid JSON at byte ");
        }
        assertThat(SCRIPTS.library("inflow_json", "  \n").out()).as("nothing to read").isEmpty();
    }

    @Test
    void readsOneValueByItsPath() {
        Scripts.Result result = SCRIPTS.library(
                "flat=$(inflow_json); inflow_get \"$flat\" 'runs[1].counts.inserted';"
                        + " echo \"[$(inflow_get \"$flat\" missing)] [$(inflow_get \"$flat\" next)]\"",
                "{\"runs\":[{\"counts\":{\"inserted\":1}},{\"counts\":{\"inserted\":20077}}],\"next\":null}");

        assertThat(result.out()).isEqualTo("20077\n[] []\n");
    }

    @Test
    void tablesAlignTextLeftAndNumbersRightCountingCharactersNotBytes() {
        Scripts.Result result = SCRIPTS.library("inflow_table",
                "NAME\tCOUNT\tSHARE\tNOTE\ncafé ☕\t20,077\t48.5%\t\nx\t5\t-\tlong note\n");

        assertThat(result.out()).isEqualTo("""
                NAME     COUNT  SHARE  NOTE
                café ☕  20,077  48.5%  -
                x            5      -  long note
                """);
    }

    @Test
    void sendsTheApiKeyAsABearerTokenOnlyWhenItIsSet() throws Exception {
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = exchange.getRequestURI().getPath().endsWith("/teapot")
                    ? "<html>I'm a teapot</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : "{\"ok\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body.length > 12 ? 418 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://localhost:" + server.getAddress().getPort();
            Scripts withKey = new Scripts(Map.of("INFLOW_URL", url, "INFLOW_API_KEY", "k3y"));
            Scripts withoutKey = new Scripts(Map.of("INFLOW_URL", url + "/"));

            assertThat(withKey.library("inflow_call GET /status", "").out()).isEqualTo("{\"ok\":true}\n");
            assertThat(withoutKey.library("inflow_call POST /scheduler/stop", "").exitCode()).isZero();
            Scripts.Result teapot = withKey.library("inflow_call GET /teapot", "");

            assertThat(seen).containsExactly("Bearer k3y", "null", "Bearer k3y");
            assertThat(teapot.exitCode()).isEqualTo(1);
            assertThat(teapot.err()).isEqualTo("error: HTTP 418 from GET /teapot " + url + "\n"
                    + "<html>I'm a teapot</html>\n");
        } finally {
            server.stop(0);
        }
    }

    private static List<String> flatten(String path, JsonNode node, List<String> lines) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                lines.add(path + "\t{}\n");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(path.isEmpty() ? render(field.getKey()) : path + "." + render(field.getKey()), field.getValue(),
                        lines);
            }
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                lines.add(path + "\t[]\n");
            }
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), lines);
            }
        } else if (node.isNull()) {
            lines.add(path + "\t\n");
        } else if (node.isTextual()) {
            lines.add(path + "\t" + render(node.asText()) + "\n");
        } else {
            lines.add(path + "\t" + node + "\n");
        }
        return lines;
    }

    /** A string as the flattener writes it: control characters spelled out so a leaf stays on one line. */
    private static String render(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }

    private static JsonNode randomDocument(Random random) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < 40; i++) {
            root.set(randomText(random) + i, randomValue(random, 0));
        }
        return root;
    }

    private static JsonNode randomValue(Random random, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (random.nextInt(depth > 3 ? 5 : 7)) {
            case 0: return nodes.textNode(randomText(random));
            case 1: return nodes.numberNode(random.nextLong() >> random.nextInt(60));
            case 2: return nodes.numberNode(Math.round(random.nextGaussian() * 1e6) / 1e3);
            case 3: return nodes.nullNode();
            case 4: return nodes.booleanNode(random.nextBoolean());
            case 5: {
                ArrayNode array = nodes.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth + 1));
                }
                return array;
            }
            default: {
                ObjectNode object = nodes.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(randomText(random) + i, randomValue(random, depth + 1));
                }
                return object;
            }
        }
    }

    /** Text mixing ASCII, JSON's special characters, controls, accents, CJK and characters beyond the BMP. */
    private static String randomText(Random random) {
        String[] pieces = {"a", "Z", "7", " ", "\"", "\\", "/", "\n", "\t", "\r", "\u0001", "\u001f", "é", "ß", "☕",
            "中文", "😀", "𝄞", "{", "}", "[", "]", ":", ",", "'"};
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }
}
