package io.inflow.sandbox.gmail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who writes to the mailbox: people at client, colleague, vendor and private domains, and the automated
 * senders of newsletters, shops, travel, code hosting, social networks, billing and forums; spammers only
 * ever send spam. The same whatever the seed: the seed only decides who writes when.
 */
final class Correspondents {

    /** What a sender is, which decides the category, the user label and the wording of its mail. */
    enum Kind {
        CLIENT(true), COLLEAGUE(true), VENDOR(true), FRIEND(true), TRAVEL(false), NEWSLETTER(false), SHOP(false),
        DEVTOOLS(false), SOCIAL(false), BILLING(false), FORUM(false), SPAM(false);

        private final boolean human;

        Kind(boolean human) {
            this.human = human;
        }

        boolean human() {
            return human;
        }
    }

    /** One sender address. */
    record Correspondent(int index, Kind kind, String name, String address, String domain, String zone) {

        /** The From (or To) header value: {@code Name <address>}. */
        String header() {
            return name + " <" + address + ">";
        }
    }

    record Domain(String name, Kind kind, int weight, int people, String displayName, List<String> mailboxes,
                  String zone) {}

    static final String OWNER_ADDRESS = "inflow.sandbox@gmail.com";
    static final String OWNER_NAME = "Inflow Sandbox";
    static final String OWNER_ZONE = "+0100";

    static final List<Domain> DOMAINS = List.of(
            new Domain("northwind-traders.com", Kind.CLIENT, 14, 12, null, List.of(), "-0500"),
            new Domain("contoso-legal.com", Kind.CLIENT, 8, 6, null, List.of(), "+0000"),
            new Domain("fabrikam.io", Kind.COLLEAGUE, 16, 10, null, List.of(), "+0100"),
            new Domain("initech.co", Kind.COLLEAGUE, 6, 5, null, List.of(), "-0800"),
            new Domain("acme-supplies.com", Kind.VENDOR, 7, 4, null, List.of(), "+0200"),
            new Domain("globex.net", Kind.VENDOR, 5, 4, null, List.of(), "+0530"),
            new Domain("gmail.com", Kind.FRIEND, 10, 14, null, List.of(), "+0100"),
            new Domain("outlook.com", Kind.FRIEND, 4, 6, null, List.of(), "+0000"),
            new Domain("travelwise.example", Kind.TRAVEL, 4, 0, "Travelwise", List.of("bookings", "noreply"), "+0000"),
            new Domain("dailybrief.example", Kind.NEWSLETTER, 9, 0, "The Daily Brief", List.of("newsletter", "editors"), "-0500"),
            new Domain("everyday-deals.example", Kind.SHOP, 8, 0, "Everyday Deals", List.of("offers", "orders"), "+0000"),
            new Domain("codehub.example", Kind.DEVTOOLS, 10, 0, "CodeHub", List.of("notifications", "noreply"), "-0800"),
            new Domain("friendnet.example", Kind.SOCIAL, 5, 0, "FriendNet", List.of("notify"), "-0800"),
            new Domain("cloudhost.example", Kind.BILLING, 3, 0, "CloudHost Billing", List.of("billing"), "+0000"),
            new Domain("devtalk.example", Kind.FORUM, 4, 0, "DevTalk Forums", List.of("digest", "forum"), "+0900"),
            new Domain("prize-center.example", Kind.SPAM, 0, 0, "Prize Center", List.of("winner", "claims"), "+0300"),
            new Domain("quick-loans.example", Kind.SPAM, 0, 0, "Quick Loans", List.of("offers"), "-0400"));

    private static final List<String> FIRST = List.of("Alice", "Bruno", "Chen", "Dana", "Emeka", "Farah", "Gustav",
            "Hana", "Ivan", "Julia", "Kofi", "Lena", "Mateo", "Nadia", "Oscar", "Priya", "Quinn", "Rosa", "Sven", "Tara");
    private static final List<String> LAST = List.of("Anders", "Baker", "Costa", "Dubois", "Eriksen", "Fischer",
            "Garcia", "Horvat", "Ito", "Jansen", "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Petrov");

    private final List<Correspondent> all = new ArrayList<>();
    private final List<List<Correspondent>> byDomain = new ArrayList<>();
    private final int totalWeight;

    Correspondents() {
        int weight = 0;
        for (int d = 0; d < DOMAINS.size(); d++) {
            Domain domain = DOMAINS.get(d);
            List<Correspondent> senders = new ArrayList<>();
            if (domain.people() > 0) {
                for (int j = 0; j < domain.people(); j++) {
                    String first = FIRST.get((d * 7 + j * 3) % FIRST.size());
                    String last = LAST.get((d * 5 + j * 11) % LAST.size());
                    String address = first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT) + "@" + domain.name();
                    senders.add(add(domain, first + " " + last, address));
                }
            } else {
                for (String mailbox : domain.mailboxes()) {
                    senders.add(add(domain, domain.displayName(), mailbox + "@" + domain.name()));
                }
            }
            byDomain.add(List.copyOf(senders));
            weight += domain.weight();
        }
        this.totalWeight = weight;
    }

    private Correspondent add(Domain domain, String name, String address) {
        Correspondent correspondent = new Correspondent(all.size(), domain.kind(), name, address, domain.name(), domain.zone());
        all.add(correspondent);
        return correspondent;
    }

    Correspondent get(int index) {
        return all.get(index);
    }

    /** A sender of ordinary mail, domains weighted by how much they write. */
    Correspondent pick(java.util.SplittableRandom random) {
        int draw = random.nextInt(totalWeight);
        for (int d = 0; d < DOMAINS.size(); d++) {
            draw -= DOMAINS.get(d).weight();
            if (draw < 0) {
                List<Correspondent> senders = byDomain.get(d);
                return senders.get(random.nextInt(senders.size()));
            }
        }
        throw new IllegalStateException("weights add up");
    }

    Correspondent pickSpammer(java.util.SplittableRandom random) {
        List<Correspondent> spammers = all.stream().filter(c -> c.kind() == Kind.SPAM).toList();
        return spammers.get(random.nextInt(spammers.size()));
    }

    Correspondent pickHuman(java.util.SplittableRandom random) {
        Correspondent pick;
        do {
            pick = pick(random);
        } while (!pick.kind().human());
        return pick;
    }
}
