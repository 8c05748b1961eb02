package io.inflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.sandbox.faults.FaultProfile;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultDeterminismTest {

    private static final FaultProfile MIXED = FaultProfile.parse("{\"http429\":0.1,\"http5xx\":0.1,\"slow\":0.1,\"slowMs\":1,"
            + "\"malformedPage\":0.15,\"malformedRecord\":0.05,\"expiredToken\":0.5}");

    /** What a fixed sequence of requests got: each status and body, and each logged status and fault. */
    private record Session(List<String> answers, List<String> faults) {}

    private static Session session(long seed) {
        SandboxOptions options = SandboxOptions.defaults().withPort(0).withSeed(seed).withAirtableRequestsPerSecond(0);
        try (Sandbox sandbox = Sandbox.start(options)) {
            SandboxHttp http = new SandboxHttp(sandbox);
            String offset = SandboxHttp.json(http.list("pageSize", "5").body()).get("offset").asText();
            sandbox.faults(MIXED);
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                HttpResponse<String> answer = i % 2 == 0
                        ? http.list("pageSize", "5", "maxRecords", "5")
                        : http.list("pageSize", "5", "offset", offset);
                answers.add(answer.statusCode() + " " + answer.body());
                if (i == 20) {
                    sandbox.faults(FaultProfile.parse("{\"http5xx\":0.5}"));
                }
            }
            List<String> faults = sandbox.airtable().requests().stream().map(request -> request.status() + " " + request.fault()).toList();
            return new Session(answers, faults);
        }
    }

    @Test
    void theSameSeedAndRequestsGiveTheSameFaults() {
        Session first = session(42);

        assertThat(session(42)).isEqualTo(first);
        assertThat(first.answers()).anyMatch(answer -> answer.startsWith("200 "))
                .anyMatch(answer -> answer.startsWith("5"))
                .anyMatch(answer -> answer.startsWith("422 "));
    }

    @Test
    void anotherSeedGivesOtherFaults() {
        assertThat(session(43).faults()).isNotEqualTo(session(42).faults());
    }
}
