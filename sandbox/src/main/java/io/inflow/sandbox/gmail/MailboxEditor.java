package io.inflow.sandbox.gmail;

import io.inflow.sandbox.Modification;
import io.inflow.sandbox.gmail.Correspondents.Correspondent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Changes the mailbox as its owner and correspondents would, for the admin "modify": each call picks its
 * messages from the seed and the number of earlier calls (so a replayed session changes the same ones) and
 * writes one history record per change, now.
 */
final class MailboxEditor {

    private final long seed;
    private final Mailbox mailbox;
    private final Correspondents correspondents;
    private final Clock clock;
    private long calls;

    MailboxEditor(long seed, Mailbox mailbox, Correspondents correspondents, Clock clock) {
        this.seed = seed;
        this.mailbox = mailbox;
        this.correspondents = correspondents;
        this.clock = clock;
    }

    /**
     * Changes the labels of {@code count} distinct messages outside Spam and Trash: an unread one is read, a read
     * one starred, a starred one filed under a user label it lacks.
     */
    synchronized Modification relabel(int count) {
        return mailbox.write(() -> {
            List<Integer> visible = new ArrayList<>();
            for (int i = 0; i < mailbox.size(); i++) {
                if (mailbox.visible(i)) {
                    visible.add(i);
                }
            }
            if (count < 1 || count > visible.size()) {
                throw new IllegalArgumentException("count must be between 1 and " + visible.size()
                        + " (the messages outside Spam and Trash)");
            }
            SplittableRandom random = random();
            List<String> ids = new ArrayList<>(count);
            long now = clock.millis();
            for (int pick : distinct(count, visible.size(), random)) {
                int message = visible.get(pick);
                long labels = mailbox.labels(message);
                long gap = 1 + random.nextInt(9);
                if ((labels & Labels.UNREAD.mask()) != 0) {
                    mailbox.relabel(message, HistoryLog.Type.LABEL_REMOVED, Labels.UNREAD.mask(), now, gap);
                } else if ((labels & Labels.STARRED.mask()) == 0) {
                    mailbox.relabel(message, HistoryLog.Type.LABEL_ADDED, Labels.STARRED.mask(), now, gap);
                } else {
                    Label missing = Labels.USER.stream().filter(label -> (labels & label.mask()) == 0).findFirst().orElse(null);
                    if (missing != null) {
                        mailbox.relabel(message, HistoryLog.Type.LABEL_ADDED, missing.mask(), now, gap);
                    } else {
                        mailbox.relabel(message, HistoryLog.Type.LABEL_REMOVED, Labels.STARRED.mask(), now, gap);
                    }
                }
                ids.add(mailbox.id(message));
            }
            return new Modification(count, ids);
        });
    }

    /** Delivers {@code count} new messages to the inbox, unread, each from a sender of ordinary mail. */
    synchronized Modification deliver(int count) {
        if (count < 1 || count > 10_000) {
            throw new IllegalArgumentException("newMessages must be between 1 and 10000");
        }
        return mailbox.write(() -> {
            SplittableRandom random = random();
            List<String> ids = new ArrayList<>(count);
            long now = clock.millis();
            for (int i = 0; i < count; i++) {
                Correspondent contact = correspondents.pick(random);
                int variant = random.nextInt();
                int message = mailbox.deliver(now, -1, contact.index(), false, false, variant,
                        1_500 + random.nextInt(25_000), MailboxGenerator.arrivalLabels(contact, variant, random),
                        1 + random.nextInt(9));
                ids.add(mailbox.id(message));
            }
            return new Modification(count, ids);
        });
    }

    /** Forgets all history so far: every earlier history id now answers 404. */
    void forgetHistory() {
        mailbox.write(() -> {
            mailbox.history().forgetUpTo(mailbox.currentHistoryId());
            return null;
        });
    }

    private SplittableRandom random() {
        calls++;
        return new SplittableRandom(Ids.mix(seed ^ Ids.mix(calls) ^ 0x6D6F64696679L));
    }

    /** Floyd's sampling of {@code count} of {@code 0..bound-1}, in ascending order. */
    private static int[] distinct(int count, int bound, SplittableRandom random) {
        Set<Integer> chosen = new HashSet<>(count * 2);
        for (int j = bound - count; j < bound; j++) {
            int pick = random.nextInt(j + 1);
            chosen.add(chosen.contains(pick) ? j : pick);
        }
        int[] picks = chosen.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(picks);
        return picks;
    }
}
