package io.inflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.sandbox.faults.Fault;
import io.inflow.sandbox.faults.FaultProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(options.faults()).isEqualTo(FaultProfile.NONE);
    }

    @Test
    void theFaultProfileIsReadFromAFile(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("faults.json"), "{\"http5xx\": 0.1,\n \"slowMs\": 500}\n");

        SandboxOptions options = CommandLine.parse(new String[] {"--faults", file.toString()}).options();

        assertThat(options.faults()).isEqualTo(FaultProfile.NONE.with(Fault.HTTP_5XX, 0.1).withSlowMs(500));
    }

    @Test
    void theFaultProfileCanBeGivenInline() throws Exception {
        SandboxOptions options = CommandLine.parse(new String[] {"--faults={\"drop\":0.02,\"malformedRecord\":0.5}"}).options();

        assertThat(options.faults()).isEqualTo(FaultProfile.NONE.with(Fault.DROP, 0.02).with(Fault.MALFORMED_RECORD, 0.5));
    }

    @Test
    void aBadFaultProfileIsAUsageError(@TempDir Path folder) throws Exception {
        Path badFile = Files.writeString(folder.resolve("bad.json"), "{\"drop\": 2}");
        String[][] bad = {{"--faults", "{\"bogus\":0.1}"}, {"--faults", "{\"drop\":1.5}"}, {"--faults", "{\"drop\":\"x\"}"},
            {"--faults", "{nope"}, {"--faults", folder.resolve("missing.json").toString()}, {"--faults", badFile.toString()}};
        for (String[] args : bad) {
            assertThatThrownBy(() -> CommandLine.parse(args)).as(String.join(" ", args)).isInstanceOf(UsageException.class);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SandboxMain main = new SandboxMain(System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(main.parse(new String[] {"--faults", "{\"bogus\":0.1}"})).isNull();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown fault bogus").contains("Usage:");
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
