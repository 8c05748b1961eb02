package io.inflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void noFlagsGiveTheDefaults() throws Exception {
        SandboxOptions options = CommandLine.parse(new String[0]).options();

        assertThat(options.port()).isEqualTo(9090);
        assertThat(options.seed()).isEqualTo(42);
        assertThat(options.token()).isEqualTo("sandbox-token");
        assertThat(options.airtableRequestsPerSecond()).isEqualTo(5);
        assertThat(options.airtableRequestsPerSecondPerToken()).isEqualTo(50);
        assertThat(options.airtableLockout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.airtableIteratorTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.airtableRecords()).isEqualTo(20_077);
    }

    @Test
    void everyFlagIsReadInBothSpellings() throws Exception {
        SandboxOptions options = CommandLine.parse(new String[] {
            "--port", "0", "--seed=7", "--token", "T", "--airtable-rps", "-1", "--airtable-token-rps=9",
            "--airtable-lockout-seconds", "2", "--airtable-iterator-ttl-seconds=3", "--airtable-records", "1000000"}).options();

        assertThat(options.port()).isZero();
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.token()).isEqualTo("T");
        assertThat(options.airtableRequestsPerSecond()).isEqualTo(-1);
        assertThat(options.airtableRequestsPerSecondPerToken()).isEqualTo(9);
        assertThat(options.airtableLockout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.airtableIteratorTtl()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.airtableRecords()).isEqualTo(1_000_000);
    }

    @Test
    void badFlagsAreRefused() {
        String[][] bad = {{"--bogus", "1"}, {"--port"}, {"--port", "x"}, {"--port", "70000"}, {"--airtable-records", "0"},
            {"--token", " "}, {"positional"}};
        for (String[] args : bad) {
            assertThatThrownBy(() -> CommandLine.parse(args)).as(String.join(" ", args)).isInstanceOf(UsageException.class);
        }
    }

    @Test
    void aBadFlagPrintsUsageToStandardError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SandboxMain main = new SandboxMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(main.parse(new String[] {"--bogus"})).isNull();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option: --bogus").contains("Usage:");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void helpPrintsUsageToStandardOutput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SandboxMain main = new SandboxMain(new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(main.parse(new String[] {"--help"}).help()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage:").contains("--airtable-rps");
    }

    @Test
    void startingPrintsTheListeningLineWithThePortChosen() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SandboxMain main = new SandboxMain(new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        try (Sandbox sandbox = main.start(SandboxOptions.defaults().withPort(0))) {
            assertThat(out.toString(StandardCharsets.UTF_8).trim())
                    .isEqualTo("Inflow sandbox listening on http://localhost:" + sandbox.port());
            assertThat(sandbox.port()).isPositive();
        }
    }
}
