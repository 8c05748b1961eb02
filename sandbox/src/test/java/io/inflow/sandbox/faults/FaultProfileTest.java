package io.inflow.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.sandbox.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultProfileTest {

    @Test
    void missingKeysAreZeroAndSlownessDefaultsToTwoSeconds() {
        FaultProfile profile = FaultProfile.parse("{\"http5xx\": 0.25, \"slow\": 1}");

        assertThat(profile.http5xx()).isEqualTo(0.25);
        assertThat(profile.slow()).isEqualTo(1.0);
        assertThat(profile.http429()).isZero();
        assertThat(profile.drop()).isZero();
        assertThat(profile.malformedPage()).isZero();
        assertThat(profile.malformedRecord()).isZero();
        assertThat(profile.expiredToken()).isZero();
        assertThat(profile.slowMs()).isEqualTo(2_000);
    }

    @Test
    void anEmptyObjectIsNoFaultAtAll() {
        assertThat(FaultProfile.parse("{}")).isEqualTo(FaultProfile.NONE);
        assertThat(FaultProfile.parse(" { } ")).isEqualTo(FaultProfile.NONE);
    }

    @Test
    void everyKeyIsRead() {
        FaultProfile profile = FaultProfile.parse("{\"http429\":0.1,\"http5xx\":0.2,\"slow\":0.3,\"drop\":0.4,"
                + "\"malformedPage\":0.5,\"malformedRecord\":0.6,\"expiredToken\":0.7,\"slowMs\":150}");

        assertThat(profile).isEqualTo(new FaultProfile(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 150));
    }

    @Test
    void itWritesEveryKeyInAStableOrderAndReadsItBack() {
        FaultProfile profile = FaultProfile.NONE.with(Fault.DROP, 0.5).with(Fault.MALFORMED_RECORD, 1).withSlowMs(10);

        assertThat(profile.asJson()).containsExactly(
                entry("http429", 0.0), entry("http5xx", 0.0), entry("slow", 0.0), entry("drop", 0.5),
                entry("malformedPage", 0.0), entry("malformedRecord", 1.0), entry("expiredToken", 0.0), entry("slowMs", 10L));
        assertThat(FaultProfile.parse(new String(Json.bytes(profile.asJson()), StandardCharsets.UTF_8))).isEqualTo(profile);
    }

    private static Map.Entry<String, Object> entry(String key, Object value) {
        return Map.entry(key, value);
    }

    @Test
    void badProfilesAreRefusedWithAMessage() {
        List<String> bad = List.of("", "nope", "[]", "1", "{\"bogus\":0.1}", "{\"drop\":1.5}", "{\"drop\":-0.1}",
                "{\"drop\":\"0.5\"}", "{\"drop\":true}", "{\"drop\":null}", "{\"slowMs\":-1}", "{\"slowMs\":1.5}",
                "{\"slowMs\":\"fast\"}", "{\"drop\":0.1} {}");
        for (String text : bad) {
            assertThatThrownBy(() -> FaultProfile.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> FaultProfile.parse("{\"bogus\":0.1}")).hasMessageContaining("unknown fault bogus");
        assertThatThrownBy(() -> FaultProfile.parse("{\"http5xx\":2}")).hasMessageContaining("http5xx");
    }

    @Test
    void sharesOutsideZeroToOneCannotBeBuiltEither() {
        assertThatThrownBy(() -> FaultProfile.NONE.with(Fault.SLOW, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultProfile.NONE.withSlowMs(-5)).isInstanceOf(IllegalArgumentException.class);
    }
}
