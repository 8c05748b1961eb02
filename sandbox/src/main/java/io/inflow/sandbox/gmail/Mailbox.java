package io.inflow.sandbox.gmail;

import io.inflow.sandbox.gmail.Correspondents.Correspondent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The one mailbox the Gmail fake serves: its messages in arrival order, their labels and history ids, and the
 * history log. Messages are kept as columns of numbers; their text is worked out from those when asked.
 *
 * <p>Readers and writers take its lock through {@link #read} and {@link #write}; the accessors assume the
 * caller holds it.
 */
final class Mailbox {

    static final long SPAM_OR_TRASH = Labels.SPAM.mask() | Labels.TRASH.mask();
    private static final int ID_BITS = 20;
    private static final long ID_MASK = (1L << ID_BITS) - 1;
    private static final long ID_MULTIPLIER = 0x6F4F5L;
    private static final long ID_INVERSE = inverse(ID_MULTIPLIER);
    private static final DateTimeFormatter DATE_HEADER =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Correspondents correspondents;
    private final long idSalt;
    private final HistoryLog history;
    private int count;
    private long[] dates;
    private int[] threads;
    private int[] contacts;
    private boolean[] sent;
    private boolean[] replies;
    private int[] variants;
    private int[] sizes;
    private long[] labels;
    private long[] historyIds;
    /** Deleted messages keep their place and their data, so that they can come back as they were. */
    private boolean[] deleted;
    private int deletedCount;
    private long currentHistoryId;
    /** Bumped by every change, so cached counts know when they are stale. */
    private long version;

    Mailbox(Correspondents correspondents, long idSalt, HistoryLog history, int count, long[] dates, int[] threads,
            int[] contacts, boolean[] sent, boolean[] replies, int[] variants, int[] sizes, long[] labels,
            long[] historyIds, long currentHistoryId) {
        this.correspondents = correspondents;
        this.idSalt = idSalt & ID_MASK;
        this.history = history;
        this.count = count;
        this.dates = dates;
        this.threads = threads;
        this.contacts = contacts;
        this.sent = sent;
        this.replies = replies;
        this.variants = variants;
        this.sizes = sizes;
        this.labels = labels;
        this.historyIds = historyIds;
        this.deleted = new boolean[dates.length];
        this.currentHistoryId = currentHistoryId;
    }

    <T> T read(Supplier<T> reading) {
        lock.readLock().lock();
        try {
            return reading.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Supplier<T> writing) {
        lock.writeLock().lock();
        try {
            version++;
            return writing.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    long version() {
        return version;
    }

    int size() {
        return count;
    }

    HistoryLog history() {
        return history;
    }

    long currentHistoryId() {
        return currentHistoryId;
    }

    /** Gmail's ids grow with time: the arrival time in the high bits, a scramble of the position below. */
    String id(int message) {
        long value = (dates[message] << ID_BITS) | (((message * ID_MULTIPLIER) + idSalt) & ID_MASK);
        return String.format("%016x", value);
    }

    /** A thread's id is the id of its first message, as upstream. */
    String threadId(int message) {
        return id(threads[message]);
    }

    /** The message with this id, -1 for a well-formed id of no message, -2 for an id that is not hex. */
    int indexOf(String id) {
        if (id.isEmpty() || id.length() > 16) {
            return -2;
        }
        long value;
        try {
            value = Long.parseUnsignedLong(id, 16);
        } catch (NumberFormatException e) {
            return -2;
        }
        long index = (((value & ID_MASK) - idSalt) * ID_INVERSE) & ID_MASK;
        if (index >= count || dates[(int) index] != value >>> ID_BITS) {
            return -1;
        }
        return (int) index;
    }

    long internalDate(int message) {
        return dates[message];
    }

    long labels(int message) {
        return labels[message];
    }

    long historyId(int message) {
        return historyIds[message];
    }

    int sizeEstimate(int message) {
        return sizes[message];
    }

    /** Whether the message was deleted: gone from every listing and count, a 404 when asked for. */
    boolean deleted(int message) {
        return deleted[message];
    }

    /** The messages not deleted, Spam and Trash included, as the profile's {@code messagesTotal}. */
    int messagesTotal() {
        return count - deletedCount;
    }

    /** Outside Spam and Trash; a deleted message may be too, see {@link #deleted}. */
    boolean visible(int message) {
        return (labels[message] & SPAM_OR_TRASH) == 0;
    }

    boolean sent(int message) {
        return sent[message];
    }

    int thread(int message) {
        return threads[message];
    }

    Correspondent correspondent(int message) {
        return correspondents.get(contacts[message]);
    }

    String subject(int message) {
        int root = threads[message];
        String subject = Wording.subject(correspondent(root).kind(), variants[root]);
        return replies[message] ? "Re: " + subject : subject;
    }

    String snippet(int message) {
        return Wording.snippet(correspondent(message).kind(), variants[message]);
    }

    String from(int message) {
        return sent[message] ? owner() : correspondent(message).header();
    }

    String to(int message) {
        return sent[message] ? correspondent(message).header() : owner();
    }

    String dateHeader(int message) {
        String zone = sent[message] ? Correspondents.OWNER_ZONE : correspondent(message).zone();
        return DATE_HEADER.format(Instant.ofEpochMilli(dates[message]).atOffset(ZoneOffset.of(zone)));
    }

    String messageIdHeader(int message) {
        String host = sent[message] ? "mail.gmail.com" : correspondent(message).domain();
        return "<" + Long.toHexString(variants[message] & 0xFFFFFFFFL) + "." + id(message) + "@" + host + ">";
    }

    private static String owner() {
        return Correspondents.OWNER_NAME + " <" + Correspondents.OWNER_ADDRESS + ">";
    }

    /** Changes the labels of a message and records it: one history record, a new history id for both. */
    void relabel(int message, HistoryLog.Type type, long change, long now, long historyGap) {
        long after = type == HistoryLog.Type.LABEL_ADDED ? labels[message] | change : labels[message] & ~change;
        long id = currentHistoryId + historyGap;
        history.append(id, Math.max(now, history.lastTime()), message, type, change, after);
        labels[message] = after;
        historyIds[message] = id;
        currentHistoryId = id;
    }

    /** Deletes a message for good (not to the trash): one messageDeleted record with the labels it had. */
    void delete(int message, long now, long historyGap) {
        if (deleted[message]) {
            throw new IllegalStateException("message " + id(message) + " is already deleted");
        }
        long id = currentHistoryId + historyGap;
        history.append(id, Math.max(now, history.lastTime()), message, HistoryLog.Type.MESSAGE_DELETED, 0, labels[message]);
        deleted[message] = true;
        deletedCount++;
        currentHistoryId = id;
    }

    /** Brings a deleted message back as it was, with its labels: one messageAdded record and its new history id. */
    void restore(int message, long now, long historyGap) {
        if (!deleted[message]) {
            throw new IllegalStateException("message " + id(message) + " is not deleted");
        }
        long id = currentHistoryId + historyGap;
        history.append(id, Math.max(now, history.lastTime()), message, HistoryLog.Type.MESSAGE_ADDED, 0, labels[message]);
        deleted[message] = false;
        deletedCount--;
        historyIds[message] = id;
        currentHistoryId = id;
    }

    /** A message arriving now, at the end of the arrival order; answers its index. */
    int deliver(long now, int thread, int contact, boolean fromOwner, boolean reply, int variant, int size,
                long labelMask, long historyGap) {
        if (count == dates.length) {
            int capacity = Math.max(16, count * 2);
            dates = Arrays.copyOf(dates, capacity);
            threads = Arrays.copyOf(threads, capacity);
            contacts = Arrays.copyOf(contacts, capacity);
            sent = Arrays.copyOf(sent, capacity);
            replies = Arrays.copyOf(replies, capacity);
            variants = Arrays.copyOf(variants, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
            labels = Arrays.copyOf(labels, capacity);
            historyIds = Arrays.copyOf(historyIds, capacity);
            deleted = Arrays.copyOf(deleted, capacity);
        }
        int message = count++;
        long date = Math.max(now, message == 0 ? now : dates[message - 1] + 1);
        dates[message] = date;
        threads[message] = thread < 0 ? message : thread;
        contacts[message] = contact;
        sent[message] = fromOwner;
        replies[message] = reply;
        variants[message] = variant;
        sizes[message] = size;
        labels[message] = labelMask;
        long id = currentHistoryId + historyGap;
        history.append(id, Math.max(date, history.lastTime()), message, HistoryLog.Type.MESSAGE_ADDED, 0, labelMask);
        historyIds[message] = id;
        currentHistoryId = id;
        return message;
    }

    /** The inverse of an odd number modulo 2^20, by Newton's iteration. */
    private static long inverse(long odd) {
        long inverse = odd;
        for (int i = 0; i < 5; i++) {
            inverse *= 2 - odd * inverse;
        }
        return inverse & ID_MASK;
    }
}
