package io.inflow.plugins.gmail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which messages a connection imports: those {@code users.messages.list} returns for its query, label ids and
 * spam-and-trash choice. Gmail applies the query; the labels and the spam-and-trash rule can also be checked
 * on a message at hand, which is how an incremental read keeps to the scope when no query is set.
 *
 * @param labelIds label ids a message must all carry
 * @param includeSpamTrash whether messages in Spam and Trash count (Gmail leaves them out by default)
 */
record Scope(Optional<String> query, List<String> labelIds, boolean includeSpamTrash) {

    static final String SPAM = "SPAM";
    static final String TRASH = "TRASH";

    Scope {
        labelIds = List.copyOf(labelIds);
    }

    boolean hasQuery() {
        return query.isPresent();
    }

    /** Whether a full scan lists every message of the mailbox in scope with no filter: no query, no label ids. */
    boolean isUnfiltered() {
        return query.isEmpty() && labelIds.isEmpty();
    }

    /**
     * Whether a message with these labels is in scope, as far as labels tell: all the configured labels, and not
     * in Spam or Trash unless those are included (or asked for by label).
     */
    boolean admitsLabels(JsonNode labelIdsOfMessage) {
        Set<String> labels = labels(labelIdsOfMessage);
        return labels.containsAll(labelIds) && !discarded(labels);
    }

    /**
     * Whether a message with these labels lies in Spam or Trash while the connection leaves those out: such a
     * message counts as deleted (see the README's Gmail section).
     */
    boolean discards(JsonNode labelIdsOfMessage) {
        return discarded(labels(labelIdsOfMessage));
    }

    /** Whether Spam and Trash are left out: neither included nor asked for by label. */
    boolean leavesOutSpamTrash() {
        return !includeSpamTrash && !labelIds.contains(SPAM) && !labelIds.contains(TRASH);
    }

    private boolean discarded(Set<String> labels) {
        return leavesOutSpamTrash() && (labels.contains(SPAM) || labels.contains(TRASH));
    }

    private static Set<String> labels(JsonNode labelIdsOfMessage) {
        Set<String> labels = new HashSet<>();
        labelIdsOfMessage.forEach(label -> labels.add(label.asText()));
        return labels;
    }
}
