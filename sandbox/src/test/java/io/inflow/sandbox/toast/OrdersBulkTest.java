package io.inflow.sandbox.toast;

import static io.inflow.sandbox.toast.ToastHttp.json;
import static io.inflow.sandbox.toast.ToastHttp.window;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.MutableClock;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /ordersBulk}: its windows, its strict parameters and its pages. */
class OrdersBulkTest {

    private static final Instant MARCH = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant APRIL = Instant.parse("2025-04-01T00:00:00Z");
    private static final Instant MAY = Instant.parse("2025-05-01T00:00:00Z");
    /** A busy Saturday's orders: three pages. */
    private static final Instant DAY = Instant.parse("2025-03-08T10:00:00Z");
    private static final Instant NEXT_DAY = Instant.parse("2025-03-09T10:00:00Z");

    private static final MutableClock CLOCK = MutableClock.at("2025-06-01T12:00:00Z");
    private static Sandbox sandbox;
    private static ToastHttp http;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(CLOCK).withAirtableRecords(1)
                .withToastRequestsPerSecond(0));
        http = new ToastHttp(sandbox);
        token = http.token();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void defaults() {
        sandbox.toast().linkNextOnEveryPage(false);
        sandbox.toast().maxWindow(Period.ofMonths(1));
    }

    @Test
    void aWindowHoldsTheOrdersModifiedFromItsStartUpToButExcludingItsEnd() {
        List<JsonNode> march = all(window(MARCH, APRIL));
        List<JsonNode> april = all(window(APRIL, MAY));

        assertThat(march.size() + april.size()).isEqualTo(Restaurant.ORDERS);
        assertThat(march).allSatisfy(order -> assertThat(modified(order)).isBefore(APRIL));
        Instant boundary = modified(april.get(0));
        List<JsonNode> upToIt = all(window(boundary.minus(Duration.ofDays(2)), boundary));
        List<JsonNode> fromIt = all(window(boundary, boundary.plusMillis(1)));
        assertThat(upToIt).noneMatch(order -> modified(order).equals(boundary));
        assertThat(fromIt).anyMatch(order -> modified(order).equals(boundary));
    }

    @Test
    void ordersComeInGuidOrderNotInTheOrderOfTheirModification() {
        List<JsonNode> orders = all(window(DAY, NEXT_DAY));

        List<String> guids = orders.stream().map(order -> order.path("guid").asText()).toList();
        assertThat(guids).isSorted();
        assertThat(orders.stream().map(OrdersBulkTest::modified).toList()).isNotEqualTo(
                orders.stream().map(OrdersBulkTest::modified).sorted().toList());
    }

    @Test
    void aBusinessDateSelectsTheOrdersOpenedThatDayHoweverLateTheyWereModified() {
        List<JsonNode> orders = all("businessDate=20250309");

        assertThat(orders).isNotEmpty().allSatisfy(order -> assertThat(order.path("businessDate").asInt()).isEqualTo(20250309));
        assertThat(orders.size()).isEqualTo(sandbox.toast().figures().days().get(8).orders()
                + (int) orders.stream().filter(order -> order.path("voided").asBoolean()).count());
    }

    @Test
    void datesMustBeToastsIsoFormWithMillisecondsAndAnOffsetWithoutColon() {
        assertThat(status("startDate=2025-03-01T00:00:00.000Z&endDate=2025-03-02T00:00:00.000Z")).isEqualTo(400);
        assertThat(status("startDate=2025-03-01T00:00:00%2B0000&endDate=2025-03-02T00:00:00%2B0000")).isEqualTo(400);
        assertThat(status("startDate=2025-03-01T00:00:00.000%2B00:00&endDate=2025-03-02T00:00:00.000%2B00:00")).isEqualTo(400);
        assertThat(status("startDate=2025-03-01&endDate=2025-03-02")).isEqualTo(400);
        assertThat(status("startDate=2025-03-01T00:00:00.000-0500&endDate=2025-03-02T00:00:00.000-0500")).isEqualTo(200);
        HttpResponse<String> refused = http.bulk(token, "startDate=yesterday&endDate=today");
        assertThat(json(refused).path("message").asText()).contains("2016-01-01T14:13:12.000+0400");
    }

    @Test
    void aWindowMustBeAfterDecember2015EndAfterItsStartAndLastAtMostAMonth() {
        assertThat(status(window(Instant.parse("2015-12-01T00:00:00Z"), Instant.parse("2015-12-02T00:00:00Z")))).isEqualTo(400);
        assertThat(status(window(APRIL, APRIL))).isEqualTo(400);
        assertThat(status(window(APRIL, MARCH))).isEqualTo(400);
        assertThat(status(window(MARCH, APRIL))).as("exactly one month").isEqualTo(200);
        assertThat(status(window(MARCH, APRIL.plusMillis(1)))).isEqualTo(400);
        assertThat(status(window(Instant.parse("2025-02-01T00:00:00Z"), MARCH))).as("February").isEqualTo(200);
        assertThat(status(window(Instant.parse("2025-02-01T00:00:00Z"), Instant.parse("2025-03-02T00:00:00Z"))))
                .as("29 days from February 1st").isEqualTo(400);
    }

    @Test
    void theWindowLimitCanBeChangedForClientsThatAssumeAnother() {
        sandbox.toast().maxWindow(Period.ofDays(7));

        assertThat(status(window(MARCH, MARCH.plus(Duration.ofDays(7))))).isEqualTo(200);
        assertThat(status(window(MARCH, MARCH.plus(Duration.ofDays(8))))).isEqualTo(400);
    }

    @Test
    void otherParametersAreCheckedToo() {
        String march = window(MARCH, APRIL);
        assertThat(status(march + "&businessDate=20250301")).isEqualTo(400);
        assertThat(status("startDate=" + ToastHttp.encode("2025-03-01T00:00:00.000+0000"))).isEqualTo(400);
        assertThat(status("")).isEqualTo(400);
        assertThat(status("businessDate=2025-03-01")).isEqualTo(400);
        assertThat(status("businessDate=20250230")).isEqualTo(400);
        assertThat(status(march + "&pageSize=0")).isEqualTo(400);
        assertThat(status(march + "&pageSize=101")).isEqualTo(400);
        assertThat(status(march + "&pageSize=ten")).isEqualTo(400);
        assertThat(status(march + "&page=0")).isEqualTo(400);
        assertThat(status(march + "&page=1&page=2")).isEqualTo(400);
        assertThat(status(march + "&limit=10")).isEqualTo(400);
        assertThat(status(march + "&pageSize=100&page=1")).isEqualTo(200);
    }

    @Test
    void pagesLinkTheFirstThemselvesThePreviousAndTheNextWhileOrdersRemain() {
        HttpResponse<String> second = http.bulk(token, window(DAY, NEXT_DAY) + "&pageSize=100&page=2");

        String link = second.headers().firstValue("Link").orElseThrow();
        String base = "http://localhost:" + sandbox.port() + ToastHttp.BULK + "?" + window(DAY, NEXT_DAY) + "&pageSize=100";
        assertThat(link).isEqualTo("<" + base + ">; rel=\"first\", <" + base + "&page=2>; rel=\"self\", <"
                + base + "&page=1>; rel=\"prev\", <" + base + "&page=3>; rel=\"next\"");
        assertThat(json(second)).hasSize(100);
    }

    @Test
    void theLastPageLinksNoNextAndAPagePastTheEndIsEmpty() {
        int orders = all(window(DAY, NEXT_DAY)).size();
        int lastPage = (orders + 99) / 100;

        HttpResponse<String> last = http.bulk(token, window(DAY, NEXT_DAY) + "&page=" + lastPage);
        HttpResponse<String> past = http.bulk(token, window(DAY, NEXT_DAY) + "&page=" + (lastPage + 1));

        assertThat(json(last)).hasSize(orders - (lastPage - 1) * 100);
        assertThat(last.headers().firstValue("Link").orElseThrow()).doesNotContain("rel=\"next\"");
        assertThat(past.body()).isEqualTo("[]");
        assertThat(past.headers().firstValue("Link").orElseThrow()).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
    }

    @Test
    void anExactMultipleOfThePageSizeEndsOnAFullPageWithoutANextLink() {
        List<JsonNode> day = all(window(DAY, NEXT_DAY));
        Instant cut = modified(day.stream().sorted((a, b) -> modified(a).compareTo(modified(b))).toList().get(200));
        int inWindow = all(window(DAY, cut)).size();
        assertThat(inWindow).as("orders before the 201st modification").isEqualTo(200);

        HttpResponse<String> second = http.bulk(token, window(DAY, cut) + "&page=2");

        assertThat(json(second)).hasSize(100);
        assertThat(second.headers().firstValue("Link").orElseThrow()).doesNotContain("rel=\"next\"");
    }

    @Test
    void everyPageCanBeMadeToLinkANextOneAsSomeClientsExpect() {
        sandbox.toast().linkNextOnEveryPage(true);

        HttpResponse<String> past = http.bulk(token, window(MARCH, APRIL) + "&page=99");

        assertThat(past.body()).isEqualTo("[]");
        assertThat(past.headers().firstValue("Link").orElseThrow()).contains("page=100>; rel=\"next\"");
    }

    @Test
    void oneOrderCanBeReadByItsGuid() {
        JsonNode first = json(http.bulk(token, window(DAY, NEXT_DAY))).get(0);
        String guid = first.path("guid").asText();

        HttpResponse<String> one = http.get("/toast/orders/v2/orders/" + guid, ToastHttp.headers(token, Restaurant.GUID));

        assertThat(json(one)).isEqualTo(first);
        assertThat(http.get("/toast/orders/v2/orders/not-a-guid", ToastHttp.headers(token, Restaurant.GUID)).statusCode())
                .isEqualTo(400);
        assertThat(http.get("/toast/orders/v2/orders/00000000-0000-4000-8000-000000000000",
                ToastHttp.headers(token, Restaurant.GUID)).statusCode()).isEqualTo(404);
    }

    @Test
    void theSameRequestsGetByteIdenticalAnswers() {
        String body = http.bulk(token, window(DAY, NEXT_DAY) + "&page=2").body();

        try (Sandbox twin = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(CLOCK).withAirtableRecords(1)
                .withToastRequestsPerSecond(0))) {
            ToastHttp twinHttp = new ToastHttp(twin);
            assertThat(twinHttp.bulk(twinHttp.token(), window(DAY, NEXT_DAY) + "&page=2").body()).isEqualTo(body);
        }
        try (Sandbox other = Sandbox.start(SandboxOptions.defaults().withPort(0).withSeed(7).withClock(CLOCK)
                .withAirtableRecords(1).withToastRequestsPerSecond(0))) {
            ToastHttp otherHttp = new ToastHttp(other);
            assertThat(otherHttp.bulk(otherHttp.token(), window(DAY, NEXT_DAY) + "&page=2").body()).isNotEqualTo(body);
        }
    }

    private static int status(String query) {
        return http.bulk(token, query).statusCode();
    }

    /** Every page of a query, following next links. */
    private static List<JsonNode> all(String query) {
        List<JsonNode> orders = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int page = 1; ; page++) {
            HttpResponse<String> response = http.bulk(token, query + "&page=" + page);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            json(response).forEach(order -> {
                if (!seen.add(order.path("guid").asText())) {
                    throw new AssertionError("order " + order.path("guid") + " on two pages");
                }
                orders.add(order);
            });
            if (!response.headers().firstValue("Link").orElse("").contains("rel=\"next\"")) {
                return orders;
            }
        }
    }

    private static Instant modified(JsonNode order) {
        return ToastTime.parseParam(order.path("modifiedDate").asText()).orElseThrow();
    }
}
