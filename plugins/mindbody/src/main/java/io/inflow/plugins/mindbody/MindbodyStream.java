package io.inflow.plugins.mindbody;

import io.inflow.api.ConnectorException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streams a Mindbody connection offers, in import order, and the list endpoint each reads.
 *
 * <ul>
 *   <li>{@code clients}: {@code GET /client/clients} with {@code includeInactive=true} (else only active clients
 *       come), incremental on {@code lastModifiedDate};</li>
 *   <li>{@code classes}: the class descriptions of {@code GET /class/classdescriptions}, the studio's catalogue;</li>
 *   <li>{@code class_schedules}: the scheduled class occurrences of {@code GET /class/classes} in the date
 *       window, without their {@code Visits};</li>
 *   <li>{@code visits}: the {@code Visits} of those same classes (Mindbody has no site-wide visit list, and
 *       reading them per client or per class would cost a call each);</li>
 *   <li>{@code sales}: {@code GET /sale/sales} in the date window.</li>
 * </ul>
 */
enum MindbodyStream {

    CLIENTS("clients", "/public/v6/client/clients", "Clients", Paging.MODIFIED),
    CLASSES("classes", "/public/v6/class/classdescriptions", "ClassDescriptions", Paging.ALL),
    CLASS_SCHEDULES("class_schedules", "/public/v6/class/classes", "Classes", Paging.WINDOW),
    VISITS("visits", "/public/v6/class/classes", "Classes", Paging.WINDOW),
    SALES("sales", "/public/v6/sale/sales", "Sales", Paging.WINDOW);

    /** How a stream's incremental read narrows its scan. */
    enum Paging {
        /** By {@code request.lastModifiedDate}, modified on or after a watermark. */
        MODIFIED,
        /** By a date window that re-reads a trailing number of days, as nothing tells what changed. */
        WINDOW,
        /** Not at all: the whole (small) list each time. */
        ALL
    }

    private final String streamName;
    private final String path;
    private final String collection;
    private final Paging paging;

    MindbodyStream(String streamName, String path, String collection, Paging paging) {
        this.streamName = streamName;
        this.path = path;
        this.collection = collection;
        this.paging = paging;
    }

    static final List<String> NAMES = Arrays.stream(values()).map(MindbodyStream::streamName).toList();

    static MindbodyStream of(String name) {
        return Arrays.stream(values()).filter(stream -> stream.streamName.equals(name)).findFirst()
                .orElseThrow(() -> new ConnectorException("Mindbody has no stream '" + name + "'; its streams are "
                        + NAMES));
    }

    String streamName() {
        return streamName;
    }

    String path() {
        return path;
    }

    /** The key of the answer's array. */
    String collection() {
        return collection;
    }

    Paging paging() {
        return paging;
    }

    /**
     * The query parameters that stay the same for every page of a scan from {@code position}: the filter, never
     * {@code limit} or {@code offset}.
     */
    Map<String, String> filter(ScanPosition position) {
        Map<String, String> params = new LinkedHashMap<>();
        switch (this) {
            case CLIENTS -> {
                params.put("request.includeInactive", "true");
                if (position.since() != null) {
                    params.put("request.lastModifiedDate", position.since().toString());
                }
            }
            case CLASS_SCHEDULES, VISITS -> {
                params.put("request.startDateTime", position.from() + "T00:00:00");
                params.put("request.endDateTime", position.to() + "T23:59:59");
            }
            case SALES -> {
                params.put("request.startSaleDateTime", position.from() + "T00:00:00");
                params.put("request.endSaleDateTime", position.to() + "T23:59:59");
            }
            case CLASSES -> { }
        }
        return params;
    }
}
