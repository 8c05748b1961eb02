package io.inflow.sandbox.mindbody;

import static io.inflow.sandbox.mindbody.MindbodyHttp.V6;
import static io.inflow.sandbox.mindbody.MindbodyHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The studio's exact figures, as a client paging through the API sees them. */
class StudioFiguresTest {

    private static final String WINDOW = "request.startDateTime=2024-10-13&request.endDateTime=2025-11-14";

    private static Sandbox sandbox;
    private static MindbodyHttp http;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0)
                .withMindbody(MindbodyOptions.defaults().withRequestsPerSecond(0)));
        http = new MindbodyHttp(sandbox);
        token = http.token();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static int total(String pathAndQuery) {
        return json(http.get(pathAndQuery, token)).get("PaginationResponse").get("TotalResults").asInt();
    }

    @Test
    void theStudioHasItsClientsOfWhichSomeAreActive() {
        List<JsonNode> clients = http.all(V6 + "/client/clients?request.includeInactive=true", "Clients", token);

        assertThat(clients).hasSize(6_539);
        assertThat(clients).filteredOn(client -> client.get("Active").asBoolean()).hasSize(536)
                .allSatisfy(client -> assertThat(client.get("Status").asText()).isEqualTo("Active"));
        assertThat(clients).filteredOn(client -> !client.get("Active").asBoolean())
                .allSatisfy(client -> assertThat(client.get("Status").asText()).isNotEqualTo("Active"));
        assertThat(clients.stream().map(client -> client.get("UniqueId").asLong())).isSorted().doesNotHaveDuplicates();
        assertThat(clients.stream().map(client -> client.get("Id").asText())).doesNotHaveDuplicates();
        assertThat(total(V6 + "/client/clients?request.limit=1")).as("without includeInactive").isEqualTo(536);
    }

    @Test
    void theCatalogueHasEightyFourClassDescriptions() {
        List<JsonNode> descriptions = http.all(V6 + "/class/classdescriptions?", "ClassDescriptions", token);

        assertThat(descriptions).hasSize(84);
        assertThat(descriptions.stream().map(d -> d.get("Name").asText())).doesNotHaveDuplicates();
    }

    @Test
    void theScheduleHoldsItsClassesAndVisitsBetweenItsFirstAndLastDay() {
        List<JsonNode> classes = http.all(V6 + "/class/classes?" + WINDOW, "Classes", token);

        assertThat(classes).hasSize(StudioFigures.CLASSES).hasSize(39_022);
        assertThat(classes.get(0).get("StartDateTime").asText()).startsWith("2024-10-13T");
        assertThat(classes.get(classes.size() - 1).get("StartDateTime").asText()).startsWith("2025-11-14T");
        assertThat(classes.stream().map(c -> c.get("StartDateTime").asText())).isSorted();
        Set<Long> visitIds = new HashSet<>();
        Map<String, Long> perMonth = new TreeMap<>();
        for (JsonNode scheduled : classes) {
            scheduled.get("Visits").forEach(visit -> visitIds.add(visit.get("Id").asLong()));
            perMonth.merge(scheduled.get("StartDateTime").asText().substring(0, 7), 1L, Long::sum);
            long booked = 0;
            for (JsonNode visit : scheduled.get("Visits")) {
                assertThat(visit.get("ClassId").asLong()).isEqualTo(scheduled.get("Id").asLong());
                booked += visit.get("LateCancelled").asBoolean() ? 0 : 1;
            }
            assertThat(scheduled.get("TotalBooked").asLong()).isEqualTo(booked).isLessThanOrEqualTo(scheduled.get("MaxCapacity").asLong());
        }
        assertThat(visitIds).hasSize(StudioFigures.VISITS).hasSize(84_216);
        assertThat(perMonth).isEqualTo(sandbox.mindbody().classesPerMonth()).hasSize(14);
        assertThat(total(V6 + "/class/classes?request.startDateTime=2024-10-12&request.endDateTime=2024-10-12")).isZero();
        assertThat(total(V6 + "/class/classes?request.startDateTime=2025-11-15&request.endDateTime=2026-12-31")).isZero();
    }

    @Test
    void theSalesOfTheSamePeriod() {
        assertThat(total(V6 + "/sale/sales?request.startSaleDateTime=2024-10-13T00:00:00"
                + "&request.endSaleDateTime=2025-11-14T23:59:59")).isEqualTo(StudioFigures.SALES).isEqualTo(12_407);
        assertThat(total(V6 + "/sale/sales?request.startSaleDateTime=2000-01-01&request.endSaleDateTime=2030-01-01"))
                .isEqualTo(12_407);
    }

    @Test
    void statsGiveTheFiguresAsTheDataStands() {
        JsonNode stats = json(http.send(http.bare("/_sandbox/stats"))).get("mindbody");

        assertThat(stats.get("streams").toString()).isEqualTo("{\"clients\":6539,\"classes\":84,\"class_schedules\":39022,"
                + "\"visits\":84216,\"sales\":12407}");
        assertThat(stats.get("clients").toString()).isEqualTo("{\"total\":6539,\"active\":536,\"inactive\":6003}");
    }
}
