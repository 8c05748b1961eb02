package io.inflow.sandbox;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar inflow-sandbox.jar [--port N] [--seed N] [--token T] [--airtable-rps R] ...} */
public final class SandboxMain {

    private final PrintStream out;
    private final PrintStream err;

    SandboxMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) throws InterruptedException {
        SandboxMain main = new SandboxMain(System.out, System.err);
        CommandLine.Parsed parsed = main.parse(args);
        if (parsed == null) {
            System.exit(2);
        }
        if (parsed.help()) {
            return;
        }
        Sandbox sandbox;
        try {
            sandbox = main.start(parsed.options());
        } catch (UncheckedIOException e) {
            System.err.println("error: " + e.getMessage() + ": " + e.getCause().getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        stopped.await();
    }

    /** The parsed command line, with usage printed for {@code --help}; null (usage on stderr) when it is wrong. */
    CommandLine.Parsed parse(String[] args) {
        try {
            CommandLine.Parsed parsed = CommandLine.parse(args);
            if (parsed.help()) {
                out.println(CommandLine.USAGE);
            }
            return parsed;
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return null;
        }
    }

    Sandbox start(SandboxOptions options) {
        Sandbox sandbox = Sandbox.start(options);
        out.println("Inflow sandbox listening on " + sandbox.baseUrl());
        out.flush();
        return sandbox;
    }
}
