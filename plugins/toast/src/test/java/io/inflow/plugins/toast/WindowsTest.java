package io.inflow.plugins.toast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.record.Record;
import io.inflow.sandbox.LoggedRequest;
import io.inflow.sandbox.toast.Restaurant;
import io.inflow.testkit.RecordingReadContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Windows of modification time: contiguous, never longer than Toast allows, an order at a boundary read once in
 * the window that starts there, and every order of the business dates asked for read, late-night ones included.
 */
class WindowsTest {

    /** The last days of the orders: a scan from then to {@link #NOW} has two windows. */
    private static final LocalDate START = LocalDate.of(2025, 3, 28);
    private static final Instant FIRST_WINDOW_START = Instant.parse("2025-03-27T10:00:00Z");
    private static final Instant NOW = Instant.parse("2025-05-01T00:00:00Z");

    private final ToastSandbox toast = ToastSandbox.at(NOW.toString());

    @AfterEach
    void stop() {
        toast.close();
    }

    @Test
    void windowsFollowEachOtherWithoutGapOrOverlapAndNoneIsLongerThanToastAllows() throws Exception {
        toast.read(toast.config(START.toString()), Checkpoint.empty());

        List<LoggedRequest> firstPages = toast.bulkRequests().stream()
                .filter(request -> request.param("page").orElseThrow().equals("1")).toList();
        Instant expectedStart = FIRST_WINDOW_START;
        for (LoggedRequest window : firstPages) {
            Instant start = ToastTimes.parse(window.param("startDate").orElseThrow()).orElseThrow();
            Instant end = ToastTimes.parse(window.param("endDate").orElseThrow()).orElseThrow();
            assertThat(start).isEqualTo(expectedStart);
            assertThat(Duration.between(start, end)).isPositive().isLessThanOrEqualTo(ScanPosition.MAX_WINDOW);
            expectedStart = end;
        }
        assertThat(expectedStart).as("the end of the last window").isEqualTo(toast.clock.instant());
        assertThat(firstPages).hasSize(2);
    }

    @Test
    void ordersModifiedJustBeforeAndJustAtAWindowBoundaryAreEachReadOnceInTheirOwnWindow() throws Exception {
        Instant boundary = FIRST_WINDOW_START.plus(ScanPosition.MAX_WINDOW);
        toast.clock.set(boundary.minusMillis(1));
        String before = toast.toast().modify(1).ids().get(0);
        toast.clock.set(boundary);
        String at = toast.toast().modify(1).ids().get(0);
        toast.clock.set(NOW);

        RecordingReadContext read = toast.read(toast.config(START.toString()), Checkpoint.empty());

        assertThat(read.records()).filteredOn(record -> record.externalId().equals(before)).hasSize(1);
        assertThat(read.records()).filteredOn(record -> record.externalId().equals(at)).hasSize(1);
        assertThat(windowOf(read, before).get("windowEnd")).contains(boundary.toString());
        assertThat(windowOf(read, at).get("modifiedSince")).contains(boundary.toString());
        int expected = toast.toast().ordersModifiedBetween(FIRST_WINDOW_START, NOW);
        assertThat(read.stored()).hasSize(expected);
        assertThat(read.records()).hasSize(expected);
    }

    @Test
    void everyOrderOfTheBusinessDatesFromTheStartDateIsReadLateNightOnesIncluded() throws Exception {
        LocalDate startDate = START;

        RecordingReadContext read = toast.read(toast.config(startDate.toString()), Checkpoint.empty());

        Set<String> ofTheseDates = new HashSet<>();
        for (LocalDate date = startDate; !date.isAfter(Restaurant.lastBusinessDate()); date = date.plusDays(1)) {
            ofTheseDates.addAll(guidsOfBusinessDate(date));
        }
        assertThat(read.stored().keySet()).containsAll(ofTheseDates);
        assertThat(read.stored().values()).as("orders of a business date last modified on a later UTC date")
                .anySatisfy(record -> assertThat(utcDate(record)).isAfter(businessDate(record)));
        assertThat(read.stored().values()).as("orders of an earlier business date modified since the start")
                .anySatisfy(record -> assertThat(businessDate(record)).isBefore(startDate));
    }

    /** The checkpoint the read stood at when it asked for the page that held this order. */
    private static Checkpoint windowOf(RecordingReadContext read, String guid) {
        return read.commits().stream()
                .filter(each -> each.batch().records().stream().anyMatch(record -> record.externalId().equals(guid)))
                .findFirst().orElseThrow().before();
    }

    private Set<String> guidsOfBusinessDate(LocalDate date) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String token = ToastTestJson.read(client.send(HttpRequest.newBuilder(URI.create(
                        toast.sandbox.baseUrl() + "/toast/authentication/v1/authentication/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"" + Restaurant.CLIENT_ID
                        + "\",\"clientSecret\":\"sandbox-token\",\"userAccessType\":\"TOAST_MACHINE_CLIENT\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("token").path("accessToken").asText();
        Set<String> guids = new HashSet<>();
        for (int page = 1; ; page++) {
            String url = toast.sandbox.baseUrl() + "/toast/orders/v2/ordersBulk?businessDate="
                    + date.toString().replace("-", "") + "&page=" + page;
            JsonNode orders = ToastTestJson.read(client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token)
                    .header("Toast-Restaurant-External-ID", Restaurant.GUID).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (orders.isEmpty()) {
                return guids;
            }
            orders.forEach(order -> guids.add(order.path("guid").asText()));
        }
    }

    private static LocalDate businessDate(Record record) {
        return LocalDate.parse(ToastTestJson.read(record.payload()).path("businessDate").asText(),
                java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static LocalDate utcDate(Record record) {
        return record.sourceUpdatedAt().atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
