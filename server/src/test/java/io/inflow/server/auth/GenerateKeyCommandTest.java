package io.inflow.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.server.InflowApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GenerateKeyCommandTest {

    @Test
    void printsAStrongKeyAndTheConfigEntryWithItsHash() throws Exception {
        String first = run("generate-key", "--role", "viewer", "--name", "grafana");
        String second = run("generate-key");

        String key = find(first, "key:  (\\S+)");
        assertThat(key).matches("inflow_[A-Za-z0-9_-]{43}");
        assertThat(find(first, "hash: (\\S+)")).isEqualTo(ApiKeyHash.of(key));
        assertThat(first).contains("    - name: grafana\n      role: viewer\n      hash: " + ApiKeyHash.of(key));
        assertThat(find(second, "key:  (\\S+)")).as("a new key each time").isNotEqualTo(key);
        assertThat(second).contains("role: admin").containsPattern("name: admin-[0-9a-f]{8}");
    }

    private static String run(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            new InflowApplication().run(args);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in %s", regex, text).isTrue();
        return matcher.group(1);
    }
}
