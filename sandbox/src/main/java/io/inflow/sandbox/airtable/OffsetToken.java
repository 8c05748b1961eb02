package io.inflow.sandbox.airtable;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An {@code offset} as Airtable writes it: the scan's iterator id, a slash, the next record's id. */
record OffsetToken(String iteratorId, String recordId) {

    private static final Pattern FORM = Pattern.compile("(itr[0-9A-Za-z]{14})/(rec[0-9A-Za-z]{14})");

    static Optional<OffsetToken> parse(String text) {
        Matcher matcher = FORM.matcher(text);
        return matcher.matches() ? Optional.of(new OffsetToken(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    @Override
    public String toString() {
        return iteratorId + "/" + recordId;
    }
}
