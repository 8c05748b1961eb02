package io.inflow.sandbox.toast;

import io.inflow.sandbox.toast.Order.Check;
import io.inflow.sandbox.toast.Order.Payment;
import io.inflow.sandbox.toast.Order.Reference;
import io.inflow.sandbox.toast.Order.Selection;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates a month of a seafood restaurant's orders: the same seed always gives the same orders, exactly
 * {@link Restaurant#ORDERS} of them over {@link Restaurant#DAYS} business dates, busier at weekends.
 *
 * <p>Lunch, dinner and late-night service: a late-night order opened after midnight belongs to the evening's
 * business date, and in UTC it is a day later still. Most orders are last modified when they close; about one in
 * eight is modified later (a tip entered after close, up to three days on, so into later business dates), and
 * about one in 150 is voided after it closed.
 */
final class OrdersGenerator {

    static final long TAX_RATE_MILLIONTHS = 88_750;
    static final String TAX_RATE_GUID = MenuItem.guid("tax-rate:NY Sales Tax");

    private static final Map<DayOfWeek, Double> BUSYNESS = Map.of(
            DayOfWeek.MONDAY, 0.80, DayOfWeek.TUESDAY, 0.82, DayOfWeek.WEDNESDAY, 0.90, DayOfWeek.THURSDAY, 1.0,
            DayOfWeek.FRIDAY, 1.38, DayOfWeek.SATURDAY, 1.45, DayOfWeek.SUNDAY, 1.10);
    private static final Reference DINE_IN = new Reference(MenuItem.guid("dining-option:Dine In"), "DiningOption");
    private static final Reference TAKE_OUT = new Reference(MenuItem.guid("dining-option:Take Out"), "DiningOption");
    private static final Reference DELIVERY = new Reference(MenuItem.guid("dining-option:Delivery"), "DiningOption");
    private static final Reference DINING_ROOM = new Reference(MenuItem.guid("revenue-center:Dining Room"), "RevenueCenter");
    private static final Reference BAR = new Reference(MenuItem.guid("revenue-center:Bar"), "RevenueCenter");
    private static final Reference TAKEOUT_COUNTER = new Reference(MenuItem.guid("revenue-center:Takeout"), "RevenueCenter");
    static final List<String> DEVICES = List.of("f0a1b2c3d4e5", "a9b8c7d6e5f4", "0c1d2e3f4a5b", "7e6d5c4b3a29");
    private static final List<String> CARDS = List.of("VISA", "MASTERCARD", "AMEX", "DISCOVER");

    private final long seed;

    OrdersGenerator(long seed) {
        this.seed = seed;
    }

    List<Order> generate() {
        SplittableRandom random = new SplittableRandom(seed ^ 0x70A57L);
        int[] perDay = ordersPerDay(random);
        List<Reference> servers = references("server", "RestaurantUser", 10);
        List<Reference> tables = references("table", "Table", 24);
        List<Order> orders = new ArrayList<>(Restaurant.ORDERS);
        for (int day = 0; day < Restaurant.DAYS; day++) {
            LocalDate date = Restaurant.FIRST_BUSINESS_DATE.plusDays(day);
            LocalDateTime[] opened = new LocalDateTime[perDay[day]];
            for (int i = 0; i < opened.length; i++) {
                opened[i] = openedAt(date, random);
            }
            Arrays.sort(opened);
            for (int i = 0; i < opened.length; i++) {
                orders.add(order(date, opened[i], i + 1, servers, tables, random));
            }
        }
        return orders;
    }

    /** Exactly {@link Restaurant#ORDERS} orders spread by weekday, with a little noise: largest remainders. */
    private static int[] ordersPerDay(SplittableRandom random) {
        double[] weights = new double[Restaurant.DAYS];
        double sum = 0;
        for (int day = 0; day < weights.length; day++) {
            DayOfWeek weekday = Restaurant.FIRST_BUSINESS_DATE.plusDays(day).getDayOfWeek();
            weights[day] = BUSYNESS.get(weekday) * (0.9 + 0.2 * random.nextDouble());
            sum += weights[day];
        }
        int[] counts = new int[weights.length];
        double[] remainders = new double[weights.length];
        int assigned = 0;
        for (int day = 0; day < weights.length; day++) {
            double exact = Restaurant.ORDERS * weights[day] / sum;
            counts[day] = (int) exact;
            remainders[day] = exact - counts[day];
            assigned += counts[day];
        }
        while (assigned < Restaurant.ORDERS) {
            int largest = 0;
            for (int day = 1; day < remainders.length; day++) {
                if (remainders[day] > remainders[largest]) {
                    largest = day;
                }
            }
            counts[largest]++;
            remainders[largest] = -1;
            assigned++;
        }
        return counts;
    }

    /** Lunch from 11:00, dinner from 17:00, late night from 22:00 to 01:59 the next calendar day. */
    private static LocalDateTime openedAt(LocalDate date, SplittableRandom random) {
        double service = random.nextDouble();
        int minute;
        if (service < 0.36) {
            minute = 11 * 60 + random.nextInt(4 * 60);
        } else if (service < 0.90) {
            minute = 17 * 60 + random.nextInt(5 * 60);
        } else {
            minute = 22 * 60 + random.nextInt(4 * 60);
        }
        return date.atTime(LocalTime.MIDNIGHT).plusMinutes(minute).plusSeconds(random.nextInt(60))
                .plusNanos(random.nextInt(1000) * 1_000_000L);
    }

    private Order order(LocalDate date, LocalDateTime openedLocal, int number, List<Reference> servers,
                        List<Reference> tables, SplittableRandom random) {
        String guid = uuid(random);
        long opened = ZonedDateTime.ofLocal(openedLocal, Restaurant.TIME_ZONE, null).toInstant().toEpochMilli();
        double kind = random.nextDouble();
        Reference dining = kind < 0.60 ? DINE_IN : kind < 0.88 ? TAKE_OUT : DELIVERY;
        boolean dineIn = dining == DINE_IN;
        String source = dineIn ? "In Store" : dining == TAKE_OUT ? pick(random, "In Store", "Online", "Kiosk") : pick(random, "Online", "API");
        int guests = dineIn ? 1 + random.nextInt(6) : 1;
        long duration = minutes(dineIn ? 25 + random.nextInt(71) : 6 + random.nextInt(15)) + random.nextInt(60_000);
        long created = opened + random.nextInt(1_500);
        long closed = opened + duration;
        long paid = closed - 5_000 - random.nextInt(85_000);
        String device = DEVICES.get(random.nextInt(DEVICES.size()));
        Reference server = servers.get(random.nextInt(servers.size()));
        Reference table = dineIn ? tables.get(random.nextInt(tables.size())) : null;
        Reference revenueCenter = dineIn ? (random.nextDouble() < 0.2 ? BAR : DINING_ROOM) : TAKEOUT_COUNTER;

        int selections = dineIn ? Math.min(8, guests + random.nextInt(3)) : 1 + random.nextInt(3);
        int checks = dineIn && guests >= 2 && random.nextDouble() < 0.12 ? 2 : 1;
        boolean voided = random.nextDouble() < 0.0066;
        boolean tipLater = random.nextDouble() < 0.12;
        long modified = closed + random.nextInt(3_000);
        long voidedAt = 0;
        if (voided) {
            voidedAt = closed + minutes(5 + random.nextInt(116));
            modified = Math.max(modified, voidedAt);
        }
        if (tipLater && !voided) {
            modified = Math.max(modified, closed + minutes(30) + random.nextLong(Duration.ofHours(72).toMillis()));
        }
        int businessDate = ToastTime.businessDate(date);
        int paidBusinessDate = ToastTime.businessDateAt(paid, Restaurant.TIME_ZONE, Restaurant.CLOSEOUT_HOUR);

        List<Check> checkList = new ArrayList<>(checks);
        for (int c = 0; c < checks; c++) {
            int count = checks == 1 ? selections : c == 0 ? (selections + 1) / 2 : selections / 2;
            List<Selection> items = new ArrayList<>(count);
            for (int s = 0; s < Math.max(1, count); s++) {
                items.add(selection(opened, closed, random));
            }
            String checkGuid = uuid(random);
            long amount = items.stream().mapToLong(Selection::priceCents).sum();
            long total = amount + items.stream().mapToLong(Selection::taxCents).sum();
            Payment payment = payment(amount, total, paid, paidBusinessDate, voided, random);
            checkList.add(new Check(checkGuid, c == 0 ? Integer.toString(number) : number + "B", opened, closed,
                    c == 0 ? modified : closed, voided, items, List.of(payment)));
        }
        return new Order(guid, businessDate, opened, created, closed, paid, modified, source, dining, server, table,
                revenueCenter, guests, Integer.toString(number), device,
                voided || tipLater ? DEVICES.get(random.nextInt(DEVICES.size())) : device, voided, voidedAt,
                voided ? ToastTime.businessDateAt(voidedAt, Restaurant.TIME_ZONE, Restaurant.CLOSEOUT_HOUR) : 0, 0,
                checkList);
    }

    private static Selection selection(long opened, long closed, SplittableRandom random) {
        double group = random.nextDouble();
        List<MenuItem> menu = group < 0.40 ? MenuItem.MAINS : group < 0.70 ? MenuItem.DRINKS
                : group < 0.88 ? MenuItem.STARTERS : MenuItem.DESSERTS;
        MenuItem item = menu.get(random.nextInt(menu.size()));
        int quantity = random.nextDouble() < 0.85 ? 1 : 2;
        long price = item.priceCents() * quantity;
        long tax = (price * TAX_RATE_MILLIONTHS + 500_000) / 1_000_000;
        long at = opened + random.nextLong(Math.max(1, (closed - opened) / 2));
        String guid = uuid(random);
        return new Selection(guid, item, quantity, price, tax, at, at, MenuItem.guid("applied-tax:" + guid));
    }

    private static Payment payment(long amount, long total, long paid, int paidBusinessDate, boolean voided,
                                   SplittableRandom random) {
        double kind = random.nextDouble();
        String guid = uuid(random);
        String status = voided ? "VOIDED" : "CAPTURED";
        if (kind < 0.72) {
            long tip = (amount * (15 + random.nextInt(8)) + 50) / 100;
            String card = CARDS.get(random.nextInt(CARDS.size()));
            String last4 = String.format("%04d", random.nextInt(10_000));
            return new Payment(guid, "CREDIT", card, last4, total, tip, total + tip, paid, paidBusinessDate, status);
        }
        if (kind < 0.96) {
            long tendered = (total + 499) / 500 * 500;
            return new Payment(guid, "CASH", null, null, total, 0, tendered, paid, paidBusinessDate, status);
        }
        return new Payment(guid, "GIFTCARD", null, null, total, 0, total, paid, paidBusinessDate, status);
    }

    private static List<Reference> references(String kind, String entityType, int count) {
        List<Reference> references = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            references.add(new Reference(MenuItem.guid(kind + ":" + i), entityType));
        }
        return references;
    }

    private static String pick(SplittableRandom random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static long minutes(long minutes) {
        return minutes * 60_000;
    }

    /** A version-4 UUID drawn from the seeded stream. */
    static String uuid(SplittableRandom random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least).toString();
    }
}
