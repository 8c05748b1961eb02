package io.inflow.plugins.toast;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderMapperTest {

    private static final String ORDER = """
            {"guid":"6b9a2f0e-1c1d-4a0b-9e2f-3c4d5e6f7a8b","modifiedDate":"2025-03-02T01:30:00.000+0000",
             "openedDate":"2025-03-01T23:10:00.000+0000","businessDate":20250301,"numberOfGuests":2,
             "checks":[{"amount":70.60,"taxAmount":6.27,"totalAmount":76.87,
                        "payments":[{"amount":76.87,"tipAmount":12.00,"paidBusinessDate":20250301}]}]}""";

    private final OrderMapper mapper = new OrderMapper();

    @Test
    void anOrderIsKeyedByItsGuidAndDatedByItsModifiedDate() {
        Record record = ok(ORDER);

        assertThat(record.stream()).isEqualTo("orders");
        assertThat(record.externalId()).isEqualTo("6b9a2f0e-1c1d-4a0b-9e2f-3c4d5e6f7a8b");
        assertThat(record.sourceUpdatedAt()).isEqualTo(Instant.parse("2025-03-02T01:30:00Z"));
    }

    @Test
    void amountsKeepTheDecimalsToastWrote() {
        assertThat(ok(ORDER).payload()).contains("\"amount\":70.60").contains("\"tipAmount\":12.00");
    }

    @Test
    void theSameOrderAlwaysGivesTheSamePayload() {
        assertThat(ok(ORDER).payload()).isEqualTo(ok(ORDER.replace("\n", " ")).payload());
    }

    @Test
    void anOrderWithoutAGuidIsRejectedWithoutAnId() {
        RejectedRecord rejected = bad("{\"modifiedDate\":\"2025-03-02T01:30:00.000+0000\"}");

        assertThat(rejected.externalId()).isNull();
        assertThat(rejected.reason()).contains("no guid");
    }

    @Test
    void anOrderWhoseDatesOrAmountsTheViewsCouldNotReadIsRejectedWithItsGuidAndTheReason() {
        assertThat(bad(ORDER.replace("\"2025-03-02T01:30:00.000+0000\"", "\"not-a-date\"")).reason())
                .contains("6b9a2f0e-1c1d-4a0b-9e2f-3c4d5e6f7a8b").contains("modifiedDate");
        assertThat(bad(ORDER.replace("20250301,\"numberOfGuests\"", "\"#corrupted#\",\"numberOfGuests\"")).reason())
                .contains("businessDate");
        assertThat(bad(ORDER.replace("\"amount\":70.60", "\"amount\":\"lots\"")).reason())
                .contains("checks[0].amount");
        assertThat(bad(ORDER.replace("\"tipAmount\":12.00", "\"tipAmount\":true")).reason())
                .contains("checks[0].payments[0].tipAmount");
        assertThat(bad(ORDER.replace("\"openedDate\":\"2025-03-01T23:10:00.000+0000\"", "\"openedDate\":\"yesterday\""))
                .externalId()).isEqualTo("6b9a2f0e-1c1d-4a0b-9e2f-3c4d5e6f7a8b");
    }

    @Test
    void theRejectedPayloadIsTheOrderAsToastSentIt() {
        String corrupted = "{\"guid\":\"g-1\",\"entityType\":\"Order\",\"modifiedDate\":\"not-a-date\",\"checks\":\"#corrupted#\"}";

        assertThat(bad(corrupted).rawPayload()).isEqualTo(corrupted);
    }

    @Test
    void anOrderToastMarksDeletedIsADeletionOfItsGuidNotARecordEvenWhenTheRestIsUnfit() {
        String deleted = ORDER.replace("{\"guid\"", "{\"deleted\":true,\"deletedDate\":\"2025-03-03T10:00:00.000+0000\",\"guid\"");

        assertThat(mapper.map(ToastTestJson.readExact(deleted)))
                .isEqualTo(new OrderMapper.Deleted("6b9a2f0e-1c1d-4a0b-9e2f-3c4d5e6f7a8b"));
        assertThat(mapper.map(ToastTestJson.readExact(deleted.replace("\"amount\":70.60", "\"amount\":\"lots\""))))
                .isEqualTo(new OrderMapper.Deleted("6b9a2f0e-1c1d-4a0b-9e2f-3c4d5e6f7a8b"));
    }

    @Test
    void aVoidedOrderOrOneMarkedNotDeletedStaysARecord() {
        assertThat(ok(ORDER.replace("{\"guid\"", "{\"voided\":true,\"deleted\":false,\"deletedDate\":null,\"guid\""))
                .payload()).contains("\"voided\":true");
        assertThat(ok(ORDER.replace("{\"guid\"", "{\"deleted\":\"true\",\"guid\"")).externalId())
                .as("Toast's deleted is a boolean; a string is not read as one")
                .isEqualTo("6b9a2f0e-1c1d-4a0b-9e2f-3c4d5e6f7a8b");
    }

    private Record ok(String json) {
        OrderMapper.Mapped mapped = mapper.map(ToastTestJson.readExact(json));
        assertThat(mapped).isInstanceOf(OrderMapper.Ok.class);
        return ((OrderMapper.Ok) mapped).record();
    }

    private RejectedRecord bad(String json) {
        OrderMapper.Mapped mapped = mapper.map(ToastTestJson.readExact(json));
        assertThat(mapped).isInstanceOf(OrderMapper.Bad.class);
        return ((OrderMapper.Bad) mapped).rejected();
    }
}
