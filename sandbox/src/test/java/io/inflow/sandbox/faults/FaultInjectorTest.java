package io.inflow.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    private static final FaultProfile MIXED = FaultProfile.NONE
            .with(Fault.DROP, 0.1).with(Fault.HTTP_5XX, 0.2).with(Fault.HTTP_429, 0.2).with(Fault.SLOW, 0.2);

    private static List<String> answerFaults(long seed, int requests) {
        FaultInjector injector = new FaultInjector(seed, MIXED);
        List<String> faults = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            faults.add(injector.roll().answerFault().map(Fault::key).orElse("-"));
        }
        return faults;
    }

    @Test
    void theSameSeedDrawsTheSameFaultsForTheSameRequests() {
        assertThat(answerFaults(42, 200)).isEqualTo(answerFaults(42, 200));
        assertThat(answerFaults(43, 200)).isNotEqualTo(answerFaults(42, 200));
    }

    @Test
    void sharesAreRoughlyKeptAndEarlierKindsWin() {
        List<String> faults = answerFaults(42, 10_000);

        // drop 10%; 5xx 20% of the rest; 429 20% of what remains; slow 20% of what remains then
        assertThat(faults.stream().filter("drop"::equals).count()).isBetween(850L, 1_150L);
        assertThat(faults.stream().filter("http5xx"::equals).count()).isBetween(1_620L, 1_980L);
        assertThat(faults.stream().filter("http429"::equals).count()).isBetween(1_290L, 1_590L);
        assertThat(faults.stream().filter("slow"::equals).count()).isBetween(1_030L, 1_270L);
    }

    @Test
    void aChangedProfileAppliesToTheNextRequestWithoutShiftingTheStream() {
        FaultInjector healed = new FaultInjector(42, FaultProfile.NONE);
        FaultInjector faulty = new FaultInjector(42, FaultProfile.NONE);
        healed.roll();
        faulty.use(MIXED);
        faulty.roll();
        healed.use(MIXED);

        for (int i = 0; i < 50; i++) {
            assertThat(healed.roll().answerFault()).isEqualTo(faulty.roll().answerFault());
        }
    }

    @Test
    void contentFaultsGiveWayToAnAnswerLevelFault() {
        FaultProfile everything = FaultProfile.NONE.with(Fault.SLOW, 1).with(Fault.EXPIRED_TOKEN, 1)
                .with(Fault.MALFORMED_PAGE, 1).with(Fault.MALFORMED_RECORD, 1);
        RequestFaults faults = new FaultInjector(1, everything).roll();

        assertThat(faults.answerFault()).contains(Fault.SLOW);
        assertThat(faults.expiresIterator()).isFalse();
        assertThat(faults.truncatesPage()).isFalse();
        assertThat(faults.corruptsRecord()).isFalse();
        assertThat(faults.applied()).contains(Fault.SLOW);
        assertThat(faults.appliedCount()).isEqualTo(1);
    }

    @Test
    void malformedRecordCountsEachCorruptedRecord() {
        RequestFaults faults = new FaultInjector(1, FaultProfile.NONE.with(Fault.MALFORMED_RECORD, 1)).roll();

        for (int i = 0; i < 7; i++) {
            assertThat(faults.corruptsRecord()).isTrue();
        }

        assertThat(faults.applied()).contains(Fault.MALFORMED_RECORD);
        assertThat(faults.appliedCount()).isEqualTo(7);
    }

    @Test
    void aTruncatedBodyIsAlwaysAStrictNonEmptyPrefix() {
        RequestFaults faults = new FaultInjector(1, FaultProfile.NONE).roll();
        byte[] body = "{\"records\":[]}".getBytes(StandardCharsets.UTF_8);

        for (int i = 0; i < 200; i++) {
            byte[] cut = faults.truncate(body);
            assertThat(cut.length).isBetween(1, body.length - 1);
            assertThat(body).startsWith(cut);
        }
    }
}
