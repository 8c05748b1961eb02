package io.inflow.plugins.toast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ToastTimesTest {

    @Test
    void readsToastsOwnFormWithAnyOffset() {
        assertThat(ToastTimes.parse("2017-05-09T16:24:09.881+0000")).contains(Instant.parse("2017-05-09T16:24:09.881Z"));
        assertThat(ToastTimes.parse("2016-01-01T14:13:12.000+0400")).contains(Instant.parse("2016-01-01T10:13:12Z"));
        assertThat(ToastTimes.parse("2016-01-01T14:13:12.000-0430")).contains(Instant.parse("2016-01-01T18:43:12Z"));
    }

    @Test
    void readsOtherIsoFormsWithAnOffset() {
        assertThat(ToastTimes.parse("2017-05-09T16:24:09Z")).contains(Instant.parse("2017-05-09T16:24:09Z"));
        assertThat(ToastTimes.parse("2017-05-09T16:24:09.5+01:00")).contains(Instant.parse("2017-05-09T15:24:09.500Z"));
    }

    @Test
    void refusesWhatIsNotADateTime() {
        assertThat(ToastTimes.parse("not-a-date")).isEmpty();
        assertThat(ToastTimes.parse("2017-02-30T16:24:09.881+0000")).as("February 30th").isEmpty();
        assertThat(ToastTimes.parse("2017-05-09T25:24:09.881+0000")).isEmpty();
        assertThat(ToastTimes.parse("2017-05-09T16:24:09")).as("no offset").isEmpty();
    }

    @Test
    void writesUtcWithMillisecondsAndAnOffsetWithoutColon() {
        assertThat(ToastTimes.format(Instant.parse("2025-03-09T07:05:00.120Z"))).isEqualTo("2025-03-09T07:05:00.120+0000");
    }

    @Test
    void aBusinessDateStartsNoEarlierThanItsMidnightAtUtcPlusFourteen() {
        assertThat(ToastTimes.earliestInstantOf(LocalDate.of(2025, 3, 1))).isEqualTo(Instant.parse("2025-02-28T10:00:00Z"));
    }
}
