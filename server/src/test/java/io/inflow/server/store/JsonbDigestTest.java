package io.inflow.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Java hash must be PostgreSQL's {@code md5(payload::text)::uuid} for every payload, or upgrades see changes. */
class JsonbDigestTest {

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    private final JsonbDigest digest = new JsonbDigest(new JsonFactory());

    @Test
    void equalsPostgresHashOfItsJsonbTextForTheCornersOfJson() throws Exception {
        List<String> payloads = List.of(
                "{}",
                "{\"a\":1}",
                "{\"b\":\"x\",\"a\":1,\"aa\":[],\"\":{}}",
                "{ \"b\" : \"x\" , \"a\" : 1 }",
                "{\"k\":1,\"k\":2,\"j\":{\"z\":true,\"z\":false}}",
                "{\"é\":1,\"e\":2,\"ee\":3,\"zz\":4,\"日本\":5,\"😀\":6}",
                "{\"s\":\"quote \\\" backslash \\\\ slash \\/ nl \\n tab \\t cr \\r bs \\b ff \\f\"}",
                "{\"s\":\"\\u0001\\u001f\\u007f\\u00e9\\u20ac\\ud83d\\ude00 raw é € 😀\"}",
                "{\"n\":[0,-0,1,-1,1.50,-0.0,1e2,1E+2,1.0e2,1.5e-3,0.00001e3,123456789012345678901234567890,"
                        + "1.7976931348623157e308,4.9e-324,0.1,100e-2,12.3400]}",
                "{\"t\":true,\"f\":false,\"z\":null,\"nested\":[[],[{}],[[1,[2,{\"x\":[3]}]]]]}",
                "{\"fields\":{\"Name\":\"Ann\",\"Tags\":[\"a\",\"b\"],\"When\":\"2025-11-14T09:00:00.000Z\"},"
                        + "\"id\":\"rec001\",\"createdTime\":\"2025-01-01T00:00:00.000Z\"}");
        for (String payload : payloads) {
            assertThat(digest.digest(payload)).as(payload).isEqualTo(postgresHash(payload));
        }
    }

    @Test
    void equalsPostgresHashForTwoThousandRandomDocuments() throws Exception {
        Random random = new Random(18);
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            payloads.add(object(random, 0));
        }
        List<UUID> expected = database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT md5(p::jsonb::text)::uuid FROM unnest(:payloads::text[]) WITH ORDINALITY AS t(p, o) ORDER BY o")
                .bind("payloads", payloads.toArray(String[]::new)).mapTo(UUID.class).list());
        for (int i = 0; i < payloads.size(); i++) {
            assertThat(digest.digest(payloads.get(i))).as(payloads.get(i)).isEqualTo(expected.get(i));
        }
    }

    @Test
    void refusesWhatJsonbCannotStoreWithTheReason() {
        assertThatThrownBy(() -> digest.digest("[1]")).hasMessage("the payload is not a JSON object");
        assertThatThrownBy(() -> digest.digest("{} {}")).hasMessage("the payload has content after its JSON object");
        assertThatThrownBy(() -> digest.digest("{\"a\":")).hasMessageStartingWith("the payload is not valid JSON: ");
        assertThatThrownBy(() -> digest.digest("{\"a\":\"\\u0000\"}"))
                .hasMessage("the payload contains a NUL character, which PostgreSQL's jsonb cannot store");
        assertThatThrownBy(() -> digest.digest("{\"a\":\"\\ud800x\"}"))
                .hasMessage("the payload contains an unpaired Unicode surrogate, which PostgreSQL's jsonb cannot store");
        // and PostgreSQL indeed refuses that one, which would have failed a whole batch
        assertThatThrownBy(() -> postgresHash("{\"a\":\"\\ud800x\"}")).hasMessageContaining("surrogate");
    }

    private UUID postgresHash(String payload) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT md5(CAST(:p AS jsonb)::text)::uuid")
                .bind("p", payload).mapTo(UUID.class).one());
    }

    private static final String[] WORDS = {"a", "b", "id", "é", "Name", "zz", "日本", "😀", "x y", "tab\\t", "q\\\"",
            "ctl\\u0002", "long key with spaces"};

    private static String object(Random random, int depth) {
        StringBuilder json = new StringBuilder("{");
        int members = random.nextInt(depth == 0 ? 8 : 4);
        for (int i = 0; i < members; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(WORDS[random.nextInt(WORDS.length)]).append("\":")
                    .append(value(random, depth + 1));
        }
        return json.append('}').toString();
    }

    private static String value(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        return switch (kind) {
            case 0 -> '"' + WORDS[random.nextInt(WORDS.length)] + WORDS[random.nextInt(WORDS.length)] + '"';
            case 1 -> Long.toString(random.nextLong() >> random.nextInt(64));
            case 2 -> (random.nextBoolean() ? "-" : "") + random.nextInt(1000) + "." + random.nextInt(1000)
                    + (random.nextBoolean() ? "e" + (random.nextInt(20) - 10) : "");
            case 3 -> random.nextBoolean() ? "true" : "false";
            case 4 -> "null";
            case 5 -> object(random, depth);
            default -> {
                StringBuilder array = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    array.append(i == 0 ? "" : ",").append(value(random, depth + 1));
                }
                yield array.append(']').toString();
            }
        };
    }
}
