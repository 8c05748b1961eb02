package io.inflow.server.jobs;

import io.inflow.api.Checkpoint;
import io.inflow.api.Connector;
import io.inflow.api.ConnectorContext;
import io.inflow.api.ConnectorException;
import io.inflow.api.ConnectorSpec;
import io.inflow.api.Limits;
import io.inflow.api.ReadContext;
import io.inflow.api.config.ConfigField;
import io.inflow.api.config.ConfigSchema;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import java.util.List;

/**
 * The connector of the run lifecycle tests, packed by {@link PagedPlugin} into a real plugin jar: it reads
 * {@code pages} pages of two records from stream {@code items}, its checkpoint the next page; it fails at page
 * {@code failAtPage} (when set) and waits {@code pauseMillis} before each page. Its configuration is its script:
 * loaded from the plugin jar, it shares no class, and so no state, with the test. Listed in the jar's extension
 * index, as PF4J's annotation processor would write it (no {@code @Extension} here, which would have the processor
 * index it among the test classes too).
 */
public final class PagedConnector implements Connector {

    @Override
    public ConnectorSpec spec() {
        return new ConnectorSpec("Paged", "Pages of two records, as its configuration says.",
                ConfigSchema.of(ConfigField.integer("pages"), ConfigField.integer("failAtPage"),
                        ConfigField.integer("pauseMillis")),
                Limits.perSecond(1_000), List.of("items"));
    }

    @Override
    public void check(ConnectorContext context) {
    }

    @Override
    public void read(String stream, Checkpoint checkpoint, ReadContext context) throws InterruptedException {
        long pages = context.config().integer("pages").orElse(3L);
        long failAt = context.config().integer("failAtPage").orElse(0L);
        long pause = context.config().integer("pauseMillis").orElse(0L);
        for (long page = Long.parseLong(checkpoint.get("page").orElse("1")); page <= pages; page++) {
            if (context.isCancelled()) {
                return;
            }
            Thread.sleep(pause);
            if (page == failAt) {
                throw new ConnectorException("page " + page + " answered 500");
            }
            context.commit(new Batch(List.of(record(stream, page, 1), record(stream, page, 2)),
                    Checkpoint.of("page", Long.toString(page + 1))));
        }
    }

    private static Record record(String stream, long page, int item) {
        return new Record(stream, "p" + page + "-" + item, "{\"page\": " + page + ", \"item\": " + item + "}", null);
    }
}
