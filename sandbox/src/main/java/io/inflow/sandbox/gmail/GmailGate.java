package io.inflow.sandbox.gmail;

import io.inflow.sandbox.http.Request;
import java.util.Locale;

/**
 * What every Gmail API call passes before its handler, in this order: a valid bearer access token (401), a
 * {@code userId} of {@code me} or the mailbox's address (403, delegation denied), then the per-user quota,
 * which the call's units must fit (429 or 403). Parameters are checked after, so a call refused for them has
 * spent its units, as upstream counts every call it answers.
 */
final class GmailGate {

    private final AccessTokens tokens;
    private final UnitBudget budget;
    private volatile int overLimitStatus;

    GmailGate(AccessTokens tokens, UnitBudget budget, int overLimitStatus) {
        this.tokens = tokens;
        this.budget = budget;
        this.overLimitStatus = overLimitStatus;
    }

    void enter(Request request, int units) {
        String header = request.header("Authorization").orElse(null);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
            throw GmailError.loginRequired();
        }
        String token = header.substring(7).trim();
        if (!tokens.valid(token)) {
            throw GmailError.invalidCredentials();
        }
        if (request.faults().expiresIterator()) {
            tokens.revoke(token);
            throw GmailError.invalidCredentials();
        }
        String userId = request.pathParam("userId");
        if (!userId.equals("me") && !userId.toLowerCase(Locale.ROOT).equals(Correspondents.OWNER_ADDRESS)) {
            throw GmailError.delegationDenied(userId);
        }
        if (!budget.spend(units)) {
            throw GmailError.rateLimited(overLimitStatus);
        }
    }

    int overLimitStatus() {
        return overLimitStatus;
    }

    void overLimitStatus(int status) {
        this.overLimitStatus = status;
    }
}
