package io.inflow.sandbox.gmail;

import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of the messages a default import reads (outside Spam and Trash, not deleted), as they stand: what
 * the Gmail plugin's stats must show after importing them.
 *
 * @param labels messages per label name, every label that has some
 * @param senderDomains received messages (not labelled SENT) per sender domain, most first, ties by name
 */
public record MailboxFigures(long messages, long threads, long unread, long starred, Map<String, Long> labels,
                             Map<String, Long> senderDomains) {

    static MailboxFigures of(Mailbox mailbox) {
        return mailbox.read(() -> {
            long messages = 0;
            long unread = 0;
            long starred = 0;
            BitSet threads = new BitSet();
            Map<String, Long> labels = new TreeMap<>();
            Map<String, Long> domains = new TreeMap<>();
            for (int i = 0; i < mailbox.size(); i++) {
                if (!mailbox.visible(i) || mailbox.deleted(i)) {
                    continue;
                }
                messages++;
                threads.set(mailbox.thread(i));
                long mask = mailbox.labels(i);
                unread += (mask & Labels.UNREAD.mask()) != 0 ? 1 : 0;
                starred += (mask & Labels.STARRED.mask()) != 0 ? 1 : 0;
                for (Label label : Labels.ALL) {
                    if ((mask & label.mask()) != 0) {
                        labels.merge(label.name(), 1L, Long::sum);
                    }
                }
                if ((mask & Labels.SENT.mask()) == 0) {
                    domains.merge(mailbox.correspondent(i).domain(), 1L, Long::sum);
                }
            }
            Map<String, Long> byCount = new LinkedHashMap<>();
            domains.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                    .forEach(entry -> byCount.put(entry.getKey(), entry.getValue()));
            return new MailboxFigures(messages, threads.cardinality(), unread, starred, Map.copyOf(labels), byCount);
        });
    }
}
