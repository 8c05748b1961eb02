package io.inflow.server.jobs;

import io.dropwizard.lifecycle.Managed;
import io.inflow.server.store.ImportRunDao;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queued imports on a fixed pool of worker threads of this node. When the node stops, running imports
 * are interrupted and recorded as {@code interrupted}, their checkpoints kept.
 */
public final class RunExecutor implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);

    private final ImportRunner runner;
    private final ImportRunDao runs;
    private final String node;
    private final ExecutorService pool;
    private final Map<Long, AtomicBoolean> cancellations = new ConcurrentHashMap<>();

    RunExecutor(ImportRunner runner, ImportRunDao runs, String node, int threads) {
        this.runner = runner;
        this.runs = runs;
        this.node = node;
        this.pool = Executors.newFixedThreadPool(threads, namedThreads("inflow-import-"));
    }

    void submit(long runId) {
        AtomicBoolean cancelled = new AtomicBoolean();
        cancellations.put(runId, cancelled);
        pool.execute(() -> {
            try {
                runner.run(runId, cancelled::get);
            } finally {
                cancellations.remove(runId);
            }
        });
    }

    @Override
    public void start() {
        int interrupted = runs.interruptRunsOf(node);
        if (interrupted > 0) {
            LOG.warn("Marked {} run(s) left active by an earlier life of node {} as interrupted", interrupted, node);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        pool.shutdownNow();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("Import threads did not stop within 30 seconds");
        }
        runs.interruptRunsOf(node);
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
