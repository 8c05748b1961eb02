package io.inflow.sandbox.mindbody;

import io.inflow.sandbox.Deletion;
import io.inflow.sandbox.DeletionRequests;
import io.inflow.sandbox.Modification;
import io.inflow.sandbox.Restoration;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The generated studio: clients, scheduled classes with their visits, and sales. Only clients change (through
 * {@link #modify}, {@link #merge}, {@link #delete} and {@link #restore}); they are read under {@link #read} and
 * changed under its write lock, so a page never mixes old and new.
 */
final class Studio {

    record Staff(long id, String firstName, String lastName) {
        String displayName() {
            return firstName + " " + lastName.charAt(0) + ".";
        }
    }

    /** A client; what {@link Studio#modify} changes is mutable, under the studio's write lock. */
    static final class Client {
        final String id;
        final long uniqueId;
        final String firstName;
        final String lastName;
        final String gender;
        final String addressLine1;
        final String city;
        final String postalCode;
        final String birthDate;
        final String status;
        final boolean prospect;
        final Instant created;
        final String firstClassDate;
        final Catalogue.Location homeLocation;
        final String referredBy;
        final boolean promotionalEmails;
        String email;
        String mobilePhone;
        double accountBalance;
        Instant lastModified;
        /** Merged into another client by the front desk: gone from every client list. */
        boolean merged;
        /** Deleted (the sandbox's admin "delete"): gone from every client list until restored. */
        boolean deleted;

        Client(String id, long uniqueId, String firstName, String lastName, String gender, String addressLine1,
               String city, String postalCode, String birthDate, String status, boolean prospect, Instant created,
               String firstClassDate, Catalogue.Location homeLocation, String referredBy, boolean promotionalEmails,
               String email, String mobilePhone, double accountBalance, Instant lastModified) {
            this.id = id;
            this.uniqueId = uniqueId;
            this.firstName = firstName;
            this.lastName = lastName;
            this.gender = gender;
            this.addressLine1 = addressLine1;
            this.city = city;
            this.postalCode = postalCode;
            this.birthDate = birthDate;
            this.status = status;
            this.prospect = prospect;
            this.created = created;
            this.firstClassDate = firstClassDate;
            this.homeLocation = homeLocation;
            this.referredBy = referredBy;
            this.promotionalEmails = promotionalEmails;
            this.email = email;
            this.mobilePhone = mobilePhone;
            this.accountBalance = accountBalance;
            this.lastModified = lastModified;
        }

        boolean active() {
            return "Active".equals(status);
        }

        /** On the client lists: neither merged away nor deleted. */
        boolean listed() {
            return !merged && !deleted;
        }
    }

    /**
     * One occurrence of a class; its visits are {@code visits[visitsFrom..visitsTo)} of the studio.
     */
    record ScheduledClass(int id, int scheduleId, LocalDateTime start, LocalDateTime end, Instant lastModified,
                          Catalogue.Description description, Catalogue.Location location, Staff staff, boolean canceled,
                          boolean substitute, int maxCapacity, int webCapacity, int waitlist, int visitsFrom,
                          int visitsTo, int booked, int signedIn, int webBooked) {}

    record Visit(long id, int classIndex, int clientIndex, boolean signedIn, boolean lateCancelled, boolean missed,
                 boolean webSignup, boolean makeUp, Catalogue.PricingOption service, Instant lastModified) {}

    record SaleItem(long saleDetailId, Catalogue.PricingOption product, int quantity, double discountPercent,
                    boolean returned) {
        double gross() {
            return Math.round(product.price() * quantity * 100) / 100.0;
        }

        double discount() {
            return Math.round(gross() * discountPercent) / 100.0;
        }

        double total() {
            return Math.round((gross() - discount()) * 100) / 100.0;
        }
    }

    record Payment(long id, double amount, int method, String type, long transactionId) {}

    record Sale(long id, LocalDateTime at, int clientIndex, Staff salesRep, Catalogue.Location location,
                List<SaleItem> items, Payment payment) {}

    /** Keeps the deletes' random streams apart from the modifications'. */
    private static final long DELETE = 0x44656C657465L;

    private final long seed;
    private final List<Client> clients;
    private final List<Staff> staff;
    private final List<ScheduledClass> classes;
    private final List<Visit> visits;
    private final List<Sale> sales;
    private final Clock clock;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private Instant latestModification;
    private long modifications;
    private long deletions;

    Studio(long seed, List<Client> clients, List<Staff> staff, List<ScheduledClass> classes, List<Visit> visits,
           List<Sale> sales, Clock clock) {
        this.seed = seed;
        this.clients = List.copyOf(clients);
        this.staff = List.copyOf(staff);
        this.classes = List.copyOf(classes);
        this.visits = List.copyOf(visits);
        this.sales = List.copyOf(sales);
        this.clock = clock;
        this.latestModification = clients.stream().map(c -> c.lastModified).max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    List<Client> clients() {
        return clients;
    }

    List<Staff> staff() {
        return staff;
    }

    List<ScheduledClass> classes() {
        return classes;
    }

    List<Visit> visits() {
        return visits;
    }

    List<Sale> sales() {
        return sales;
    }

    long activeClients() {
        return read(() -> clients.stream().filter(c -> c.listed() && c.active()).count());
    }

    /** Clients on the lists: neither merged away nor deleted. */
    long listedClients() {
        return read(() -> clients.stream().filter(Client::listed).count());
    }

    /**
     * Deletes {@code count} distinct clients on the lists, chosen from the seed and the number of earlier deletes:
     * they leave every client list (their past visits and sales keep naming them) and keep everything else, so a
     * restore brings them back unchanged. Answers their {@code UniqueId}s in list order.
     */
    Deletion delete(int count) {
        lock.writeLock().lock();
        try {
            List<Client> listed = clients.stream().filter(Client::listed).toList();
            DeletionRequests.checkCount(count, listed.size());
            deletions++;
            int[] picks = DeletionRequests.distinct(count, listed.size(), DeletionRequests.random(seed, DELETE, deletions));
            List<String> ids = new ArrayList<>(count);
            for (int pick : picks) {
                Client client = listed.get(pick);
                client.deleted = true;
                ids.add(Long.toString(client.uniqueId));
            }
            return new Deletion(count, ids);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Brings these deleted clients back, by {@code UniqueId}; all or nothing. */
    Restoration restore(List<String> uniqueIds) {
        lock.writeLock().lock();
        try {
            List<Client> chosen = new ArrayList<>();
            for (String id : uniqueIds) {
                Client client = clients.stream().filter(c -> Long.toString(c.uniqueId).equals(id)).findFirst()
                        .orElseThrow(() -> DeletionRequests.unknownId(id));
                if (!client.deleted) {
                    throw DeletionRequests.notDeleted(id);
                }
                chosen.add(client);
            }
            chosen.forEach(client -> client.deleted = false);
            return new Restoration(chosen.size(), uniqueIds);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Brings every deleted client back. */
    Restoration restoreAll() {
        lock.writeLock().lock();
        try {
            List<String> ids = new ArrayList<>();
            for (Client client : clients) {
                if (client.deleted) {
                    client.deleted = false;
                    ids.add(Long.toString(client.uniqueId));
                }
            }
            return new Restoration(ids.size(), ids);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Merges these clients, by {@code UniqueId}, into others, as the front desk does with duplicate profiles: they
     * leave every client list (their past visits and sales keep naming them).
     */
    void merge(List<Long> uniqueIds) {
        lock.writeLock().lock();
        try {
            for (long uniqueId : uniqueIds) {
                clients.stream().filter(c -> c.uniqueId == uniqueId).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no client with UniqueId " + uniqueId))
                        .merged = true;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Non-canceled and canceled class occurrences per calendar month of their start, "2025-03" to count. */
    Map<String, Long> classesPerMonth() {
        return classes.stream().collect(Collectors.groupingBy(c -> c.start().toString().substring(0, 7), TreeMap::new,
                Collectors.counting()));
    }

    <T> T read(Supplier<T> reading) {
        lock.readLock().lock();
        try {
            return reading.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Changes {@code count} distinct clients not deleted, chosen from the seed and the number of earlier calls, as front-desk
     * staff would: a new mobile number and a charge on account. They all get one new {@code LastModifiedDateTime},
     * strictly later than any before. Active and inactive clients keep their counts.
     */
    Modification modify(int count) {
        lock.writeLock().lock();
        try {
            List<Client> candidates = clients.stream().filter(c -> !c.deleted).toList();
            if (count < 1 || count > candidates.size()) {
                throw new IllegalArgumentException("count must be between 1 and " + candidates.size());
            }
            modifications++;
            int[] chosen = distinct(count, candidates.size(), new SplittableRandom(StudioGenerator.mix(seed ^ StudioGenerator.mix(modifications))));
            return touch(Arrays.stream(chosen).mapToObj(candidates::get).toList());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Changes these clients, by {@code UniqueId}, as {@link #modify(int)} does. */
    Modification modify(List<Long> uniqueIds) {
        lock.writeLock().lock();
        try {
            List<Client> chosen = new ArrayList<>();
            for (long uniqueId : uniqueIds) {
                chosen.add(clients.stream().filter(c -> c.uniqueId == uniqueId).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no client with UniqueId " + uniqueId)));
            }
            modifications++;
            return touch(chosen);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private Modification touch(List<Client> chosen) {
        Instant now = clock.instant();
        Instant at = now.isAfter(latestModification) ? now : latestModification.plusMillis(1);
        List<String> ids = new ArrayList<>();
        for (Client client : chosen) {
            client.mobilePhone = "(503) 555-01" + String.format("%02d", (int) ((client.uniqueId + modifications) % 100));
            client.accountBalance = Math.round((client.accountBalance - 12.5) * 100) / 100.0;
            client.lastModified = at;
            ids.add(Long.toString(client.uniqueId));
        }
        latestModification = at;
        return new Modification(chosen.size(), ids);
    }

    /** Floyd's sampling of {@code count} of {@code 0..bound-1}, in ascending order. */
    private static int[] distinct(int count, int bound, SplittableRandom random) {
        Set<Integer> chosen = new HashSet<>(count * 2);
        for (int j = bound - count; j < bound; j++) {
            int pick = random.nextInt(j + 1);
            chosen.add(chosen.contains(pick) ? j : pick);
        }
        return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
