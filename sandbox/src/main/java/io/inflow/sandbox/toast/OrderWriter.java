package io.inflow.sandbox.toast;

import com.fasterxml.jackson.core.JsonGenerator;
import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.toast.Order.Check;
import io.inflow.sandbox.toast.Order.Payment;
import io.inflow.sandbox.toast.Order.Reference;
import io.inflow.sandbox.toast.Order.Selection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Writes orders in the shape of Toast's {@code Order} (field names and nesting from the Orders API spec): every
 * field Toast sends, nulls included, in one fixed order, so the same order always gives the same bytes. Money is
 * written with two decimals, times as {@link ToastTime} text in UTC.
 */
final class OrderWriter {

    /** What a corrupted order carries instead of its date and its checks (a malformedRecord fault). */
    static final String CORRUPTED_DATE = "not-a-date";
    static final String CORRUPTED = "#corrupted#";
    private static final BigDecimal TAX_RATE = BigDecimal.valueOf(OrdersGenerator.TAX_RATE_MILLIONTHS, 6).stripTrailingZeros();

    private OrderWriter() {}

    /** A bare JSON array of orders, as {@code GET /ordersBulk} answers; {@code corrupts} is asked once per order. */
    static byte[] page(List<Order> orders, BooleanSupplier corrupts) {
        return write(generator -> {
            generator.writeStartArray();
            for (Order order : orders) {
                writeOrder(generator, order, corrupts.getAsBoolean());
            }
            generator.writeEndArray();
        });
    }

    static byte[] single(Order order, boolean corrupt) {
        return write(generator -> writeOrder(generator, order, corrupt));
    }

    /** A corrupted order keeps its GUID, so a client can name the order it could not read. */
    private static void writeOrder(JsonGenerator g, Order order, boolean corrupt) throws IOException {
        g.writeStartObject();
        g.writeStringField("guid", order.guid());
        g.writeStringField("entityType", "Order");
        if (corrupt) {
            g.writeStringField("modifiedDate", CORRUPTED_DATE);
            g.writeStringField("businessDate", CORRUPTED);
            g.writeStringField("checks", CORRUPTED);
            g.writeEndObject();
            return;
        }
        g.writeNullField("externalId");
        time(g, "openedDate", order.openedAt());
        time(g, "modifiedDate", order.modifiedAt());
        g.writeNullField("promisedDate");
        reference(g, "diningOption", order.diningOption());
        g.writeArrayFieldStart("checks");
        for (Check check : order.checks()) {
            writeCheck(g, order, check);
        }
        g.writeEndArray();
        reference(g, "table", order.table());
        g.writeNullField("serviceArea");
        g.writeNullField("restaurantService");
        reference(g, "revenueCenter", order.revenueCenter());
        g.writeStringField("source", order.source());
        g.writeNumberField("duration", (order.closedAt() - order.openedAt()) / 1000);
        g.writeNullField("deliveryInfo");
        g.writeNullField("requiredPrepTime");
        g.writeNullField("estimatedFulfillmentDate");
        g.writeNumberField("numberOfGuests", order.guests());
        g.writeBooleanField("voided", order.voided());
        time(g, "voidDate", order.voidedAt());
        businessDate(g, "voidBusinessDate", order.voidBusinessDate());
        time(g, "paidDate", order.paidAt());
        time(g, "closedDate", order.closedAt());
        time(g, "deletedDate", order.deletedAt());
        g.writeBooleanField("deleted", order.deleted());
        g.writeNumberField("businessDate", order.businessDate());
        reference(g, "server", order.server());
        g.writeArrayFieldStart("pricingFeatures");
        g.writeEndArray();
        g.writeStringField("approvalStatus", "APPROVED");
        device(g, "createdDevice", order.createdDevice());
        time(g, "createdDate", order.createdAt());
        device(g, "lastModifiedDevice", order.lastModifiedDevice());
        g.writeNullField("curbsidePickupInfo");
        g.writeBooleanField("createdInTestMode", false);
        g.writeStringField("displayNumber", order.displayNumber());
        g.writeEndObject();
    }

    private static void writeCheck(JsonGenerator g, Order order, Check check) throws IOException {
        g.writeStartObject();
        g.writeStringField("guid", check.guid());
        g.writeStringField("entityType", "Check");
        g.writeNullField("externalId");
        g.writeStringField("displayNumber", check.displayNumber());
        time(g, "openedDate", check.openedAt());
        time(g, "closedDate", check.closedAt());
        time(g, "modifiedDate", check.modifiedAt());
        g.writeNullField("deletedDate");
        g.writeBooleanField("deleted", false);
        g.writeArrayFieldStart("selections");
        for (Selection selection : check.selections()) {
            writeSelection(g, selection, check.voided());
        }
        g.writeEndArray();
        g.writeNullField("customer");
        g.writeBooleanField("taxExempt", false);
        time(g, "paidDate", order.paidAt());
        money(g, "amount", check.amountCents());
        money(g, "taxAmount", check.taxCents());
        money(g, "totalAmount", check.totalCents());
        g.writeArrayFieldStart("payments");
        for (Payment payment : check.payments()) {
            writePayment(g, order, check, payment);
        }
        g.writeEndArray();
        g.writeNullField("tabName");
        g.writeStringField("paymentStatus", check.voided() ? "OPEN" : "CLOSED");
        g.writeArrayFieldStart("appliedDiscounts");
        g.writeEndArray();
        g.writeBooleanField("voided", check.voided());
        time(g, "voidDate", check.voided() ? order.voidedAt() : 0);
        businessDate(g, "voidBusinessDate", check.voided() ? order.voidBusinessDate() : 0);
        g.writeArrayFieldStart("appliedServiceCharges");
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeSelection(JsonGenerator g, Selection selection, boolean voided) throws IOException {
        MenuItem item = selection.item();
        g.writeStartObject();
        g.writeStringField("guid", selection.guid());
        g.writeStringField("entityType", "MenuItemSelection");
        g.writeNullField("externalId");
        reference(g, "item", new Reference(item.guid(), "MenuItem"));
        reference(g, "itemGroup", new Reference(item.groupGuid(), "MenuGroup"));
        reference(g, "salesCategory", new Reference(item.salesCategoryGuid(), "SalesCategory"));
        g.writeStringField("displayName", item.name());
        g.writeNumberField("quantity", selection.quantity());
        g.writeStringField("unitOfMeasure", "NONE");
        g.writeStringField("selectionType", "NONE");
        money(g, "preDiscountPrice", selection.priceCents());
        money(g, "price", selection.priceCents());
        money(g, "tax", selection.taxCents());
        g.writeBooleanField("voided", voided);
        g.writeBooleanField("deferred", false);
        time(g, "createdDate", selection.createdAt());
        time(g, "modifiedDate", selection.modifiedAt());
        g.writeArrayFieldStart("modifiers");
        g.writeEndArray();
        g.writeArrayFieldStart("appliedDiscounts");
        g.writeEndArray();
        g.writeArrayFieldStart("appliedTaxes");
        g.writeStartObject();
        g.writeStringField("guid", selection.appliedTaxGuid());
        g.writeStringField("entityType", "AppliedTaxRate");
        reference(g, "taxRate", new Reference(OrdersGenerator.TAX_RATE_GUID, "TaxRate"));
        g.writeStringField("name", "NY Sales Tax");
        g.writeNumberField("rate", TAX_RATE);
        money(g, "taxAmount", selection.taxCents());
        g.writeStringField("type", "PERCENT");
        g.writeEndObject();
        g.writeEndArray();
        g.writeStringField("fulfillmentStatus", "SENT");
        g.writeEndObject();
    }

    private static void writePayment(JsonGenerator g, Order order, Check check, Payment payment) throws IOException {
        g.writeStartObject();
        g.writeStringField("guid", payment.guid());
        g.writeStringField("entityType", "OrderPayment");
        g.writeNullField("externalId");
        time(g, "paidDate", payment.paidAt());
        businessDate(g, "paidBusinessDate", payment.paidBusinessDate());
        g.writeStringField("type", payment.type());
        money(g, "amount", payment.amountCents());
        money(g, "tipAmount", payment.tipCents());
        money(g, "amountTendered", payment.tenderedCents());
        nullableString(g, "cardType", payment.cardType());
        nullableString(g, "last4Digits", payment.last4Digits());
        g.writeStringField("paymentStatus", payment.status());
        g.writeStringField("refundStatus", "NONE");
        g.writeNullField("refund");
        g.writeNullField("voidInfo");
        g.writeStringField("orderGuid", order.guid());
        g.writeStringField("checkGuid", check.guid());
        g.writeEndObject();
    }

    private static void reference(JsonGenerator g, String name, Reference reference) throws IOException {
        if (reference == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeStringField("guid", reference.guid());
        g.writeStringField("entityType", reference.entityType());
        g.writeEndObject();
    }

    private static void device(JsonGenerator g, String name, String id) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("id", id);
        g.writeEndObject();
    }

    private static void time(JsonGenerator g, String name, long epochMillis) throws IOException {
        nullableString(g, name, epochMillis == 0 ? null : ToastTime.format(epochMillis));
    }

    private static void businessDate(JsonGenerator g, String name, int date) throws IOException {
        if (date == 0) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, date);
        }
    }

    private static void money(JsonGenerator g, String name, long cents) throws IOException {
        g.writeNumberField(name, BigDecimal.valueOf(cents, 2));
    }

    private static void nullableString(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }

    private interface Writing {
        void to(JsonGenerator generator) throws IOException;
    }

    private static byte[] write(Writing writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (JsonGenerator generator = Json.factory().createGenerator(out)) {
            writing.to(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
