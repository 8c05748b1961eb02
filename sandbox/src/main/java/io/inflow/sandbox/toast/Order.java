package io.inflow.sandbox.toast;

import java.util.ArrayList;
import java.util.List;

/**
 * One Toast order as the fake keeps it: immutable; a change gives a new order. Money is in cents, times in epoch
 * milliseconds, business dates as Toast's {@code yyyyMMdd} integers; 0 means "none" for optional times, so a
 * {@code deletedAt} of 0 is an order that is not deleted.
 */
record Order(
        String guid,
        int businessDate,
        long openedAt,
        long createdAt,
        long closedAt,
        long paidAt,
        long modifiedAt,
        String source,
        Reference diningOption,
        Reference server,
        Reference table,
        Reference revenueCenter,
        int guests,
        String displayNumber,
        String createdDevice,
        String lastModifiedDevice,
        boolean voided,
        long voidedAt,
        int voidBusinessDate,
        long deletedAt,
        List<Check> checks) {

    Order {
        checks = List.copyOf(checks);
    }

    /** A Toast entity reference: its GUID and its type. */
    record Reference(String guid, String entityType) {}

    record Check(String guid, String displayNumber, long openedAt, long closedAt, long modifiedAt, boolean voided,
                 List<Selection> selections, List<Payment> payments) {

        Check {
            selections = List.copyOf(selections);
            payments = List.copyOf(payments);
        }

        long amountCents() {
            return selections.stream().mapToLong(Selection::priceCents).sum();
        }

        long taxCents() {
            return selections.stream().mapToLong(Selection::taxCents).sum();
        }

        long totalCents() {
            return amountCents() + taxCents();
        }
    }

    record Selection(String guid, MenuItem item, int quantity, long priceCents, long taxCents, long createdAt,
                     long modifiedAt, String appliedTaxGuid) {}

    record Payment(String guid, String type, String cardType, String last4Digits, long amountCents, long tipCents,
                   long tenderedCents, long paidAt, int paidBusinessDate, String status) {

        Payment withTip(long tip) {
            return new Payment(guid, type, cardType, last4Digits, amountCents, tip,
                    "CASH".equals(type) ? tenderedCents : amountCents + tip, paidAt, paidBusinessDate, status);
        }
    }

    /** Net sales: the amounts (after discounts, before tax and tips) of its checks that were not voided. */
    long revenueCents() {
        return voided ? 0 : checks.stream().filter(check -> !check.voided()).mapToLong(Check::amountCents).sum();
    }

    /**
     * The order after a later edit on the POS, as a tip adjustment is: one more dollar of tip on its first payment
     * (voided orders keep theirs), the change stamped at {@code at} on the order and its first check, and
     * {@code device} as the device that made it.
     */
    Order modified(long at, String device) {
        List<Check> changed = new ArrayList<>(checks);
        Check first = changed.get(0);
        List<Payment> payments = new ArrayList<>(first.payments());
        if (!voided && !payments.isEmpty()) {
            payments.set(0, payments.get(0).withTip(payments.get(0).tipCents() + 100));
        }
        changed.set(0, new Check(first.guid(), first.displayNumber(), first.openedAt(), first.closedAt(), at,
                first.voided(), first.selections(), payments));
        return new Order(guid, businessDate, openedAt, createdAt, closedAt, paidAt, at, source, diningOption, server,
                table, revenueCenter, guests, displayNumber, createdDevice, device, voided, voidedAt,
                voidBusinessDate, deletedAt, changed);
    }

    boolean deleted() {
        return deletedAt != 0;
    }

    /**
     * The order deleted at {@code at}, as Toast keeps a deleted order: still there, marked deleted with its
     * {@code deletedDate}, and modified then. Its checks stay as they were.
     */
    Order deletedAt(long at) {
        return new Order(guid, businessDate, openedAt, createdAt, closedAt, paidAt, at, source, diningOption, server,
                table, revenueCenter, guests, displayNumber, createdDevice, lastModifiedDevice, voided, voidedAt,
                voidBusinessDate, at, checks);
    }

    /** The deleted order back as it was, but for its {@code modifiedDate}, {@code at}: the latest change to it. */
    Order restoredAt(long at) {
        return new Order(guid, businessDate, openedAt, createdAt, closedAt, paidAt, at, source, diningOption, server,
                table, revenueCenter, guests, displayNumber, createdDevice, lastModifiedDevice, voided, voidedAt,
                voidBusinessDate, 0, checks);
    }
}
