package io.inflow.sandbox.gmail;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The part of Gmail's search syntax ({@code q}) the fake understands: terms separated by spaces, all of which
 * must match, each maybe negated with {@code -}. Operators: {@code from: to: subject: label: in: is: category:
 * has: after: before: older: newer: older_than: newer_than: larger: smaller: rfc822msgid:}, and plain words or
 * quoted phrases, looked for in the subject, snippet, sender and recipient. Dates in {@code yyyy/mm/dd} are
 * midnight Pacific time, as upstream; a number is epoch seconds. {@code OR}, braces and parentheses are not
 * implemented: the fake refuses them with a 400 rather than answer something upstream would not.
 */
final class GmailQuery {

    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyy-M-d"),
            DateTimeFormatter.ofPattern("M/d/yyyy"));

    /** One term; {@code matches} reads the message at an index of the mailbox, under its lock. */
    private interface Term {
        boolean matches(Mailbox mailbox, int message, long now);
    }

    private record Negated(Term term) implements Term {
        @Override
        public boolean matches(Mailbox mailbox, int message, long now) {
            return !term.matches(mailbox, message, now);
        }
    }

    private final List<Term> terms;
    private final boolean includesSpamAndTrash;

    private GmailQuery(List<Term> terms, boolean includesSpamAndTrash) {
        this.terms = List.copyOf(terms);
        this.includesSpamAndTrash = includesSpamAndTrash;
    }

    static GmailQuery parse(String q) {
        List<Term> terms = new ArrayList<>();
        boolean spamOrTrash = false;
        for (String token : tokens(q == null ? "" : q)) {
            boolean negated = token.startsWith("-") && token.length() > 1;
            String text = negated ? token.substring(1) : token;
            if (text.equals("OR") || text.equals("AROUND") || text.startsWith("{") || text.startsWith("(")
                    || text.endsWith("}") || text.endsWith(")")) {
                throw GmailError.badRequest("The sandbox does not implement '" + text + "' in q: only terms that all "
                        + "must match, each maybe negated with '-'");
            }
            if (text.equals("AND")) {
                continue;
            }
            int colon = text.indexOf(':');
            String operator = colon > 0 ? text.substring(0, colon).toLowerCase(Locale.ROOT) : "";
            String value = colon > 0 ? unquote(text.substring(colon + 1)) : unquote(text);
            Term term = operator.isEmpty() ? word(value) : operator(operator, value, text);
            if (!negated && (operator.equals("in") || operator.equals("label"))
                    && List.of("spam", "trash", "anywhere").contains(value.toLowerCase(Locale.ROOT))) {
                spamOrTrash = true;
            }
            terms.add(negated ? new Negated(term) : term);
        }
        return new GmailQuery(terms, spamOrTrash);
    }

    /** Whether the query itself asks for Spam or Trash, which a listing then includes whatever includeSpamTrash says. */
    boolean includesSpamAndTrash() {
        return includesSpamAndTrash;
    }

    boolean matches(Mailbox mailbox, int message, long now) {
        for (Term term : terms) {
            if (!term.matches(mailbox, message, now)) {
                return false;
            }
        }
        return true;
    }

    private static Term operator(String operator, String value, String original) {
        String lower = value.toLowerCase(Locale.ROOT);
        return switch (operator) {
            case "from" -> lower.equals("me") ? (m, i, now) -> m.sent(i) : (m, i, now) -> contains(m.from(i), lower);
            case "to" -> lower.equals("me") ? (m, i, now) -> !m.sent(i) : (m, i, now) -> contains(m.to(i), lower);
            case "subject" -> (m, i, now) -> contains(m.subject(i), lower);
            case "label" -> label(Labels.bySearchName(value));
            case "in" -> in(lower);
            case "is" -> is(lower);
            case "category" -> category(lower);
            case "has" -> has(lower);
            case "after", "newer" -> {
                long bound = instant(value, original);
                yield (m, i, now) -> m.internalDate(i) >= bound;
            }
            case "before", "older" -> {
                long bound = instant(value, original);
                yield (m, i, now) -> m.internalDate(i) < bound;
            }
            case "newer_than" -> {
                long[] period = period(value, original);
                yield (m, i, now) -> m.internalDate(i) > minus(now, period);
            }
            case "older_than" -> {
                long[] period = period(value, original);
                yield (m, i, now) -> m.internalDate(i) < minus(now, period);
            }
            case "larger", "size" -> {
                long bytes = size(value, original);
                yield (m, i, now) -> m.sizeEstimate(i) > bytes;
            }
            case "smaller" -> {
                long bytes = size(value, original);
                yield (m, i, now) -> m.sizeEstimate(i) < bytes;
            }
            case "rfc822msgid" -> {
                String wanted = value.startsWith("<") ? value : "<" + value + ">";
                yield (m, i, now) -> m.messageIdHeader(i).equals(wanted);
            }
            default -> word(original);
        };
    }

    private static Term word(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return (m, i, now) -> contains(m.subject(i), lower) || contains(unescape(m.snippet(i)), lower)
                || contains(m.from(i), lower) || contains(m.to(i), lower);
    }

    private static Term label(Optional<Label> label) {
        if (label.isEmpty()) {
            return (m, i, now) -> false;
        }
        long mask = label.get().mask();
        return (m, i, now) -> (m.labels(i) & mask) != 0;
    }

    private static Term in(String value) {
        return switch (value) {
            case "anywhere" -> (m, i, now) -> true;
            case "inbox" -> label(Optional.of(Labels.INBOX));
            case "sent" -> label(Optional.of(Labels.SENT));
            case "spam" -> label(Optional.of(Labels.SPAM));
            case "trash" -> label(Optional.of(Labels.TRASH));
            case "starred" -> label(Optional.of(Labels.STARRED));
            case "important" -> label(Optional.of(Labels.IMPORTANT));
            case "draft", "drafts" -> label(Optional.of(Labels.DRAFT));
            case "chats" -> label(Optional.of(Labels.CHAT));
            default -> label(Labels.bySearchName(value));
        };
    }

    private static Term is(String value) {
        return switch (value) {
            case "unread" -> label(Optional.of(Labels.UNREAD));
            case "read" -> new Negated(label(Optional.of(Labels.UNREAD)));
            case "starred" -> label(Optional.of(Labels.STARRED));
            case "important" -> label(Optional.of(Labels.IMPORTANT));
            default -> (m, i, now) -> false;
        };
    }

    private static Term category(String value) {
        return switch (value) {
            case "primary", "personal" -> label(Optional.of(Labels.PERSONAL));
            case "social" -> label(Optional.of(Labels.SOCIAL));
            case "promotions" -> label(Optional.of(Labels.PROMOTIONS));
            case "updates" -> label(Optional.of(Labels.UPDATES));
            case "forums" -> label(Optional.of(Labels.FORUMS));
            default -> (m, i, now) -> false;
        };
    }

    private static Term has(String value) {
        long user = Labels.USER.stream().mapToLong(Label::mask).reduce(0, (a, b) -> a | b);
        return switch (value) {
            case "userlabels" -> (m, i, now) -> (m.labels(i) & user) != 0;
            case "nouserlabels" -> (m, i, now) -> (m.labels(i) & user) == 0;
            default -> (m, i, now) -> false; // the generated mail has no attachments, links to Drive, ...
        };
    }

    private static long instant(String value, String original) {
        if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
            return Long.parseLong(value) * 1000;
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(value, format).atStartOfDay(PACIFIC).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        throw GmailError.badRequest("The sandbox cannot read the date in '" + original + "': use yyyy/mm/dd or epoch seconds");
    }

    /** {@code 2d}, {@code 3m}, {@code 1y}: amount and unit (0 days, 1 months, 2 years). */
    private static long[] period(String value, String original) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.length() >= 2 && lower.substring(0, lower.length() - 1).chars().allMatch(Character::isDigit)) {
            int unit = "dmy".indexOf(lower.charAt(lower.length() - 1));
            if (unit >= 0) {
                return new long[] {Long.parseLong(lower.substring(0, lower.length() - 1)), unit};
            }
        }
        throw GmailError.badRequest("The sandbox cannot read the period in '" + original + "': use a number and d, m or y");
    }

    private static long minus(long now, long[] period) {
        ZonedDateTime time = java.time.Instant.ofEpochMilli(now).atZone(PACIFIC);
        ZonedDateTime bound = switch ((int) period[1]) {
            case 0 -> time.minusDays(period[0]);
            case 1 -> time.minusMonths(period[0]);
            default -> time.minusYears(period[0]);
        };
        return bound.toInstant().toEpochMilli();
    }

    private static long size(String value, String original) {
        String lower = value.toLowerCase(Locale.ROOT);
        long factor = lower.endsWith("k") ? 1_024 : lower.endsWith("m") ? 1_048_576 : 1;
        String digits = factor == 1 ? lower : lower.substring(0, lower.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            throw GmailError.badRequest("The sandbox cannot read the size in '" + original + "': use bytes, or K or M");
        }
        return Long.parseLong(digits) * factor;
    }

    private static boolean contains(String text, String lowerNeedle) {
        return text.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    private static String unescape(String snippet) {
        return snippet.replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
    }

    private static String unquote(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }

    /** Splits on spaces, keeping quoted phrases (also after an operator: {@code subject:"a b"}) whole. */
    private static List<String> tokens(String q) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                if (current.length() > 0) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
