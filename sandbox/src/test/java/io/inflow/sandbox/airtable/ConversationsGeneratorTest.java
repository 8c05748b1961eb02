package io.inflow.sandbox.airtable;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConversationsGeneratorTest {

    private static AirtableTable generate(long seed, int records) {
        return new ConversationsGenerator(seed, records).generate().table();
    }

    private static long count(AirtableTable table, String field, Object value) {
        Column column = table.column(field).orElseThrow();
        long count = 0;
        for (int i = 0; i < table.size(); i++) {
            Object cell = column.value(i);
            if (value == null ? cell != null : value.equals(cell)) {
                count++;
            }
        }
        return count;
    }

    @Test
    void defaultTableHasTheExactFiguresOfTheClinicChain() {
        AirtableTable table = generate(42, ConversationFigures.DEFAULT_RECORDS);

        assertThat(table.size()).isEqualTo(20_077);
        assertThat(count(table, "Booking", null)).isEqualTo(3_122);
        assertThat(count(table, "Lead Created", "Yes")).isEqualTo(13_908);
        assertThat(count(table, "Lead Created", "No")).isEqualTo(20_077 - 13_908);
        assertThat(count(table, "Engaged", Boolean.TRUE)).isEqualTo(7_910);
    }

    @Test
    void figuresHoldForEverySeed() {
        AirtableTable table = generate(7, ConversationFigures.DEFAULT_RECORDS);

        assertThat(count(table, "Booking", null)).isEqualTo(3_122);
        assertThat(count(table, "Lead Created", "Yes")).isEqualTo(13_908);
        assertThat(count(table, "Engaged", Boolean.TRUE)).isEqualTo(7_910);
    }

    @Test
    void otherSizesKeepTheProportions() {
        ConversationFigures figures = ConversationFigures.forRecords(1_000);
        AirtableTable table = generate(42, 1_000);

        assertThat(figures).isEqualTo(new ConversationFigures(1_000, 156, 693, 394));
        assertThat(count(table, "Booking", null)).isEqualTo(156);
        assertThat(count(table, "Lead Created", "Yes")).isEqualTo(693);
        assertThat(count(table, "Engaged", Boolean.TRUE)).isEqualTo(394);
    }

    @Test
    void everyBookingIsAnEngagedLead() {
        AirtableTable table = generate(42, ConversationFigures.DEFAULT_RECORDS);
        Column booking = table.column("Booking").orElseThrow();
        Column lead = table.column("Lead Created").orElseThrow();
        Column engaged = table.column("Engaged").orElseThrow();

        for (int i = 0; i < table.size(); i++) {
            if (booking.value(i) != null) {
                assertThat(lead.value(i)).isEqualTo("Yes");
                assertThat(engaged.value(i)).isEqualTo(Boolean.TRUE);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameRecordsAndAnotherSeedDifferentOnes() {
        AirtableTable first = generate(42, 2_000);
        AirtableTable second = generate(42, 2_000);
        AirtableTable other = generate(43, 2_000);

        for (int i = 0; i < first.size(); i++) {
            assertThat(second.recordId(i)).isEqualTo(first.recordId(i));
            assertThat(second.lastModifiedTime(i)).isEqualTo(first.lastModifiedTime(i));
            for (Column column : first.columns()) {
                assertThat(second.columns().get(first.columns().indexOf(column)).value(i)).isEqualTo(column.value(i));
            }
        }
        assertThat(other.recordId(0)).isNotEqualTo(first.recordId(0));
    }

    @Test
    void recordIdsAreUniqueAndShapedLikeAirtables() {
        AirtableTable table = generate(42, ConversationFigures.DEFAULT_RECORDS);
        Set<String> ids = new HashSet<>();

        for (int i = 0; i < table.size(); i++) {
            assertThat(table.recordId(i)).matches("rec[0-9A-Za-z]{14}");
            ids.add(table.recordId(i));
        }
        assertThat(ids).hasSize(table.size());
    }

    @Test
    void timesRunInCreationOrderAndLastModifiedIsNeverBeforeCreated() {
        AirtableTable table = generate(42, ConversationFigures.DEFAULT_RECORDS);

        for (int i = 0; i < table.size(); i++) {
            assertThat(table.lastModifiedTime(i)).isGreaterThanOrEqualTo(table.createdTime(i))
                    .isLessThanOrEqualTo(ConversationsGenerator.LAST_CREATED);
            if (i > 0) {
                assertThat(table.createdTime(i)).isGreaterThanOrEqualTo(table.createdTime(i - 1));
            }
        }
        assertThat(table.createdTime(0)).isGreaterThanOrEqualTo(ConversationsGenerator.FIRST_CREATED);
    }

    @Test
    void someRecordsShareTheirLastModifiedTimeAsAfterABulkEdit() {
        AirtableTable table = generate(42, ConversationFigures.DEFAULT_RECORDS);
        Set<Long> seen = new HashSet<>();
        int ties = 0;

        for (int i = 0; i < table.size(); i++) {
            if (!seen.add(table.lastModifiedTime(i))) {
                ties++;
            }
        }
        assertThat(ties).isGreaterThan(100);
    }

    @Test
    void twentyThousandRecordsTakeWellUnderASecond() {
        generate(1, ConversationFigures.DEFAULT_RECORDS);
        long start = System.nanoTime();

        generate(42, ConversationFigures.DEFAULT_RECORDS);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    }
}
