package io.inflow.sandbox.toast;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated orders: exact figures for the default seed, consistent amounts, the quirks a client must handle. */
class ToastDataTest {

    private final List<Order> orders = new OrdersGenerator(42).generate();

    @Test
    void theDefaultSeedGivesTheDocumentedFigures() {
        ToastFigures figures = ToastFigures.of(orders);

        assertThat(figures.orders()).isEqualTo(5_995);
        assertThat(figures.voided()).isEqualTo(42);
        assertThat(figures.sales()).isEqualTo(5_953);
        assertThat(figures.revenue()).isEqualByComparingTo("379478.40");
        assertThat(figures.averageTicket()).isEqualByComparingTo("63.75");
        assertThat(figures.days()).hasSize(30);
        assertThat(figures.days().get(0).businessDate()).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(figures.days().stream().mapToInt(ToastFigures.Day::orders).sum()).isEqualTo(figures.sales());
        assertThat(figures.days().stream().map(ToastFigures.Day::revenue).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(figures.revenue());
    }

    @Test
    void theSameSeedGivesTheSameOrdersAndAnotherSeedOthers() {
        assertThat(new OrdersGenerator(42).generate()).isEqualTo(orders);
        assertThat(new OrdersGenerator(43).generate().get(0).guid()).isNotEqualTo(orders.get(0).guid());
        assertThat(ToastFigures.of(new OrdersGenerator(43).generate()).orders()).isEqualTo(5_995);
    }

    @Test
    void everyOrderHasABusinessDateOfTheMonthAndOpensOnItInNewYorkBeforeTheCloseout() {
        for (Order order : orders) {
            LocalDate businessDate = LocalDate.parse(Integer.toString(order.businessDate()),
                    java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            assertThat(businessDate).isBetween(Restaurant.FIRST_BUSINESS_DATE, Restaurant.lastBusinessDate());
            assertThat(ToastTime.businessDateAt(order.openedAt(), Restaurant.TIME_ZONE, Restaurant.CLOSEOUT_HOUR))
                    .isEqualTo(order.businessDate());
        }
    }

    @Test
    void lateNightOrdersBelongToTheEveningBeforeAndAreADayLaterStillInUtc() {
        long afterLocalMidnight = orders.stream().filter(order -> localDate(order.openedAt()).isAfter(date(order))).count();
        long nextDayInUtc = orders.stream().filter(order -> utcDate(order.openedAt()).isAfter(date(order))).count();

        assertThat(afterLocalMidnight).isPositive();
        assertThat(nextDayInUtc).isGreaterThan(afterLocalMidnight);
    }

    @Test
    void someOrdersAreModifiedOnLaterBusinessDatesAndSomeAreVoided() {
        long modifiedLater = orders.stream().filter(order -> ToastTime.businessDateAt(order.modifiedAt(),
                Restaurant.TIME_ZONE, Restaurant.CLOSEOUT_HOUR) > order.businessDate()).count();

        assertThat(modifiedLater).isBetween(400L, 900L);
        assertThat(orders).filteredOn(Order::voided).allSatisfy(order -> {
            assertThat(order.voidedAt()).isGreaterThan(order.closedAt());
            assertThat(order.revenueCents()).isZero();
        });
        assertThat(orders.stream().mapToLong(Order::modifiedAt).max().orElseThrow())
                .isLessThan(Instant.parse("2025-04-10T00:00:00Z").toEpochMilli());
    }

    @Test
    void checkTotalsAddUpAndPaymentsCoverThem() {
        for (Order order : orders) {
            assertThat(order.checks()).isNotEmpty();
            for (Order.Check check : order.checks()) {
                assertThat(check.totalCents()).isEqualTo(check.amountCents() + check.taxCents());
                assertThat(check.payments()).singleElement()
                        .satisfies(payment -> assertThat(payment.amountCents()).isEqualTo(check.totalCents()));
            }
            assertThat(order.modifiedAt()).isGreaterThanOrEqualTo(order.closedAt());
            assertThat(order.closedAt()).isGreaterThan(order.openedAt());
        }
    }

    @Test
    void theDaylightSavingSwitchShowsInTheUtcOffsetOfLunch() {
        Order beforeSwitch = firstOrderOf(20250308);
        Order afterSwitch = firstOrderOf(20250310);

        assertThat(Instant.ofEpochMilli(beforeSwitch.openedAt()).atZone(Restaurant.TIME_ZONE).getOffset())
                .isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(Instant.ofEpochMilli(afterSwitch.openedAt()).atZone(Restaurant.TIME_ZONE).getOffset())
                .isEqualTo(ZoneOffset.ofHours(-4));
    }

    private Order firstOrderOf(int businessDate) {
        return orders.stream().filter(order -> order.businessDate() == businessDate).findFirst().orElseThrow();
    }

    private static LocalDate date(Order order) {
        return LocalDate.parse(Integer.toString(order.businessDate()), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static LocalDate localDate(long millis) {
        return Instant.ofEpochMilli(millis).atZone(Restaurant.TIME_ZONE).toLocalDate();
    }

    private static LocalDate utcDate(long millis) {
        return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
