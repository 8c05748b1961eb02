package io.inflow.sandbox.gmail;

import io.inflow.sandbox.gmail.Correspondents.Kind;
import java.util.List;
import java.util.Map;

/**
 * Subjects and first lines of the generated mail, by kind of sender. A message's {@code variant} picks the
 * template and the number in it, so the same variant always reads the same. Snippets keep Gmail's habit of
 * HTML-escaping apostrophes.
 */
final class Wording {

    private record Templates(List<String> subjects, List<String> openings) {}

    private static final Map<Kind, Templates> TEMPLATES = Map.ofEntries(
            Map.entry(Kind.CLIENT, new Templates(
                    List.of("Quote for order #%d", "Contract renewal %d", "Question about delivery %d",
                            "Meeting notes, week %d", "Project kickoff for site %d"),
                    List.of("Hi, thanks for the quick turnaround on item %d. Could you confirm the dates?",
                            "Following up on our call: we&#39;d like to go ahead with option %d.",
                            "Please find attached the signed copy (ref %d). Let us know if anything is missing."))),
            Map.entry(Kind.COLLEAGUE, new Templates(
                    List.of("Sprint %d planning", "Code review: PR #%d", "Design doc draft v%d",
                            "Release %d checklist", "Lunch on Friday? (%d)"),
                    List.of("I&#39;ve left a few comments on section %d, nothing blocking.",
                            "Can we move the sync to 3pm? I have a clash with meeting %d.",
                            "Draft is up for review, about %d pages. Feedback welcome before Thursday."))),
            Map.entry(Kind.VENDOR, new Templates(
                    List.of("Invoice INV-%05d", "Shipping confirmation %d", "Price list update %d", "Invoice INV-%05d overdue"),
                    List.of("Please find attached invoice %d, payable within 30 days.",
                            "Your shipment %d left our warehouse this morning.",
                            "Our updated price list takes effect on the 1st (ref %d)."))),
            Map.entry(Kind.FRIEND, new Templates(
                    List.of("Weekend plans", "Photos from the trip (%d)", "Dinner at ours?", "Happy birthday!", "Book club #%d"),
                    List.of("Hey! Are you free on Saturday? We&#39;re thinking of a hike, about %d km.",
                            "Here are the photos I promised, %d of them, enjoy!",
                            "It&#39;s been ages, let&#39;s catch up soon. Call you around %d?"))),
            Map.entry(Kind.TRAVEL, new Templates(
                    List.of("Your booking TW%d is confirmed", "Check in now for flight TW%d", "Trip reminder: booking %d"),
                    List.of("Thank you for booking with Travelwise. Your confirmation number is TW%d.",
                            "Online check-in is now open for your flight TW%d."))),
            Map.entry(Kind.NEWSLETTER, new Templates(
                    List.of("The Daily Brief, issue %d", "This week in tech #%d"),
                    List.of("Good morning. Today&#39;s top stories, %d minutes of reading.",
                            "In this issue: %d things you missed this week."))),
            Map.entry(Kind.SHOP, new Templates(
                    List.of("Your order #%d has shipped", "%d%% off everything this weekend", "Order confirmation #%d"),
                    List.of("Good news! Your order %d is on its way.",
                            "Don&#39;t miss out: up to %d%% off selected items."))),
            Map.entry(Kind.DEVTOOLS, new Templates(
                    List.of("[inflow] Build #%d failed", "[inflow] PR #%d merged", "[inflow] New issue #%d"),
                    List.of("The workflow run %d failed on main. View the logs for details.",
                            "Pull request %d was merged into main."))),
            Map.entry(Kind.SOCIAL, new Templates(
                    List.of("You have %d new notifications", "Someone tagged you in a photo (%d)"),
                    List.of("You have %d new notifications waiting for you on FriendNet."))),
            Map.entry(Kind.BILLING, new Templates(
                    List.of("Your invoice %d is available", "Payment received, receipt %d"),
                    List.of("Your monthly invoice %d is ready. The amount will be charged to your card."))),
            Map.entry(Kind.FORUM, new Templates(
                    List.of("Digest for dev-talk: %d new posts", "New reply in thread %d"),
                    List.of("%d new posts in topics you follow since your last visit."))),
            Map.entry(Kind.SPAM, new Templates(
                    List.of("You have WON prize #%d!!!", "Pre-approved loan of $%d,000"),
                    List.of("Congratulations!!! Claim your reward %d now before it expires."))));

    private Wording() {}

    static String subject(Kind kind, int variant) {
        Templates templates = TEMPLATES.get(kind);
        String template = templates.subjects().get(Math.floorMod(variant, templates.subjects().size()));
        return template.contains("%") ? String.format(template, number(variant)) : template;
    }

    static String snippet(Kind kind, int variant) {
        Templates templates = TEMPLATES.get(kind);
        String template = templates.openings().get(Math.floorMod(variant >>> 8, templates.openings().size()));
        return String.format(template, number(variant));
    }

    /** Whether the sender's mail with this variant is an invoice (for the Invoices label). */
    static boolean isInvoice(Kind kind, int variant) {
        return subject(kind, variant).startsWith("Invoice ");
    }

    /** Whether the shop's mail with this variant is about an order (for the Receipts label). */
    static boolean isOrder(Kind kind, int variant) {
        return kind == Kind.SHOP && subject(kind, variant).contains("rder");
    }

    private static int number(int variant) {
        return 10 + Math.floorMod(variant >>> 12, 9_000);
    }
}
