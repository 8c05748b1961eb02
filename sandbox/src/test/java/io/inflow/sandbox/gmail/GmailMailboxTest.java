package io.inflow.sandbox.gmail;

import static io.inflow.sandbox.gmail.GmailHttp.USER;
import static io.inflow.sandbox.gmail.GmailHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default mailbox's exact figures, and the same answers for the same seed. */
class GmailMailboxTest {

    private static Sandbox sandbox;
    private static GmailHttp http;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withAirtableRecords(1).withGmailUnitsPerSecond(0));
        http = new GmailHttp(sandbox);
        token = http.accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theDefaultMailboxHasExactly4800MessagesOutsideSpamAndTrash() {
        JsonNode profile = json(http.get(USER + "/profile", token));
        MailboxFigures figures = sandbox.gmail().figures();

        assertThat(profile.get("emailAddress").asText()).isEqualTo("inflow.sandbox@gmail.com");
        assertThat(profile.get("messagesTotal").asInt()).isEqualTo(5_000);
        assertThat(profile.get("threadsTotal").asInt()).isEqualTo(3_265);
        assertThat(figures.messages()).isEqualTo(4_800);
        assertThat(figures.threads()).isEqualTo(3_101);
        assertThat(figures.unread()).isEqualTo(426);
        assertThat(figures.starred()).isEqualTo(138);
        assertThat(figures.labels()).containsEntry("INBOX", 1_342L).containsEntry("SENT", 1_152L)
                .containsEntry("Clients", 701L).doesNotContainKeys("SPAM", "TRASH");
        assertThat(figures.senderDomains()).hasSize(15);
        assertThat(figures.senderDomains().entrySet().iterator().next()).isEqualTo(java.util.Map.entry("fabrikam.io", 595L));
        assertThat(sandbox.gmail().labelCount()).isEqualTo(22);
    }

    @Test
    void listingEveryPageGivesEachMessageOnceNewestFirst() {
        List<String> ids = new ArrayList<>();
        String pageToken = null;
        do {
            JsonNode page = json(http.get(USER + "/messages?maxResults=500" + (pageToken == null ? "" : "&pageToken=" + pageToken), token));
            assertThat(page.get("resultSizeEstimate").asInt()).isEqualTo(4_800);
            page.get("messages").forEach(message -> ids.add(message.get("id").asText()));
            pageToken = page.hasNonNull("nextPageToken") ? page.get("nextPageToken").asText() : null;
        } while (pageToken != null);

        assertThat(ids).hasSize(4_800).doesNotHaveDuplicates();
        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compareUnsigned(Long.parseUnsignedLong(b, 16), Long.parseUnsignedLong(a, 16)));
    }

    @Test
    void spamAndTrashAreListedOnlyWhenAskedFor() {
        assertThat(estimate("includeSpamTrash=true")).isEqualTo(5_000);
        assertThat(estimate("q=in:spam")).isEqualTo(150);
        assertThat(estimate("q=in:trash")).isEqualTo(50);
        assertThat(estimate("labelIds=SPAM")).isEqualTo(150);
        assertThat(estimate("q=-in:inbox")).isEqualTo(4_800 - 1_342);
    }

    @Test
    void searchesCombineTheirTermsAndCountExactly() {
        assertThat(estimate("q=label:clients")).isEqualTo(701);
        assertThat(estimate("labelIds=Label_1")).isEqualTo(701);
        assertThat(estimate("q=from:fabrikam.io")).isEqualTo(595);
        assertThat(estimate("q=is:unread%20is:starred")).isEqualTo(estimate("labelIds=UNREAD&labelIds=STARRED"))
                .isPositive().isLessThan(138);
        assertThat(estimate("q=after:2025/05/01%20before:2025/06/01")).isBetween(300L, 500L);
        assertThat(estimate("q=%22Daily%20Brief%22")).isEqualTo(sandbox.gmail().figures().senderDomains().get("dailybrief.example"));
    }

    @Test
    void twoSandboxesWithTheSameSeedAnswerByteForByteAlikeAndAnotherSeedDiffers() {
        List<String> same;
        List<String> other;
        try (Sandbox first = Sandbox.start(SandboxOptions.defaults().withPort(0).withAirtableRecords(1).withGmailMessages(300))) {
            same = session(first);
        }
        try (Sandbox second = Sandbox.start(SandboxOptions.defaults().withPort(0).withAirtableRecords(1).withGmailMessages(300))) {
            assertThat(session(second)).isEqualTo(same);
        }
        try (Sandbox third = Sandbox.start(SandboxOptions.defaults().withPort(0).withAirtableRecords(1).withGmailMessages(300)
                .withSeed(43))) {
            other = session(third);
        }
        assertThat(other.get(0)).isNotEqualTo(same.get(0));
        assertThat(other.get(2)).isEqualTo(same.get(2));
    }

    private static List<String> session(Sandbox sandbox) {
        GmailHttp client = new GmailHttp(sandbox);
        String access = client.accessToken();
        List<String> bodies = new ArrayList<>();
        String list = client.get(USER + "/messages?maxResults=50", access).body();
        bodies.add(list);
        String id = json(client.get(USER + "/messages?maxResults=1", access)).get("messages").get(0).get("id").asText();
        bodies.add(client.get(USER + "/messages/" + id + "?format=full", access).body());
        bodies.add(client.get(USER + "/labels", access).body());
        bodies.add(client.get(USER + "/profile", access).body());
        return bodies;
    }

    private static long estimate(String query) {
        return json(http.get(USER + "/messages?maxResults=1&" + query, token)).get("resultSizeEstimate").asLong();
    }
}
