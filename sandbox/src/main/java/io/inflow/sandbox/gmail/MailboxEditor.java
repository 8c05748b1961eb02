package io.inflow.sandbox.gmail;

import io.inflow.sandbox.Deletion;
import io.inflow.sandbox.DeletionRequests;
import io.inflow.sandbox.Modification;
import io.inflow.sandbox.Restoration;
import io.inflow.sandbox.gmail.Correspondents.Correspondent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Changes the mailbox as its owner and correspondents would, for the admin "modify", "delete" and "restore": each
 * call picks its messages, and the gaps between history ids, from the seed and the number of earlier calls of its
 * kind (so a replayed session changes the same ones) and writes one history record per change, now.
 */
final class MailboxEditor {

    /** Keep the random streams of deletes and restores apart from each other and from modify's. */
    private static final long DELETE = 0x44656C657465L;
    private static final long RESTORE = 0x526573746F7265L;

    private final long seed;
    private final Mailbox mailbox;
    private final Correspondents correspondents;
    private final Clock clock;
    private long calls;
    private long deletes;
    private long restores;

    MailboxEditor(long seed, Mailbox mailbox, Correspondents correspondents, Clock clock) {
        this.seed = seed;
        this.mailbox = mailbox;
        this.correspondents = correspondents;
        this.clock = clock;
    }

    /**
     * Changes the labels of {@code count} distinct messages outside Spam and Trash and not deleted: an unread one is
     * read, a read one starred, a starred one filed under a user label it lacks.
     */
    synchronized Modification relabel(int count) {
        return mailbox.write(() -> {
            List<Integer> visible = new ArrayList<>();
            for (int i = 0; i < mailbox.size(); i++) {
                if (mailbox.visible(i) && !mailbox.deleted(i)) {
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

    /**
     * Deletes {@code count} distinct messages outside Spam and Trash, among those not deleted yet, in arrival
     * order: one messageDeleted history record each.
     */
    synchronized Deletion delete(int count) {
        return mailbox.write(() -> {
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < mailbox.size(); i++) {
                if (mailbox.visible(i) && !mailbox.deleted(i)) {
                    candidates.add(i);
                }
            }
            DeletionRequests.checkCount(count, candidates.size());
            SplittableRandom random = DeletionRequests.random(seed, DELETE, ++deletes);
            long now = clock.millis();
            List<String> ids = new ArrayList<>(count);
            for (int pick : DeletionRequests.distinct(count, candidates.size(), random)) {
                int message = candidates.get(pick);
                mailbox.delete(message, now, 1 + random.nextInt(9));
                ids.add(mailbox.id(message));
            }
            return new Deletion(count, ids);
        });
    }

    /**
     * Brings these deleted messages back, in the order given: one messageAdded history record each. All or nothing:
     * every id must name a deleted message.
     */
    synchronized Restoration restore(List<String> ids) {
        return mailbox.write(() -> {
            int[] messages = new int[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                int message = mailbox.indexOf(ids.get(i));
                if (message < 0) {
                    throw DeletionRequests.unknownId(ids.get(i));
                }
                if (!mailbox.deleted(message)) {
                    throw DeletionRequests.notDeleted(ids.get(i));
                }
                messages[i] = message;
            }
            restore(messages);
            return new Restoration(ids.size(), ids);
        });
    }

    /** Brings every deleted message back, in arrival order; no history and no random draw when none is deleted. */
    synchronized Restoration restoreAll() {
        return mailbox.write(() -> {
            List<String> ids = new ArrayList<>();
            List<Integer> messages = new ArrayList<>();
            for (int i = 0; i < mailbox.size(); i++) {
                if (mailbox.deleted(i)) {
                    messages.add(i);
                    ids.add(mailbox.id(i));
                }
            }
            if (!messages.isEmpty()) {
                restore(messages.stream().mapToInt(Integer::intValue).toArray());
            }
            return new Restoration(ids.size(), ids);
        });
    }

    private void restore(int[] messages) {
        SplittableRandom random = DeletionRequests.random(seed, RESTORE, ++restores);
        long now = clock.millis();
        for (int message : messages) {
            mailbox.restore(message, now, 1 + random.nextInt(9));
        }
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
