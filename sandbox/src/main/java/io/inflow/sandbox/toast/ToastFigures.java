package io.inflow.sandbox.toast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact figures of the fake's orders, as the Toast plugin's stats compute them: orders that were not voided
 * (nor deleted), their revenue (net sales: check amounts after discounts, before tax and tips) and the average
 * ticket, in all and per business date.
 *
 * @param orders every order not deleted, voided ones included: the size of the {@code orders} stream
 * @param voided the voided orders among them
 * @param sales the others, which the figures count
 * @param revenue their revenue in dollars, two decimals
 * @param averageTicket revenue per sale, rounded half up to cents
 * @param days the same per business date, in date order
 */
public record ToastFigures(int orders, int voided, int sales, BigDecimal revenue, BigDecimal averageTicket,
                           List<Day> days) {

    /** One business date's figures. */
    public record Day(LocalDate businessDate, int orders, BigDecimal revenue, BigDecimal averageTicket) {}

    public ToastFigures {
        days = List.copyOf(days);
    }

    static ToastFigures of(List<Order> orders) {
        Map<Integer, long[]> perDay = new TreeMap<>();
        int voided = 0;
        long revenue = 0;
        for (Order order : orders) {
            if (order.voided()) {
                voided++;
                continue;
            }
            long[] day = perDay.computeIfAbsent(order.businessDate(), date -> new long[2]);
            day[0]++;
            day[1] += order.revenueCents();
            revenue += order.revenueCents();
        }
        List<Day> days = new ArrayList<>();
        perDay.forEach((date, figures) -> days.add(new Day(
                LocalDate.parse(Integer.toString(date), DateTimeFormatter.BASIC_ISO_DATE), (int) figures[0],
                dollars(figures[1]), average(figures[1], figures[0]))));
        int sales = orders.size() - voided;
        return new ToastFigures(orders.size(), voided, sales, dollars(revenue), average(revenue, sales), days);
    }

    private static BigDecimal dollars(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static BigDecimal average(long cents, long count) {
        return count == 0 ? BigDecimal.ZERO.setScale(2) : BigDecimal.valueOf(cents, 2)
                .divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
}
