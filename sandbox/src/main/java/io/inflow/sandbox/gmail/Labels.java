package io.inflow.sandbox.gmail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The mailbox's labels: Gmail's system labels and eight user labels, the same whatever the seed. */
final class Labels {

    static final Label INBOX = system(0, "INBOX", null, null);
    static final Label SENT = system(1, "SENT", null, null);
    static final Label DRAFT = system(2, "DRAFT", null, null);
    static final Label SPAM = system(3, "SPAM", "hide", "labelHide");
    static final Label TRASH = system(4, "TRASH", "hide", "labelHide");
    static final Label UNREAD = system(5, "UNREAD", null, null);
    static final Label STARRED = system(6, "STARRED", null, null);
    static final Label IMPORTANT = system(7, "IMPORTANT", "hide", "labelHide");
    static final Label CHAT = system(8, "CHAT", "hide", "labelHide");
    static final Label PERSONAL = system(9, "CATEGORY_PERSONAL", null, null);
    static final Label SOCIAL = system(10, "CATEGORY_SOCIAL", null, null);
    static final Label PROMOTIONS = system(11, "CATEGORY_PROMOTIONS", null, null);
    static final Label UPDATES = system(12, "CATEGORY_UPDATES", null, null);
    static final Label FORUMS = system(13, "CATEGORY_FORUMS", null, null);
    static final Label CLIENTS = user(14, 1, "Clients", "#ffffff", "#16a766");
    static final Label INVOICES = user(15, 2, "Invoices", "#ffffff", "#4a86e8");
    static final Label TRAVEL = user(16, 3, "Travel", null, null);
    static final Label NEWSLETTERS = user(17, 4, "Newsletters", null, null);
    static final Label PROJECT = user(18, 5, "Projects/Inflow", "#000000", "#fad165");
    static final Label FAMILY = user(19, 6, "Family", null, null);
    static final Label RECEIPTS = user(20, 7, "Receipts", null, null);
    static final Label FOLLOW_UP = user(21, 8, "Follow-up", "#ffffff", "#cc3a21");

    /** In the order {@code labels.list} answers (system labels first) and {@code labelIds} lists them. */
    static final List<Label> ALL = List.of(CHAT, SENT, INBOX, IMPORTANT, TRASH, DRAFT, SPAM, FORUMS, UPDATES,
            PERSONAL, PROMOTIONS, SOCIAL, STARRED, UNREAD, CLIENTS, INVOICES, TRAVEL, NEWSLETTERS, PROJECT, FAMILY,
            RECEIPTS, FOLLOW_UP);

    /** The user labels, which the admin "modify" adds to messages. */
    static final List<Label> USER = ALL.stream().filter(label -> !label.system()).toList();

    private Labels() {}

    private static Label system(int bit, String id, String messageList, String labelList) {
        return new Label(bit, id, id, true, messageList, labelList, null, null);
    }

    private static Label user(int bit, int number, String name, String text, String background) {
        return new Label(bit, "Label_" + number, name, false, "show", "labelShow", text, background);
    }

    static Optional<Label> byId(String id) {
        return ALL.stream().filter(label -> label.id().equals(id)).findFirst();
    }

    /**
     * By the name a search's {@code label:} uses: case-insensitive, with spaces, slashes and dashes
     * interchangeable, system labels by their id.
     */
    static Optional<Label> bySearchName(String name) {
        String wanted = searchForm(name);
        return ALL.stream().filter(label -> searchForm(label.name()).equals(wanted)
                || searchForm(label.id()).equals(wanted)).findFirst();
    }

    private static String searchForm(String name) {
        return name.toLowerCase(Locale.ROOT).replace('/', '-').replace(' ', '-').replace('_', '-');
    }

    /** The ids of the labels in {@code mask}, in {@link #ALL}'s order. */
    static List<String> ids(long mask) {
        List<String> ids = new ArrayList<>();
        for (Label label : ALL) {
            if ((mask & label.mask()) != 0) {
                ids.add(label.id());
            }
        }
        return ids;
    }
}
