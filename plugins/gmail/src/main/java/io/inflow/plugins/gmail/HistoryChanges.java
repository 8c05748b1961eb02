package io.inflow.plugins.gmail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one page of the mailbox's history says about its messages, folded in the history's order.
 *
 * <p>Gmail never gives a deleted message's id to another message, so a message deleted anywhere in the page is
 * only deleted: it is not fetched, even when the page also shows it added or relabelled before.
 *
 * @param changed the messages added or relabelled and not deleted, each once, in the order the history names them
 * @param deleted the messages deleted ({@code messagesDeleted}), each once, however often the history repeats them
 * @param movedToSpamOrTrash the messages the page leaves in Spam or Trash: SPAM or TRASH added and not removed after
 */
record HistoryChanges(List<String> changed, List<String> deleted, Set<String> movedToSpamOrTrash) {

    private static final List<String> CHANGES = List.of("messagesAdded", "labelsAdded", "labelsRemoved");

    HistoryChanges {
        changed = List.copyOf(changed);
        deleted = List.copyOf(deleted);
        movedToSpamOrTrash = Set.copyOf(movedToSpamOrTrash);
    }

    static HistoryChanges of(JsonNode history) {
        Set<String> named = new LinkedHashSet<>();
        Set<String> deleted = new LinkedHashSet<>();
        Map<String, Set<String>> spamOrTrashAdded = new HashMap<>();
        for (JsonNode record : history) {
            for (String kind : CHANGES) {
                for (JsonNode change : record.path(kind)) {
                    String id = idOf(change);
                    if (id == null) {
                        continue;
                    }
                    named.add(id);
                    Set<String> labels = spamOrTrash(change.path("labelIds"));
                    if (kind.equals("labelsAdded")) {
                        spamOrTrashAdded.computeIfAbsent(id, key -> new HashSet<>()).addAll(labels);
                    } else if (kind.equals("labelsRemoved") && spamOrTrashAdded.containsKey(id)) {
                        spamOrTrashAdded.get(id).removeAll(labels);
                    }
                }
            }
            for (JsonNode change : record.path("messagesDeleted")) {
                String id = idOf(change);
                if (id != null) {
                    deleted.add(id);
                }
            }
        }
        named.removeAll(deleted);
        Set<String> moved = new HashSet<>();
        spamOrTrashAdded.forEach((id, labels) -> {
            if (!labels.isEmpty() && !deleted.contains(id)) {
                moved.add(id);
            }
        });
        return new HistoryChanges(List.copyOf(named), List.copyOf(deleted), moved);
    }

    private static String idOf(JsonNode change) {
        JsonNode id = change.path("message").path("id");
        return id.isTextual() && !id.asText().isEmpty() ? id.asText() : null;
    }

    /** SPAM and TRASH, when among these label ids. */
    private static Set<String> spamOrTrash(JsonNode labelIds) {
        Set<String> labels = new HashSet<>();
        for (JsonNode label : labelIds) {
            if (label.asText().equals(Scope.SPAM) || label.asText().equals(Scope.TRASH)) {
                labels.add(label.asText());
            }
        }
        return labels;
    }
}
