package io.inflow.sandbox.gmail;

import io.inflow.sandbox.gmail.Correspondents.Correspondent;
import io.inflow.sandbox.gmail.Correspondents.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Generates the mailbox: a year of mail (June 2024 to May 2025) in threads, with labels as a person and
 * Gmail's filters would have left them, and the history that led there: each message's arrival, then its
 * reading, archiving, starring and trashing. The same seed and size always give the same mailbox.
 *
 * <p>Of the messages, exactly {@code visible} are outside Spam and Trash; Spam holds {@code visible / 32} more
 * and Trash {@code visible / 96}.
 */
final class MailboxGenerator {

    static final long START = Instant.parse("2024-06-01T00:00:00Z").toEpochMilli();
    static final long END = Instant.parse("2025-06-01T00:00:00Z").toEpochMilli();
    /** Keeps the mailbox's random stream apart from the other fakes' streams fed by the same seed. */
    private static final long STREAM = 0x4D61696C426F7821L;
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final int OPEN_THREADS = 30;

    private final long seed;
    private final int visible;
    private final Correspondents correspondents;

    MailboxGenerator(long seed, int visible, Correspondents correspondents) {
        this.seed = seed;
        this.visible = visible;
        this.correspondents = correspondents;
    }

    static int spamCount(int visible) {
        return visible / 32;
    }

    static int trashCount(int visible) {
        return visible / 96;
    }

    Mailbox generate() {
        SplittableRandom random = new SplittableRandom(seed ^ STREAM);
        int spam = spamCount(visible);
        int trash = trashCount(visible);
        int n = visible + spam + trash;

        byte[] role = new byte[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        for (int i = 0; i < spam; i++) {
            role[order[i]] = 1;
        }
        for (int i = spam; i < spam + trash; i++) {
            role[order[i]] = 2;
        }

        long[] dates = new long[n];
        int[] threads = new int[n];
        int[] contacts = new int[n];
        boolean[] sent = new boolean[n];
        boolean[] replies = new boolean[n];
        int[] variants = new int[n];
        int[] sizes = new int[n];
        long[] labels = new long[n];
        boolean[] lastSentInThread = new boolean[n];
        int[] open = new int[OPEN_THREADS];
        int openCount = 0;
        int openNext = 0;
        long span = END - START;
        long slot = Math.max(1, n == 0 ? 1 : span / n);
        for (int i = 0; i < n; i++) {
            dates[i] = START + (long) ((double) i * span / n) + random.nextLong(slot);
            variants[i] = random.nextInt();
            Correspondent contact;
            if (role[i] == 1) {
                contact = correspondents.pickSpammer(random);
                threads[i] = i;
            } else if (openCount > 0 && random.nextDouble() < 0.35) {
                int root = open[random.nextInt(openCount)];
                contact = correspondents.get(contacts[root]);
                threads[i] = root;
                replies[i] = true;
                sent[i] = !lastSentInThread[root] && random.nextDouble() < 0.7;
                lastSentInThread[root] = sent[i];
            } else {
                contact = correspondents.pick(random);
                threads[i] = i;
                sent[i] = contact.kind().human() && random.nextDouble() < 0.15;
                lastSentInThread[i] = sent[i];
                if (contact.kind().human()) {
                    open[openNext] = i;
                    openNext = (openNext + 1) % OPEN_THREADS;
                    openCount = Math.min(OPEN_THREADS, openCount + 1);
                }
            }
            contacts[i] = contact.index();
            Kind kind = contact.kind();
            boolean bulky = kind == Kind.NEWSLETTER || kind == Kind.SHOP;
            sizes[i] = 1_500 + random.nextInt(bulky ? 80_000 : 25_000);
            labels[i] = labels(role[i], sent[i], contact, variants[threads[i]], dates[i], random);
        }

        long firstHistoryId = 2_000_000L + random.nextInt(1_000_000);
        HistoryLog history = new HistoryLog(firstHistoryId);
        long[] historyIds = new long[n];
        long last = replayHistory(history, firstHistoryId, dates, sent, role, labels, historyIds, random);
        long current = last + 1 + random.nextInt(5);
        return new Mailbox(correspondents, Ids.mix(seed ^ STREAM), history, n, dates, threads, contacts, sent,
                replies, variants, sizes, labels, historyIds, current);
    }

    /** The labels a message ends up with. */
    private static long labels(byte role, boolean fromOwner, Correspondent contact, int subjectVariant, long date,
                               SplittableRandom random) {
        if (role == 1) {
            return Labels.SPAM.mask() | (random.nextDouble() < 0.8 ? Labels.UNREAD.mask() : 0);
        }
        long mask;
        if (fromOwner) {
            mask = Labels.SENT.mask() | (random.nextDouble() < 0.25 ? Labels.IMPORTANT.mask() : 0);
        } else {
            Kind kind = contact.kind();
            boolean human = kind.human();
            boolean recent = END - date < 45 * DAY;
            mask = category(kind).mask();
            mask |= userLabel(kind, subjectVariant, random);
            if (human && random.nextDouble() < 0.03) {
                mask |= Labels.FOLLOW_UP.mask();
            }
            double inbox = human ? (recent ? 0.9 : 0.4) : (recent ? 0.6 : 0.15);
            if (random.nextDouble() < inbox) {
                mask |= Labels.INBOX.mask();
            }
            double unread = END - date < 21 * DAY ? (human ? 0.25 : 0.6) : (human ? 0.03 : 0.25);
            if (random.nextDouble() < unread) {
                mask |= Labels.UNREAD.mask();
            }
            if (human && random.nextDouble() < 0.05) {
                mask |= Labels.STARRED.mask();
            }
            double important = human ? 0.5 : kind == Kind.BILLING ? 0.6 : 0.03;
            if (random.nextDouble() < important) {
                mask |= Labels.IMPORTANT.mask();
            }
        }
        if (role == 2) {
            mask = (mask & ~Labels.INBOX.mask()) | Labels.TRASH.mask();
        }
        return mask;
    }

    /** The labels of a message that arrives now from {@code contact}: in the inbox, unread, filed by the filters. */
    static long arrivalLabels(Correspondent contact, int variant, SplittableRandom random) {
        return Labels.INBOX.mask() | Labels.UNREAD.mask() | category(contact.kind()).mask()
                | userLabel(contact.kind(), variant, random);
    }

    private static Label category(Kind kind) {
        return switch (kind) {
            case CLIENT, COLLEAGUE, VENDOR, FRIEND -> Labels.PERSONAL;
            case TRAVEL, DEVTOOLS, BILLING -> Labels.UPDATES;
            case NEWSLETTER, SHOP, SPAM -> Labels.PROMOTIONS;
            case SOCIAL -> Labels.SOCIAL;
            case FORUM -> Labels.FORUMS;
        };
    }

    /** What the mailbox owner's filters file a message under, if anything. */
    private static long userLabel(Kind kind, int subjectVariant, SplittableRandom random) {
        double draw = random.nextDouble();
        return switch (kind) {
            case CLIENT -> Labels.CLIENTS.mask();
            case VENDOR -> Wording.isInvoice(kind, subjectVariant) ? Labels.INVOICES.mask() : 0;
            case BILLING -> Labels.INVOICES.mask();
            case TRAVEL -> Labels.TRAVEL.mask();
            case NEWSLETTER -> Labels.NEWSLETTERS.mask();
            case DEVTOOLS -> Labels.PROJECT.mask();
            case COLLEAGUE -> draw < 0.6 ? Labels.PROJECT.mask() : 0;
            case FRIEND -> draw < 0.3 ? Labels.FAMILY.mask() : 0;
            case SHOP -> Wording.isOrder(kind, subjectVariant) ? Labels.RECEIPTS.mask() : 0;
            default -> 0;
        };
    }

    /**
     * Writes the history that leads from each message's arrival to its final labels: received mail arrives
     * unread in the inbox, is read, maybe archived, starred, flagged for follow-up, trashed. Records come in
     * time order with ids growing by random gaps. Answers the last record's id.
     */
    private static long replayHistory(HistoryLog history, long firstHistoryId, long[] dates, boolean[] sent,
                                      byte[] role, long[] labels, long[] historyIds, SplittableRandom random) {
        int n = dates.length;
        long[] arrival = new long[n];
        EventList events = new EventList(n * 2 + 16);
        for (int i = 0; i < n; i++) {
            long end = labels[i];
            long t = dates[i];
            if (role[i] == 1) {
                arrival[i] = end;
                events.add(t, i, HistoryLog.Type.MESSAGE_ADDED, 0);
                continue;
            }
            if (sent[i]) {
                arrival[i] = end & ~Labels.TRASH.mask();
                events.add(t, i, HistoryLog.Type.MESSAGE_ADDED, 0);
                if ((end & Labels.TRASH.mask()) != 0) {
                    events.add(t + 1 + random.nextLong(30 * DAY), i, HistoryLog.Type.LABEL_ADDED, Labels.TRASH.mask());
                }
                continue;
            }
            long laterOnly = Labels.STARRED.mask() | Labels.FOLLOW_UP.mask() | Labels.TRASH.mask();
            arrival[i] = (end | Labels.INBOX.mask() | Labels.UNREAD.mask()) & ~laterOnly;
            events.add(t, i, HistoryLog.Type.MESSAGE_ADDED, 0);
            long read = t;
            if ((end & Labels.UNREAD.mask()) == 0) {
                read = t + 120_000 + random.nextLong(3 * DAY);
                events.add(read, i, HistoryLog.Type.LABEL_REMOVED, Labels.UNREAD.mask());
            }
            long archived = read;
            if ((end & Labels.INBOX.mask()) == 0) {
                archived = read + 3_600_000 + random.nextLong(20 * DAY);
                events.add(archived, i, HistoryLog.Type.LABEL_REMOVED, Labels.INBOX.mask());
            }
            if ((end & Labels.STARRED.mask()) != 0) {
                events.add(read + 60_000, i, HistoryLog.Type.LABEL_ADDED, Labels.STARRED.mask());
            }
            if ((end & Labels.FOLLOW_UP.mask()) != 0) {
                events.add(read + 120_000, i, HistoryLog.Type.LABEL_ADDED, Labels.FOLLOW_UP.mask());
            }
            if ((end & Labels.TRASH.mask()) != 0) {
                events.add(archived + 60_000, i, HistoryLog.Type.LABEL_ADDED, Labels.TRASH.mask());
            }
        }
        long[] current = Arrays.copyOf(arrival, n);
        long id = firstHistoryId;
        for (int e : events.inTimeOrder()) {
            int message = events.message(e);
            HistoryLog.Type type = events.type(e);
            long change = events.change(e);
            switch (type) {
                case LABEL_ADDED -> current[message] |= change;
                case LABEL_REMOVED -> current[message] &= ~change;
                default -> { }
            }
            id += 1 + random.nextInt(9);
            history.append(id, Math.min(events.time(e), END - 1), message, type, change, current[message]);
            historyIds[message] = id;
        }
        for (int i = 0; i < n; i++) {
            if (current[i] != labels[i]) {
                throw new IllegalStateException("the history of message " + i + " does not lead to its labels");
            }
        }
        return id;
    }

    /** The generated changes before they are put in time order. */
    private static final class EventList {
        private long[] times;
        private int[] messages;
        private byte[] types;
        private long[] changes;
        private int size;

        EventList(int capacity) {
            times = new long[capacity];
            messages = new int[capacity];
            types = new byte[capacity];
            changes = new long[capacity];
        }

        void add(long time, int message, HistoryLog.Type type, long change) {
            if (size == times.length) {
                int capacity = size * 2;
                times = Arrays.copyOf(times, capacity);
                messages = Arrays.copyOf(messages, capacity);
                types = Arrays.copyOf(types, capacity);
                changes = Arrays.copyOf(changes, capacity);
            }
            times[size] = Math.min(time, END - 1);
            messages[size] = message;
            types[size] = (byte) type.ordinal();
            changes[size] = change;
            size++;
        }

        /** Event indexes by time, ties in the order they were added (a message's arrival before its changes). */
        int[] inTimeOrder() {
            long[] keys = new long[size];
            for (int e = 0; e < size; e++) {
                keys[e] = ((times[e] - START) << 23) | e;
            }
            Arrays.sort(keys);
            int[] order = new int[size];
            for (int k = 0; k < size; k++) {
                order[k] = (int) (keys[k] & ((1 << 23) - 1));
            }
            return order;
        }

        long time(int e) {
            return times[e];
        }

        int message(int e) {
            return messages[e];
        }

        HistoryLog.Type type(int e) {
            return HistoryLog.Type.values()[types[e]];
        }

        long change(int e) {
            return changes[e];
        }
    }
}
