package io.inflow.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.api.QuotaExhaustedException;
import io.inflow.server.store.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QuotaGateTest {

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T15:30:00Z"), ZoneOffset.UTC);
    private long connectionId;

    @BeforeEach
    void createConnection() {
        connectionId = database.connections().insert("test", "quota", "{}");
    }

    @Test
    void refusesTheCallAfterTheQuotaAndSaysWhenTheWindowOpens() throws Exception {
        QuotaGate gate = new QuotaGate(connectionId, database.quotas(), 3, false, Duration.ofDays(1), clock);
        gate.consume();
        gate.consume();
        gate.consume();

        assertThatThrownBy(gate::consume).isInstanceOf(QuotaExhaustedException.class)
                .satisfies(e -> assertThat(((QuotaExhaustedException) e).windowOpens())
                        .isEqualTo(Instant.parse("2025-03-02T00:00:00Z")));
        assertThat(database.quotas().used(connectionId, Instant.parse("2025-03-01T00:00:00Z"))).isEqualTo(3);
    }

    @Test
    void twoGatesOfOneConnectionShareItsQuotaAsTwoNodesWould() throws Exception {
        QuotaGate nodeA = new QuotaGate(connectionId, database.quotas(), 2, false, Duration.ofDays(1), clock);
        QuotaGate nodeB = new QuotaGate(connectionId, database.quotas(), 2, false, Duration.ofDays(1), clock);
        nodeA.consume();
        nodeB.consume();

        assertThatThrownBy(nodeA::consume).isInstanceOf(QuotaExhaustedException.class);
        assertThatThrownBy(nodeB::consume).isInstanceOf(QuotaExhaustedException.class);
    }

    @Test
    void overageKeepsCountingBeyondTheQuota() throws Exception {
        QuotaGate gate = new QuotaGate(connectionId, database.quotas(), 1, true, Duration.ofDays(1), clock);
        gate.consume();
        gate.consume();
        gate.consume();

        assertThat(database.quotas().used(connectionId, Instant.parse("2025-03-01T00:00:00Z"))).isEqualTo(3);
    }

    @Test
    void aNewWindowStartsFromZero() throws Exception {
        new QuotaGate(connectionId, database.quotas(), 1, false, Duration.ofDays(1), clock).consume();
        Clock tomorrow = Clock.offset(clock, Duration.ofDays(1));

        new QuotaGate(connectionId, database.quotas(), 1, false, Duration.ofDays(1), tomorrow).consume();

        assertThat(database.quotas().used(connectionId, Instant.parse("2025-03-02T00:00:00Z"))).isEqualTo(1);
    }
}
