package io.inflow.server.connections;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an update does to the streams a connection imports: keeps them, imports every stream, or names them.
 *
 * @param everyStream whether every stream its plugin offers is imported from now on
 * @param choices the streams named, or null (to keep them, or for every stream)
 */
public record StreamsChange(boolean everyStream, List<StreamChoice> choices) {

    private static final StreamsChange KEEP = new StreamsChange(false, null);
    private static final StreamsChange ALL = new StreamsChange(true, null);

    public StreamsChange {
        choices = choices == null ? null : Collections.unmodifiableList(new ArrayList<>(choices));
    }

    public static StreamsChange keep() {
        return KEEP;
    }

    public static StreamsChange toEveryStream() {
        return ALL;
    }

    public static StreamsChange to(List<StreamChoice> choices) {
        return new StreamsChange(false, choices);
    }

    boolean keeps() {
        return !everyStream && choices == null;
    }
}
