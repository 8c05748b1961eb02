package io.inflow.sandbox;

import io.inflow.sandbox.faults.FaultProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** Reads the sandbox's flags, as {@code --flag value} or {@code --flag=value}. */
final class CommandLine {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar inflow-sandbox.jar [options]",
            "  --port N                     port to listen on (default 9090; 0 picks a free one)",
            "  --seed N                     seed of the generated data (default 42)",
            "  --token T                    bearer token the fakes accept (default sandbox-token)",
            "  --airtable-rps R             Airtable requests per second per base (default 5; 0 or less: no limits)",
            "  --airtable-token-rps R       Airtable requests per second per token (default 50)",
            "  --airtable-lockout-seconds S lock-out after a rate-limit violation (default 30)",
            "  --airtable-iterator-ttl-seconds S  idle lifetime of an Airtable offset (default 300)",
            "  --airtable-records N         records in the Conversations table (default 20077)",
            "  --toast-rps R                Toast ordersBulk requests per second per location (default 5; 0 or less: no limits)",
            "  --toast-token-ttl-seconds S  lifetime of a Toast access token (default 86400)",
            "  --gmail-messages N           Gmail messages outside Spam and Trash (default 4800)",
            "  --gmail-units-per-second U   Gmail per-user quota in units (default 250; 0 or less: no limit)",
            "  --gmail-token-lifetime-seconds S  lifetime of a Gmail access token (default 3600)",
            "  --gmail-history-horizon-hours H   how long Gmail keeps history records (default 168)",
            "  --mindbody-rps R             Mindbody calls per second per API key (default 10; 0 or less: no limit)",
            "  --mindbody-daily-quota N     Mindbody calls per API key per UTC day (default 1000)",
            "  --mindbody-over-quota M      bill (answer and count overage, default) or block (429) beyond the quota",
            "  --mindbody-token-lifetime-seconds S  lifetime of a Mindbody staff user token (default 86400)",
            "  --faults F                   fault profile: a JSON file, or inline JSON such as '{\"http5xx\":0.1}'",
            "  --help                       print this and exit");

    private static final Set<String> FLAGS = Set.of("--port", "--seed", "--token", "--airtable-rps", "--airtable-token-rps",
            "--airtable-lockout-seconds", "--airtable-iterator-ttl-seconds", "--airtable-records", "--faults",
            "--gmail-messages", "--gmail-units-per-second", "--gmail-token-lifetime-seconds", "--gmail-history-horizon-hours",
            "--toast-rps", "--toast-token-ttl-seconds",
            "--mindbody-rps", "--mindbody-daily-quota", "--mindbody-over-quota", "--mindbody-token-lifetime-seconds");

    /** What the command line asks for: help, or a sandbox with these options. */
    record Parsed(boolean help, SandboxOptions options) {}

    private CommandLine() {}

    static Parsed parse(String[] args) throws UsageException {
        SandboxOptions options = SandboxOptions.defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Parsed(true, options);
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument: " + arg);
            }
            int equals = arg.indexOf('=');
            String name = equals >= 0 ? arg.substring(0, equals) : arg;
            if (!FLAGS.contains(name)) {
                throw new UsageException("unknown option: " + name);
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(arg + " needs a value");
            }
            options = apply(options, name, value);
        }
        return new Parsed(false, options);
    }

    private static SandboxOptions apply(SandboxOptions options, String name, String value) throws UsageException {
        try {
            switch (name) {
                case "--port": return options.withPort(integer(name, value, 0, 65_535));
                case "--seed": return options.withSeed(longValue(name, value));
                case "--token": return options.withToken(value);
                case "--airtable-rps": return options.withAirtableRequestsPerSecond(integer(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE));
                case "--airtable-token-rps": return options.withAirtableRequestsPerSecondPerToken(integer(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE));
                case "--airtable-lockout-seconds": return options.withAirtableLockout(Duration.ofSeconds(integer(name, value, 1, Integer.MAX_VALUE)));
                case "--airtable-iterator-ttl-seconds": return options.withAirtableIteratorTtl(Duration.ofSeconds(integer(name, value, 1, Integer.MAX_VALUE)));
                case "--airtable-records": return options.withAirtableRecords(integer(name, value, 1, 50_000_000));
                case "--toast-rps": return options.withToastRequestsPerSecond(integer(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE));
                case "--toast-token-ttl-seconds": return options.withToast(options.toast().withTokenLifetime(Duration.ofSeconds(integer(name, value, 1, Integer.MAX_VALUE))));
                case "--gmail-messages": return options.withGmailMessages(integer(name, value, 0, io.inflow.sandbox.gmail.GmailOptions.MAX_MESSAGES));
                case "--gmail-units-per-second": return options.withGmailUnitsPerSecond(integer(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE));
                case "--gmail-token-lifetime-seconds": return options.withGmailTokenLifetime(Duration.ofSeconds(integer(name, value, 1, Integer.MAX_VALUE)));
                case "--gmail-history-horizon-hours": return options.withGmail(options.gmail().withHistoryHorizon(Duration.ofHours(integer(name, value, 0, Integer.MAX_VALUE))));
                case "--mindbody-rps": return options.withMindbodyRequestsPerSecond(integer(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE));
                case "--mindbody-daily-quota": return options.withMindbody(options.mindbody().withDailyQuota(integer(name, value, 0, Integer.MAX_VALUE)));
                case "--mindbody-over-quota": return options.withMindbody(options.mindbody().withOverQuota(io.inflow.sandbox.mindbody.MindbodyOptions.OverQuota.parse(value)));
                case "--mindbody-token-lifetime-seconds": return options.withMindbody(options.mindbody().withTokenLifetime(Duration.ofSeconds(integer(name, value, 1, Integer.MAX_VALUE))));
                case "--faults": return options.withFaults(FaultProfile.parse(profileText(value)));
                default: throw new UsageException("unknown option: " + name);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
    }

    /** Inline JSON starts with a brace; anything else names a file holding the profile. */
    private static String profileText(String value) throws UsageException {
        if (value.strip().startsWith("{")) {
            return value;
        }
        try {
            return Files.readString(Path.of(value));
        } catch (NoSuchFileException e) {
            throw new UsageException("--faults: no such file " + value + " (inline JSON starts with '{')");
        } catch (IOException | InvalidPathException e) {
            throw new UsageException("--faults: cannot read " + value + ": " + e);
        }
    }

    private static int integer(String name, String value, int min, int max) throws UsageException {
        long parsed = longValue(name, value);
        if (parsed < min || parsed > max) {
            throw new UsageException(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return (int) parsed;
    }

    private static long longValue(String name, String value) throws UsageException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " expects a whole number, got '" + value + "'");
        }
    }
}
