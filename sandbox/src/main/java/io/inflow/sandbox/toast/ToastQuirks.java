package io.inflow.sandbox.toast;

import java.time.Period;
import java.util.Objects;

/**
 * The fake's answers to questions Toast's documentation leaves open, changeable at run time so a client can be
 * tested against either answer: the longest {@code startDate}..{@code endDate} window (one month, from one
 * version of Toast's guide) and whether every page links a next one (the fake's default: only while orders
 * remain).
 */
final class ToastQuirks {

    static final Period DEFAULT_MAX_WINDOW = Period.ofMonths(1);

    private volatile Period maxWindow = DEFAULT_MAX_WINDOW;
    private volatile boolean linkNextOnEveryPage;

    Period maxWindow() {
        return maxWindow;
    }

    void maxWindow(Period window) {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("the window limit must be positive");
        }
        this.maxWindow = Objects.requireNonNull(window);
    }

    boolean linkNextOnEveryPage() {
        return linkNextOnEveryPage;
    }

    void linkNextOnEveryPage(boolean always) {
        this.linkNextOnEveryPage = always;
    }
}
