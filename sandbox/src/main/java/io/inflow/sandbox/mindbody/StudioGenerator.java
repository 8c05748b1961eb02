package io.inflow.sandbox.mindbody;

import io.inflow.sandbox.mindbody.Catalogue.Description;
import io.inflow.sandbox.mindbody.Catalogue.Location;
import io.inflow.sandbox.mindbody.Catalogue.PricingOption;
import io.inflow.sandbox.mindbody.Studio.Client;
import io.inflow.sandbox.mindbody.Studio.Payment;
import io.inflow.sandbox.mindbody.Studio.Sale;
import io.inflow.sandbox.mindbody.Studio.SaleItem;
import io.inflow.sandbox.mindbody.Studio.ScheduledClass;
import io.inflow.sandbox.mindbody.Studio.Staff;
import io.inflow.sandbox.mindbody.Studio.Visit;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates the studio from a seed: the same seed always gives the same clients, classes, visits and sales, and
 * every seed gives exactly the counts of {@link StudioFigures}. Each part draws from its own random stream, so a
 * change to how one part is drawn leaves the others as they were.
 */
final class StudioGenerator {

    /** The site's time zone: class and sale times are wall-clock times here. */
    static final ZoneId SITE_ZONE = ZoneId.of("America/Los_Angeles");
    /** When the data was "exported": nothing was created or modified after this. */
    static final Instant AS_OF = StudioFigures.LAST_CLASS_DAY.plusDays(1).atStartOfDay(SITE_ZONE).toInstant().minusSeconds(1);
    static final Instant FIRST_CLIENT = Instant.parse("2016-01-04T17:00:00Z");
    static final Instant LAST_CLIENT = Instant.parse("2025-11-12T02:00:00Z");

    private static final List<LocalTime> TIMES = List.of(LocalTime.of(6, 0), LocalTime.of(7, 15), LocalTime.of(8, 30),
            LocalTime.of(9, 45), LocalTime.of(11, 0), LocalTime.of(12, 15), LocalTime.of(13, 30), LocalTime.of(16, 0),
            LocalTime.of(17, 15), LocalTime.of(18, 30), LocalTime.of(19, 45), LocalTime.of(20, 45));
    private static final double[] TIME_DEMAND = {0.9, 0.95, 0.9, 0.85, 0.5, 0.8, 0.3, 0.45, 1.0, 1.0, 0.75, 0.35};
    private static final double[] LOCATION_DEMAND = {1.0, 0.9, 0.8};
    private static final List<MonthDay> HOLIDAYS = List.of(MonthDay.of(11, 28), MonthDay.of(12, 24),
            MonthDay.of(12, 25), MonthDay.of(12, 31), MonthDay.of(1, 1), MonthDay.of(7, 4), MonthDay.of(11, 27));

    private final long seed;

    StudioGenerator(long seed) {
        this.seed = seed;
    }

    Studio generate(Clock clock) {
        List<Staff> staff = staff(stream(1));
        List<Client> clients = clients(stream(2));
        Schedule schedule = classes(stream(3), staff);
        Booked booked = visits(stream(4), schedule, clients);
        List<Sale> sales = sales(stream(5), clients, staff);
        return new Studio(seed, clients, staff, booked.classes(), booked.visits(), sales, clock);
    }

    private SplittableRandom stream(long part) {
        return new SplittableRandom(mix(seed ^ mix(0x4D696E64626F6479L + part)));
    }

    /** SplitMix64's finaliser: a bijection on 64-bit values. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---------------------------------------------------------------- staff

    private static List<Staff> staff(SplittableRandom random) {
        List<Staff> staff = new ArrayList<>();
        Set<String> names = new HashSet<>();
        while (staff.size() < 36) {
            boolean female = random.nextDouble() < 0.75;
            String first = pick(female ? Catalogue.FEMALE_NAMES : Catalogue.MALE_NAMES, random);
            String last = pick(Catalogue.LAST_NAMES, random);
            if (names.add(first + " " + last)) {
                staff.add(new Staff(100_000_100L + staff.size() * 3L, first, last));
            }
        }
        return staff;
    }

    // ---------------------------------------------------------------- clients

    private static List<Client> clients(SplittableRandom random) {
        int n = StudioFigures.CLIENTS;
        boolean[] active = chooseActive(n, random);
        long span = LAST_CLIENT.toEpochMilli() - FIRST_CLIENT.toEpochMilli();
        long uniqueId = 100_001_000L;
        Instant previousModified = null;
        List<Client> clients = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double share = Math.pow((i + random.nextDouble()) / n, 0.85);
            Instant created = Instant.ofEpochMilli(FIRST_CLIENT.toEpochMilli() + (long) (share * span));
            uniqueId += 1 + (random.nextDouble() < 0.08 ? 1 + random.nextInt(3) : 0);
            String id = random.nextDouble() < 0.08 ? String.format(Locale.ROOT, "LUM%06d", uniqueId % 1_000_000)
                    : Long.toString(uniqueId);
            String status = active[i] ? "Active" : inactiveStatus(random.nextDouble());
            boolean prospect = status.equals("Non-Member") && random.nextDouble() < 0.25;
            double genderDraw = random.nextDouble();
            String gender = genderDraw < 0.68 ? "Female" : genderDraw < 0.98 ? "Male" : "None";
            String first = pick(gender.equals("Male") || (gender.equals("None") && random.nextBoolean())
                    ? Catalogue.MALE_NAMES : Catalogue.FEMALE_NAMES, random);
            String last = pick(Catalogue.LAST_NAMES, random);
            String email = (first + "." + last).toLowerCase(Locale.ROOT).replace("'", "")
                    + (random.nextBoolean() ? Integer.toString(random.nextInt(100)) : "") + "@"
                    + pick(Catalogue.EMAIL_DOMAINS, random);
            String mobile = String.format(Locale.ROOT, "(503) 555-01%02d", random.nextInt(100));
            String address = (100 + random.nextInt(9_900)) + " " + pick(Catalogue.STREETS, random);
            List<String> city = pick(Catalogue.CITIES, random);
            LocalDate birth = LocalDate.of(1952, 1, 1).plusDays(random.nextInt(20_000));
            String firstClass = prospect ? null
                    : created.atZone(SITE_ZONE).toLocalDate().plusDays(random.nextInt(21)) + "T00:00:00";
            double locationDraw = random.nextDouble();
            Location home = Catalogue.LOCATIONS.get(locationDraw < 0.45 ? 0 : locationDraw < 0.8 ? 1 : 2);
            String referredBy = random.nextDouble() < 0.6 ? pick(Catalogue.REFERRALS, random) : null;
            boolean promotional = random.nextDouble() < 0.7;
            double balanceDraw = random.nextDouble();
            double balance = balanceDraw < 0.86 ? 0.0
                    : balanceDraw < 0.95 ? -(5 + random.nextInt(350)) / 2.0 : (5 + random.nextInt(190)) / 2.0;
            Instant modified = lastModified(created, active[i], random);
            if (previousModified != null && random.nextDouble() < 0.02 && !previousModified.isBefore(created)) {
                modified = previousModified; // a bulk edit: several clients share one modification time
            }
            previousModified = modified;
            clients.add(new Client(id, uniqueId, first, last, gender, address, city.get(0), city.get(1),
                    birth + "T00:00:00", status, prospect, created, firstClass, home, referredBy, promotional, email,
                    mobile, balance, modified));
        }
        return clients;
    }

    /** Exactly {@link StudioFigures#ACTIVE_CLIENTS} of them, more likely among recent clients (weighted sampling). */
    private static boolean[] chooseActive(int n, SplittableRandom random) {
        double[] keys = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            double weight = 0.05 + Math.pow((double) i / n, 2);
            keys[i] = Math.pow(random.nextDouble(), 1 / weight);
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> keys[i]).reversed().thenComparing(i -> i));
        boolean[] active = new boolean[n];
        for (int i = 0; i < StudioFigures.ACTIVE_CLIENTS; i++) {
            active[order[i]] = true;
        }
        return active;
    }

    private static String inactiveStatus(double draw) {
        return draw < 0.58 ? "Non-Member" : draw < 0.83 ? "Expired" : draw < 0.91 ? "Terminated"
                : draw < 0.96 ? "Suspended" : "Declined";
    }

    private static Instant lastModified(Instant created, boolean active, SplittableRandom random) {
        long room = AS_OF.toEpochMilli() - created.toEpochMilli();
        long offset = active ? room - random.nextLong(Math.min(room, Duration.ofDays(150).toMillis()) + 1)
                : (long) (Math.pow(random.nextDouble(), 2) * room);
        return Instant.ofEpochMilli(created.toEpochMilli() + Math.max(0, offset));
    }

    // ---------------------------------------------------------------- classes

    private record Slot(int location, int room, int time) {}

    /** One weekday's recurring class in a slot: what is taught, by whom, under which schedule id. */
    private record Recurring(int scheduleId, Description description, Staff staff, double priority) {}

    private record Draft(LocalDateTime start, Slot slot, Recurring recurring) {}

    private record Schedule(List<Draft> drafts, SplittableRandom random, List<Staff> staff) {}

    private static Schedule classes(SplittableRandom random, List<Staff> staff) {
        List<Slot> slots = new ArrayList<>();
        for (int l = 0; l < Catalogue.LOCATIONS.size(); l++) {
            for (int r = 0; r < Catalogue.LOCATIONS.get(l).rooms().size(); r++) {
                for (int t = 0; t < TIMES.size(); t++) {
                    slots.add(new Slot(l, r, t));
                }
            }
        }
        // for each weekday, what runs in each slot, and the order in which slots are filled on a busy or quiet day
        List<List<Integer>> ranking = new ArrayList<>();
        Recurring[][] recurring = new Recurring[7][slots.size()];
        for (int day = 0; day < 7; day++) {
            for (int s = 0; s < slots.size(); s++) {
                Slot slot = slots.get(s);
                Catalogue.Room room = Catalogue.LOCATIONS.get(slot.location()).rooms().get(slot.room());
                List<Description> offered = Catalogue.descriptionsOf(room.programIds().get(random.nextInt(room.programIds().size())));
                double priority = TIME_DEMAND[slot.time()] * LOCATION_DEMAND[slot.location()] + random.nextDouble() * 0.35;
                recurring[day][s] = new Recurring(10_000 + day * 1_000 + s, pick(offered, random), pick(staff, random), priority);
            }
            int weekday = day;
            List<Integer> order = new ArrayList<>();
            for (int s = 0; s < slots.size(); s++) {
                order.add(s);
            }
            order.sort(Comparator.comparingDouble((Integer s) -> recurring[weekday][s].priority()).reversed());
            ranking.add(order);
        }

        List<LocalDate> days = StudioFigures.FIRST_CLASS_DAY.datesUntil(StudioFigures.LAST_CLASS_DAY.plusDays(1)).toList();
        double[] weights = new double[days.size()];
        for (int d = 0; d < days.size(); d++) {
            weights[d] = dayDemand(days.get(d)) * (0.97 + random.nextDouble() * 0.06);
        }
        int[] perDay = allocate(StudioFigures.CLASSES, weights, slots.size());
        List<Draft> drafts = new ArrayList<>(StudioFigures.CLASSES);
        for (int d = 0; d < days.size(); d++) {
            int weekday = days.get(d).getDayOfWeek().getValue() - 1;
            List<Integer> used = new ArrayList<>(ranking.get(weekday).subList(0, perDay[d]));
            used.sort(Comparator.naturalOrder());
            for (int s : used) {
                Slot slot = slots.get(s);
                drafts.add(new Draft(days.get(d).atTime(TIMES.get(slot.time())), slot, recurring[weekday][s]));
            }
        }
        drafts.sort(Comparator.comparing(Draft::start).thenComparingInt(d -> d.slot().location())
                .thenComparingInt(d -> d.slot().room()));
        return new Schedule(drafts, random, staff);
    }

    private static double dayDemand(LocalDate day) {
        if (HOLIDAYS.contains(MonthDay.from(day))) {
            return 0.35;
        }
        DayOfWeek weekday = day.getDayOfWeek();
        return switch (weekday) {
            case MONDAY, WEDNESDAY -> 1.12;
            case TUESDAY -> 1.10;
            case THURSDAY -> 1.08;
            case FRIDAY -> 0.95;
            case SATURDAY -> 0.88;
            case SUNDAY -> 0.75;
        };
    }

    /** Splits {@code total} in proportion to {@code weights} (largest remainders), no share above {@code cap}. */
    static int[] allocate(int total, double[] weights, int cap) {
        double sum = Arrays.stream(weights).sum();
        int[] shares = new int[weights.length];
        double[] remainders = new double[weights.length];
        int given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * weights[i] / sum;
            shares[i] = Math.min(cap, (int) Math.floor(exact));
            remainders[i] = exact - shares[i];
            given += shares[i];
        }
        Integer[] order = new Integer[weights.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> remainders[i]).reversed().thenComparing(i -> i));
        for (int k = 0; given < total; k = (k + 1) % order.length) {
            if (shares[order[k]] < cap) {
                shares[order[k]]++;
                given++;
            }
        }
        return shares;
    }

    // ---------------------------------------------------------------- visits

    private record Booked(List<ScheduledClass> classes, List<Visit> visits) {}

    private static Booked visits(SplittableRandom random, Schedule schedule, List<Client> clients) {
        List<Draft> drafts = schedule.drafts();
        int n = drafts.size();
        boolean[] canceled = new boolean[n];
        int[] capacity = new int[n];
        double[] demand = new double[n];
        double[] popularity = new double[Catalogue.DESCRIPTIONS.size() + 1];
        for (int d = 1; d < popularity.length; d++) {
            popularity[d] = 0.35 + random.nextDouble() * 0.55;
        }
        for (int i = 0; i < n; i++) {
            Draft draft = drafts.get(i);
            canceled[i] = random.nextDouble() < 0.012;
            capacity[i] = draft.recurring().description().program().capacity();
            boolean weekend = draft.start().getDayOfWeek().getValue() >= 6;
            demand[i] = canceled[i] ? 0 : capacity[i] * popularity[draft.recurring().description().id()]
                    * TIME_DEMAND[draft.slot().time()] * (weekend ? 1.1 : 1.0) * (0.5 + random.nextDouble());
        }
        int[] booked = scaled(StudioFigures.VISITS, demand, capacity, canceled, random);

        List<Integer> activePool = new ArrayList<>();
        List<Integer> otherPool = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            Client client = clients.get(c);
            if (client.active()) {
                activePool.add(c);
            } else if (!client.status.equals("Declined") && !client.prospect) {
                otherPool.add(c);
            }
        }
        long[] createdAt = clients.stream().mapToLong(c -> c.created.toEpochMilli()).toArray();

        List<ScheduledClass> classes = new ArrayList<>(n);
        List<Visit> visits = new ArrayList<>(StudioFigures.VISITS);
        long visitId = 300_000_000L;
        for (int i = 0; i < n; i++) {
            Draft draft = drafts.get(i);
            Description description = draft.recurring().description();
            LocalDateTime end = draft.start().plusMinutes(description.minutes());
            Instant startInstant = draft.start().atZone(SITE_ZONE).toInstant();
            Instant endInstant = end.atZone(SITE_ZONE).toInstant();
            int eligible = upperBound(createdAt, startInstant.toEpochMilli());
            int from = visits.size();
            Set<Integer> inClass = new HashSet<>();
            int bookedCount = 0;
            int signedIn = 0;
            int web = 0;
            Instant latest = endInstant.plus(10 + random.nextInt(230), ChronoUnit.MINUTES);
            for (int v = 0; v < booked[i]; v++) {
                int client = pickClient(random, activePool, otherPool, eligible, inClass);
                double draw = random.nextDouble();
                boolean lateCancelled = draw < 0.05;
                boolean missed = !lateCancelled && draw < 0.14;
                boolean webSignup = random.nextDouble() < 0.62;
                Client who = clients.get(client);
                PricingOption service = who.active()
                        ? (who.uniqueId % 3 == 0 ? Catalogue.EIGHT_A_MONTH : Catalogue.UNLIMITED)
                        : visitorService(random, description);
                Instant modified = lateCancelled
                        ? startInstant.minus(1 + random.nextInt(11), ChronoUnit.HOURS)
                        : endInstant.plus(5 + random.nextInt(715), ChronoUnit.MINUTES);
                modified = min(modified, AS_OF);
                visitId += 1 + (random.nextDouble() < 0.1 ? random.nextInt(4) : 0);
                visits.add(new Visit(visitId, i, client, !lateCancelled && !missed, lateCancelled, missed, webSignup,
                        random.nextDouble() < 0.01, service, modified));
                if (!lateCancelled) {
                    bookedCount++;
                    signedIn += missed ? 0 : 1;
                    web += webSignup ? 1 : 0;
                }
                latest = modified.isAfter(latest) ? modified : latest;
            }
            Instant classModified = canceled[i] ? startInstant.minus(2 + random.nextInt(70), ChronoUnit.HOURS) : latest;
            boolean substitute = random.nextDouble() < 0.04;
            Staff teacher = substitute ? pick(schedule.staff(), random) : draft.recurring().staff();
            int webCapacity = capacity[i] - (capacity[i] >= 20 ? 2 : 1);
            int waitlist = bookedCount >= capacity[i] ? random.nextInt(4) : 0;
            classes.add(new ScheduledClass(80_000 + i, draft.recurring().scheduleId(), draft.start(), end,
                    min(classModified, AS_OF), description, Catalogue.LOCATIONS.get(draft.slot().location()), teacher,
                    canceled[i], substitute, capacity[i], webCapacity, waitlist, from, visits.size(), bookedCount,
                    signedIn, web));
        }
        return new Booked(classes, visits);
    }

    /** Visits per class: in proportion to demand, within capacity, adding up to exactly {@code total}. */
    private static int[] scaled(int total, double[] demand, int[] capacity, boolean[] canceled, SplittableRandom random) {
        double sum = Arrays.stream(demand).sum();
        int[] counts = new int[demand.length];
        int given = 0;
        for (int i = 0; i < demand.length; i++) {
            counts[i] = Math.min(capacity[i], (int) Math.floor(demand[i] * total / sum));
            given += counts[i];
        }
        while (given < total) {
            int i = random.nextInt(demand.length);
            if (!canceled[i] && counts[i] < capacity[i]) {
                counts[i]++;
                given++;
            }
        }
        return counts;
    }

    /** A client created before the class who is not in it yet: a member 72% of the time, else a visitor. */
    private static int pickClient(SplittableRandom random, List<Integer> activePool, List<Integer> otherPool,
                                  int eligible, Set<Integer> inClass) {
        for (int attempt = 0; ; attempt++) {
            List<Integer> pool = random.nextDouble() < 0.72 ? activePool : otherPool;
            int bound = lowerBoundIndex(pool, eligible);
            if (bound == 0) {
                pool = pool == activePool ? otherPool : activePool;
                bound = lowerBoundIndex(pool, eligible);
            }
            int client = pool.get(random.nextInt(bound));
            if (inClass.add(client) || attempt > 50) {
                return client;
            }
        }
    }

    /** How many of the pool's (ascending) client indexes are below {@code limit}. */
    private static int lowerBoundIndex(List<Integer> pool, int limit) {
        int low = 0;
        int high = pool.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (pool.get(mid) < limit) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** How many of the ascending {@code values} are at most {@code limit}. */
    private static int upperBound(long[] values, long limit) {
        int low = 0;
        int high = values.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (values[mid] <= limit) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static PricingOption visitorService(SplittableRandom random, Description description) {
        if (description.program().id() == 23 && random.nextDouble() < 0.6) {
            return Catalogue.REFORMER_PACK;
        }
        double draw = random.nextDouble();
        return draw < 0.5 ? Catalogue.CLASS_PACK : draw < 0.8 ? Catalogue.DROP_IN : Catalogue.INTRO;
    }

    // ---------------------------------------------------------------- sales

    private record SaleDraft(LocalDateTime at, int client, Staff rep, Location location, List<ItemDraft> items,
                             String paymentType) {}

    private record ItemDraft(PricingOption product, int quantity, double discountPercent, boolean returned) {}

    private static List<Sale> sales(SplittableRandom random, List<Client> clients, List<Staff> staff) {
        LocalDate first = StudioFigures.FIRST_CLASS_DAY;
        LocalDate last = StudioFigures.LAST_CLASS_DAY;
        List<SaleDraft> drafts = new ArrayList<>();
        List<Integer> members = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            Client client = clients.get(c);
            if (client.active()) {
                members.add(c);
            } else if (!client.prospect) {
                others.add(c);
            }
        }
        for (int c : members) {
            Client client = clients.get(c);
            PricingOption membership = client.uniqueId % 3 == 0 ? Catalogue.EIGHT_A_MONTH : Catalogue.UNLIMITED;
            LocalDate joined = client.created.atZone(SITE_ZONE).toLocalDate().plusDays(random.nextInt(11));
            LocalDate start = joined.isBefore(first) ? first.plusDays(random.nextInt(28)) : joined;
            double discount = random.nextDouble() < 0.05 ? 10 : 0;
            for (LocalDate day = start; !day.isAfter(last); day = day.plusMonths(1)) {
                drafts.add(new SaleDraft(day.atTime(3, random.nextInt(50), random.nextInt(60)), c, null,
                        client.homeLocation, List.of(new ItemDraft(membership, 1, discount, false)), "Credit Card"));
            }
        }
        int autopays = drafts.size();
        if (autopays > StudioFigures.SALES) {
            throw new IllegalStateException("more membership renewals (" + autopays + ") than sales");
        }
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        long[] createdAt = clients.stream().mapToLong(c -> c.created.toEpochMilli()).toArray();
        List<Staff> frontDesk = staff.subList(0, 8);
        for (int s = autopays; s < StudioFigures.SALES; s++) {
            LocalDateTime at = first.plusDays(random.nextLong(days)).atTime(6, 30)
                    .plusSeconds(random.nextInt(14 * 3_600));
            int eligible = upperBound(createdAt, at.atZone(SITE_ZONE).toInstant().toEpochMilli());
            List<Integer> pool = random.nextDouble() < 0.35 ? members : others;
            int bound = lowerBoundIndex(pool, eligible);
            if (bound == 0) {
                pool = pool == members ? others : members;
                bound = lowerBoundIndex(pool, eligible);
            }
            int client = pool.get(random.nextInt(bound));
            List<ItemDraft> items = new ArrayList<>();
            double discount = random.nextDouble() < 0.08 ? (random.nextBoolean() ? 10 : 15) : 0;
            if (random.nextDouble() < 0.55) {
                double draw = random.nextDouble();
                PricingOption service = draw < 0.4 ? Catalogue.CLASS_PACK : draw < 0.7 ? Catalogue.DROP_IN
                        : draw < 0.85 ? Catalogue.INTRO : Catalogue.REFORMER_PACK;
                items.add(new ItemDraft(service, 1, discount, random.nextDouble() < 0.01));
            } else {
                items.add(new ItemDraft(pick(Catalogue.RETAIL, random), 1 + (random.nextDouble() < 0.2 ? 1 : 0),
                        discount, random.nextDouble() < 0.01));
            }
            while (items.size() < 3 && random.nextDouble() < 0.15) {
                items.add(new ItemDraft(pick(Catalogue.RETAIL, random), 1, 0, false));
            }
            double payment = random.nextDouble();
            String type = payment < 0.82 ? "Credit Card" : payment < 0.88 ? "Cash" : payment < 0.95 ? "Account" : "Gift Card";
            drafts.add(new SaleDraft(at, client, pick(frontDesk, random), Catalogue.LOCATIONS.get(random.nextInt(3)),
                    items, type));
        }
        drafts.sort(Comparator.comparing(SaleDraft::at).thenComparingInt(SaleDraft::client));
        List<Sale> sales = new ArrayList<>(drafts.size());
        long detailId = 400_000;
        for (int i = 0; i < drafts.size(); i++) {
            SaleDraft draft = drafts.get(i);
            List<SaleItem> items = new ArrayList<>();
            double total = 0;
            for (ItemDraft item : draft.items()) {
                SaleItem saleItem = new SaleItem(++detailId, item.product(), item.quantity(), item.discountPercent(),
                        item.returned());
                items.add(saleItem);
                total += saleItem.total();
            }
            Payment payment = new Payment(600_000L + i, Math.round(total * 100) / 100.0, paymentMethod(draft.paymentType()),
                    draft.paymentType(), 7_300_000L + i * 7L);
            sales.add(new Sale(180_000L + i, draft.at(), draft.client(), draft.rep(), draft.location(), items, payment));
        }
        return sales;
    }

    /** Payment method ids as the fake numbers them (unverified). */
    private static int paymentMethod(String type) {
        return switch (type) {
            case "Cash" -> 1;
            case "Credit Card" -> 4;
            case "Account" -> 5;
            default -> 9;
        };
    }

    // ---------------------------------------------------------------- helpers

    private static <T> T pick(List<T> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
