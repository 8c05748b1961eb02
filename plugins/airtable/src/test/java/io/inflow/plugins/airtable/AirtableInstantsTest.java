package io.inflow.plugins.airtable;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AirtableInstantsTest {

    @Test
    void readsAirtablesInstantsExactlyAsInstantParseDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(-2_000_000_000_000L, 32_000_000_000_000L));
            String text = instant.toString();
            if (text.length() == 20) { // toString drops a zero fraction: Airtable writes .000
                text = text.replace("Z", ".000Z");
            }
            assertThat(AirtableInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void anyOtherIso8601InstantStillReadsAndNonsenseIsNull() {
        assertThat(AirtableInstants.parse("2024-05-01T09:30:00Z")).isEqualTo(Instant.parse("2024-05-01T09:30:00Z"));
        assertThat(AirtableInstants.parse("2024-05-01T09:30:00.123456Z"))
                .isEqualTo(Instant.parse("2024-05-01T09:30:00.123456Z"));
        assertThat(AirtableInstants.parse("2024-02-30T09:30:00.000Z")).as("no 30 February").isNull();
        assertThat(AirtableInstants.parse("2024-05-01T24:30:00.000Z")).isNull();
        assertThat(AirtableInstants.parse("2024-05-01T09:60:00.000Z")).isNull();
        assertThat(AirtableInstants.parse("2024-05-01 09:30:00.000Z")).isNull();
        assertThat(AirtableInstants.parse("yesterday")).isNull();
        assertThat(AirtableInstants.parse("")).isNull();
    }
}
