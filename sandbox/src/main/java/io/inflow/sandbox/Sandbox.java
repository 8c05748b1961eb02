package io.inflow.sandbox;

import com.sun.net.httpserver.HttpServer;
import io.inflow.sandbox.airtable.AirtableApi;
import io.inflow.sandbox.faults.FaultInjector;
import io.inflow.sandbox.gmail.GmailApi;
import io.inflow.sandbox.gmail.GmailSettings;
import io.inflow.sandbox.faults.FaultProfile;
import io.inflow.sandbox.http.ExchangeAdapter;
import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.http.Reply;
import io.inflow.sandbox.http.Request;
import io.inflow.sandbox.http.Response;
import io.inflow.sandbox.mindbody.MindbodyApi;
import io.inflow.sandbox.toast.ToastApi;
import io.inflow.sandbox.toast.ToastSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sandbox: every fake API on one HTTP port, each under its own prefix, plus the admin
 * surface under {@code /_sandbox/}. Start one per test class with port 0 and close it after.
 * Requests to the fakes, never admin calls, get the faults of the profile in force.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService delays;
    private final AirtableApi airtable;
    private final GmailApi gmail;
    private final ToastApi toast;
    private final MindbodyApi mindbody;
    private final List<FakeApi> apis;
    private final FaultInjector faults;
    private final AdminHandler admin;

    private Sandbox(SandboxOptions options) throws IOException {
        this.airtable = new AirtableApi(options.airtable());
        this.toast = new ToastApi(new ToastSettings(options.seed(), options.token(), options.toast(), options.clock()));
        this.gmail = new GmailApi(GmailSettings.of(options));
        this.mindbody = new MindbodyApi(options.seed(), options.token(), options.clock(), options.mindbody());
        this.apis = List.of(airtable, toast, gmail, mindbody);
        this.faults = new FaultInjector(options.seed(), options.faults());
        this.admin = new AdminHandler(apis, faults, this::baseUrl);
        this.executor = Executors.newFixedThreadPool(options.threads(), daemonThreads("sandbox-http-"));
        this.delays = Executors.newScheduledThreadPool(2, daemonThreads("sandbox-slow-"));
        disableNagle();
        this.server = HttpServer.create(new InetSocketAddress(options.port()), 128);
        server.createContext("/", new ExchangeAdapter(this::route, delays));
        server.setExecutor(executor);
    }

    /** Generates the data, binds the port and starts serving; throws {@link UncheckedIOException} if the port is taken. */
    public static Sandbox start(SandboxOptions options) {
        Sandbox sandbox;
        try {
            sandbox = new Sandbox(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + options.port(), e);
        }
        sandbox.server.start();
        LOG.info("sandbox serving {} at {}", sandbox.apis.stream().map(FakeApi::name).toList(), sandbox.baseUrl());
        if (!options.faults().equals(FaultProfile.NONE)) {
            LOG.info("sandbox injecting faults {}", options.faults().asJson());
        }
        return sandbox;
    }

    private Reply route(Request request) {
        String path = request.rawPath();
        if (path.startsWith("/_sandbox/")) {
            return Reply.now(admin.handle(request));
        }
        for (FakeApi api : apis) {
            String prefix = api.pathPrefix();
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return api.handle(request.withFaults(faults.roll()));
            }
        }
        return Reply.now(Response.json(404, Json.fields("error", "NOT_FOUND")));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public AirtableApi airtable() {
        return airtable;
    }

    public ToastApi toast() {
        return toast;
    }

    public GmailApi gmail() {
        return gmail;
    }

    public MindbodyApi mindbody() {
        return mindbody;
    }

    public List<FakeApi> apis() {
        return apis;
    }

    /** Same as {@code POST /_sandbox/faults}: replaces the fault profile; {@link FaultProfile#NONE} heals. */
    public void faults(FaultProfile profile) {
        faults.use(profile);
    }

    /** The fault profile in force, as {@code GET /_sandbox/faults} shows it. */
    public FaultProfile faults() {
        return faults.profile();
    }

    /**
     * Same as {@code POST /_sandbox/reset}: counters (fault counters included), request logs and
     * rate-limit state, and every deleted record comes back; not the rest of the data (modifications
     * stay), nor the fault profile.
     */
    public void reset() {
        apis.forEach(FakeApi::reset);
    }

    @Override
    public void close() {
        server.stop(0);
        delays.shutdownNow();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The JDK server writes headers and body in separate segments; with Nagle's algorithm and the
     * client's delayed ACK every answer on a kept-alive connection then waits about 40 ms. The
     * property is read once, when the JDK's server classes load, so it must be set before the first
     * HttpServer of the JVM is created.
     */
    private static void disableNagle() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static ThreadFactory daemonThreads(String namePrefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, namePrefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
