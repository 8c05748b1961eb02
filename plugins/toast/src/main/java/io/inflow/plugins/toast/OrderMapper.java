package io.inflow.plugins.toast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Turns a Toast order into an Inflow record: the whole order as the payload, keyed by its GUID, dated by its
 * {@code modifiedDate}. An order Toast marks {@code deleted} is no record but a deletion of its GUID, whatever else
 * it holds; a voided order is a record like any other (it happened: {@code voided} is its status). The plugin's views cast an order's dates, amounts and business dates, so an order where
 * one of those is not what Toast documents (a date that is not a date, an amount that is not a number, checks
 * that are not a list) becomes a {@link RejectedRecord} with the reason: one bad order neither stops the import
 * nor breaks the views for the others.
 */
final class OrderMapper {

    static final String STREAM = "orders";
    private static final List<String> ORDER_DATES = List.of("openedDate", "closedDate", "paidDate", "createdDate",
            "voidDate");
    private static final List<String> CHECK_DATES = List.of("openedDate", "closedDate", "paidDate");
    private static final List<String> CHECK_AMOUNTS = List.of("amount", "taxAmount", "totalAmount");
    private static final List<String> PAYMENT_AMOUNTS = List.of("amount", "tipAmount");

    /** The mapped order, its deletion, or the reason it cannot be mapped. */
    sealed interface Mapped permits Ok, Deleted, Bad {
    }

    record Ok(Record record, Instant modified) implements Mapped {
    }

    /** An order Toast marks {@code deleted}: the GUID to report deleted. */
    record Deleted(String guid) implements Mapped {
    }

    record Bad(RejectedRecord rejected) implements Mapped {
    }

    /** Why an order cannot be mapped. */
    private static final class Unfit extends Exception {
        Unfit(String reason) {
            super(reason, null, false, false);
        }
    }

    Mapped map(JsonNode order) {
        String raw = raw(order);
        if (!order.isObject()) {
            return bad(null, raw, "it is not a JSON object");
        }
        JsonNode guidNode = order.path("guid");
        String guid = guidNode.isTextual() && !guidNode.asText().isBlank() ? guidNode.asText() : null;
        if (guid == null) {
            return bad(null, raw, "it has no guid");
        }
        if (order.path("deleted").isBoolean() && order.path("deleted").booleanValue()) {
            return new Deleted(guid);
        }
        Instant modified = instant(order.path("modifiedDate"));
        if (modified == null) {
            return bad(guid, raw, "its modifiedDate is not a Toast date-time: " + order.path("modifiedDate"));
        }
        try {
            check(order);
        } catch (Unfit e) {
            return bad(guid, raw, e.getMessage());
        }
        return new Ok(new Record(STREAM, guid, raw, modified), modified);
    }

    private static void check(JsonNode order) throws Unfit {
        dates(order, ORDER_DATES, "its ");
        businessDate(order.path("businessDate"), "its businessDate");
        number(order.path("numberOfGuests"), "its numberOfGuests");
        JsonNode checks = list(order.path("checks"), "its checks");
        for (int c = 0; c < checks.size(); c++) {
            JsonNode check = object(checks.get(c), "its checks[" + c + "]");
            String at = "its checks[" + c + "].";
            dates(check, CHECK_DATES, at);
            for (String amount : CHECK_AMOUNTS) {
                number(check.path(amount), at + amount);
            }
            JsonNode payments = list(check.path("payments"), at + "payments");
            for (int p = 0; p < payments.size(); p++) {
                JsonNode payment = object(payments.get(p), at + "payments[" + p + "]");
                String paymentAt = at + "payments[" + p + "].";
                dates(payment, List.of("paidDate"), paymentAt);
                businessDate(payment.path("paidBusinessDate"), paymentAt + "paidBusinessDate");
                for (String amount : PAYMENT_AMOUNTS) {
                    number(payment.path(amount), paymentAt + amount);
                }
            }
        }
    }

    private static void dates(JsonNode node, List<String> fields, String at) throws Unfit {
        for (String field : fields) {
            JsonNode value = node.path(field);
            if (present(value) && instant(value) == null) {
                throw new Unfit(at + field + " is not a Toast date-time: " + value);
            }
        }
    }

    private static void businessDate(JsonNode value, String what) throws Unfit {
        if (!present(value)) {
            return;
        }
        try {
            if (value.isIntegralNumber() || value.isTextual()) {
                LocalDate.parse(value.asText(), DateTimeFormatter.BASIC_ISO_DATE);
                return;
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw new Unfit(what + " is not a yyyyMMdd date: " + value);
    }

    private static void number(JsonNode value, String what) throws Unfit {
        if (present(value) && !value.isNumber()) {
            throw new Unfit(what + " is not a number: " + value);
        }
    }

    /** The list, or an empty one when it is absent or null. */
    private static JsonNode list(JsonNode value, String what) throws Unfit {
        if (!present(value)) {
            return ToastApi.json().createArrayNode();
        }
        if (!value.isArray()) {
            throw new Unfit(what + " is not a list: " + value);
        }
        return value;
    }

    private static JsonNode object(JsonNode value, String what) throws Unfit {
        if (!value.isObject()) {
            throw new Unfit(what + " is not an object: " + value);
        }
        return value;
    }

    private static Bad bad(String guid, String raw, String reason) {
        return new Bad(new RejectedRecord(STREAM, guid, raw,
                "Toast order" + (guid == null ? "" : " " + guid) + ": " + reason));
    }

    private static boolean present(JsonNode value) {
        return !value.isMissingNode() && !value.isNull();
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() ? ToastTimes.parse(node.asText()).orElse(null) : null;
    }

    private static String raw(JsonNode order) {
        try {
            return ToastApi.json().writeValueAsString(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serializes", e);
        }
    }
}
