package io.inflow.plugins.mindbody;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import io.inflow.sandbox.LoggedRequest;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.faults.Fault;
import io.inflow.sandbox.faults.FaultProfile;
import io.inflow.sandbox.mindbody.MindbodyApi;
import io.inflow.sandbox.mindbody.MindbodyOptions;
import io.inflow.testkit.TestHost;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a flaky Mindbody does to an import of one month: nothing lost, broken records kept and read again. */
class FaultsTest {

    private static final Map<String, Object> MARCH = Map.of("startDate", "2025-03-01", "endDate", "2025-03-31");

    private static Sandbox sandbox;
    private static Map<String, Map<String, String>> clean;

    @BeforeAll
    static void importOnceWithoutFaults() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0)
                .withMindbody(MindbodyOptions.defaults().withRequestsPerSecond(0)));
        TestHost host = host();
        host.fullImport();
        clean = host.streams().stream().collect(Collectors.toMap(stream -> stream, host.store()::stream));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void heal() {
        sandbox.faults(FaultProfile.NONE);
        sandbox.reset();
    }

    private static TestHost host() {
        return new TestHost(new MindbodyConnector(), config());
    }

    private static ConnectorConfig config() {
        return MindbodyContractTest.config(sandbox, MindbodyApi.PASSWORD, MARCH);
    }

    @Test
    void serverErrorsAndExpiredTokensChangeNothingThatIsImported() throws Exception {
        sandbox.faults(FaultProfile.NONE.with(Fault.HTTP_5XX, 0.05).with(Fault.EXPIRED_TOKEN, 0.03));
        TestHost host = host();

        host.fullImport();

        assertThat(sandbox.mindbody().faultCount(Fault.HTTP_5XX) + sandbox.mindbody().faultCount(Fault.EXPIRED_TOKEN))
                .isPositive();
        clean.forEach((stream, records) -> assertThat(host.store().stream(stream)).as(stream).isEqualTo(records));
        assertThat(host.store().rejected()).isEmpty();
    }

    @Test
    void malformedRecordsAreRejectedWithTheirIdsAndReadAgainOnceMindbodyServesThemWhole() throws Exception {
        sandbox.faults(FaultProfile.NONE.with(Fault.MALFORMED_RECORD, 0.02));
        TestHost host = host();
        MindbodyConnector connector = new MindbodyConnector();

        for (String stream : new String[] {"clients", "classes", "class_schedules", "sales"}) {
            host.read(stream, Checkpoint.empty());
        }
        sandbox.faults(FaultProfile.NONE);

        assertThat(host.store().rejected()).hasSize((int) sandbox.mindbody().faultCount(Fault.MALFORMED_RECORD))
                .isNotEmpty();
        for (RejectedRecord rejected : host.store().rejected()) {
            assertThat(rejected.externalId()).as(rejected.reason()).isNotNull();
            assertThat(rejected.reason()).startsWith("Mindbody " + rejected.stream() + " record " + rejected.externalId());
            assertThat(rejected.rawPayload()).contains("not-a-date");
            Optional<Record> again = connector.reread(rejected.stream(), rejected.externalId(), host.context());
            assertThat(again).isPresent();
            assertThat(again.get().payload()).isEqualTo(clean.get(rejected.stream()).get(rejected.externalId()));
            assertThat(host.store().stream(rejected.stream())).doesNotContainKey(rejected.externalId());
        }
    }

    @Test
    void aClassWhoseVisitsCameBrokenHasThemAskedForOnTheirOwn() throws Exception {
        sandbox.faults(FaultProfile.NONE.with(Fault.MALFORMED_RECORD, 0.02));
        TestHost host = host();

        host.read("visits", Checkpoint.empty());

        long broken = sandbox.mindbody().faultCount(Fault.MALFORMED_RECORD);
        assertThat(broken).isPositive();
        assertThat(sandbox.mindbody().requests()).filteredOn(request -> request.path().endsWith("/class/classvisits"))
                .hasSize((int) broken).extracting(LoggedRequest::status).containsOnly(200);
        assertThat(host.store().stream("visits")).isEqualTo(clean.get("visits"));
        assertThat(host.store().rejected()).isEmpty();
    }

    @Test
    void aVisitCannotBeReadAloneSoItsStoredPayloadIsRetried() throws Exception {
        assertThat(new MindbodyConnector().reread("visits", "300000001", host().context())).isEmpty();
        assertThat(sandbox.mindbody().requests()).isEmpty();
    }
}
