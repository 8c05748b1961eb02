package io.inflow.sandbox.airtable.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class FormulaTest {

    /** Two records, as the generated table would hold them. */
    private static final class TwoRecords implements FormulaTable {
        private final List<Map<String, Object>> rows = List.of(
                row("Clinic", "Harbor View Dental", "Messages", 4L, "Engaged", true, "Booking", "BK-100200",
                        "Last Modified", Instant.parse("2024-03-01T10:00:00.000Z")),
                row("Clinic", "Hilltop Wellness", "Messages", 1L, "Engaged", null, "Booking", null,
                        "Last Modified", Instant.parse("2024-03-01T10:00:00.001Z")));
        private final List<String> fields = List.of("Clinic", "Messages", "Engaged", "Booking", "Last Modified");

        private static Map<String, Object> row(Object... keysAndValues) {
            Map<String, Object> row = new HashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                row.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            return row;
        }

        @Override
        public Optional<IntFunction<Object>> fieldReader(String fieldName) {
            return fields.contains(fieldName) ? Optional.of(record -> rows.get(record).get(fieldName)) : Optional.empty();
        }

        @Override
        public String recordId(int record) {
            return "rec0000000000000" + record;
        }

        @Override
        public long createdTime(int record) {
            return Instant.parse("2024-01-01T00:00:00Z").toEpochMilli() + record;
        }

        @Override
        public long lastModifiedTime(int record) {
            return ((Instant) rows.get(record).get("Last Modified")).toEpochMilli();
        }
    }

    private final TwoRecords table = new TwoRecords();

    private List<Boolean> matches(String formula) {
        Formula compiled = Formula.compile(formula, table);
        return List.of(compiled.matches(0), compiled.matches(1));
    }

    @Test
    void isAfterIsStrictToTheMillisecond() {
        assertThat(matches("IS_AFTER({Last Modified}, '2024-03-01T10:00:00.000Z')")).containsExactly(false, true);
        assertThat(matches("IS_AFTER(LAST_MODIFIED_TIME(), '2024-03-01T10:00:00Z')")).containsExactly(false, true);
        assertThat(matches("IS_AFTER({Last Modified}, '2024-03-01T09:59:59.999Z')")).containsExactly(true, true);
    }

    @Test
    void isBeforeAndIsSameCompareInstants() {
        assertThat(matches("IS_BEFORE({Last Modified}, \"2024-03-01T10:00:00.001Z\")")).containsExactly(true, false);
        assertThat(matches("IS_SAME({Last Modified}, '2024-03-01T10:00:00.000Z')")).containsExactly(true, false);
        assertThat(matches("IS_SAME({Last Modified}, '2024-03-01', 'day')")).containsExactly(true, true);
        assertThat(matches("IS_AFTER({Last Modified}, DATETIME_PARSE('2024-03-01T10:00:00.000+00:00'))")).containsExactly(false, true);
    }

    @Test
    void logicalFunctionsAndComparisonsCombine() {
        assertThat(matches("AND({Engaged}, {Messages} > 3)")).containsExactly(true, false);
        assertThat(matches("OR({Clinic} = 'Hilltop Wellness', {Messages} >= 4)")).containsExactly(true, true);
        assertThat(matches("NOT({Engaged})")).containsExactly(false, true);
        assertThat(matches("{Engaged} = TRUE()")).containsExactly(true, false);
        assertThat(matches("{Engaged} = FALSE()")).containsExactly(false, true);
        assertThat(matches("{Messages} != 1")).containsExactly(true, false);
        assertThat(matches("{Messages} <= 1")).containsExactly(false, true);
        assertThat(matches("{Messages} * 2 - 1 = 7")).containsExactly(true, false);
        assertThat(matches("IF({Engaged}, 'yes', '')")).containsExactly(true, false);
    }

    @Test
    void blankEqualsEmptyCells() {
        assertThat(matches("{Booking} = BLANK()")).containsExactly(false, true);
        assertThat(matches("{Booking} = ''")).containsExactly(false, true);
        assertThat(matches("{Booking}")).containsExactly(true, false);
    }

    @Test
    void textConcatenatesAndCompares() {
        assertThat(matches("{Clinic} & '!' = 'Harbor View Dental!'")).containsExactly(true, false);
        assertThat(matches("LOWER({Clinic}) = 'hilltop wellness'")).containsExactly(false, true);
        assertThat(matches("RECORD_ID() = 'rec00000000000001'")).containsExactly(false, true);
        assertThat(matches("IS_AFTER(CREATED_TIME(), '2024-01-01T00:00:00.000Z')")).containsExactly(false, true);
    }

    @Test
    void functionNamesIgnoreCaseAndBareFieldNamesWork() {
        assertThat(matches("and(Engaged, Messages > 3)")).containsExactly(true, false);
    }

    @Test
    void aRecordWhoseFormulaFailsIsLeftOut() {
        assertThat(matches("IS_AFTER({Clinic}, '2024-01-01')")).containsExactly(false, false);
        assertThat(matches("{Messages} / 0")).containsExactly(false, false);
    }

    @Test
    void badFormulasAreRefusedWhenCompiled() {
        for (String bad : List.of("IS_AFTER({Last Modified}, '2024-01-01'", "{Last Modified", "'open", "AND()", "NOT(1, 2)",
                "IS_LATER(1, 2)", "1 +", "{Messages} 3", "#")) {
            assertThatThrownBy(() -> Formula.compile(bad, table)).as(bad)
                    .isInstanceOf(InvalidFormulaException.class)
                    .hasMessage(InvalidFormulaException.INVALID);
        }
    }

    @Test
    void anUnknownFieldIsNamed() {
        assertThatThrownBy(() -> Formula.compile("{Nope} = 1", table))
                .isInstanceOf(InvalidFormulaException.class)
                .hasMessage("Unknown field names: Nope");
    }
}
