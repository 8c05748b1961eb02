package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console live, in a real browser: an import started from the connections page shows its progress bar moving
 * and its counts reaching the table's 20,077 records, pushed by the server's events without a reload; a run is
 * cancelled and resumed from its page. The connections read at 25 and 20 requests a second, so the 201 pages of an
 * import take seconds, long enough to watch.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleLiveTest {

    private static final int TABLE_RECORDS = 20_077;
    private static final Duration IMPORT = Duration.ofSeconds(90);

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(2_000).withAirtableRequestsPerSecondPerToken(10_000));
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { });
    private static final Imports IMPORTS = new Imports(SERVER);
    private static ConsoleBrowser browser;
    private static long live;
    private static long cancelled;

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    @BeforeAll
    static void openBrowser() {
        SandboxAdmin sandbox = new SandboxAdmin(SANDBOX);
        live = IMPORTS.createConnection(Imports.airtableConnection(sandbox.connections(), "clinic-live",
                "requestsPerSecond", "25"));
        cancelled = IMPORTS.createConnection(Imports.airtableConnection(sandbox.connections(), "clinic-cancel",
                "requestsPerSecond", "20"));
        browser = ConsoleBrowser.open(SERVER);
        browser.signIn(TestKeys.ADMIN);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        SANDBOX.close();
    }

    @Test
    @Order(1)
    void anImportStartedFromThePageShowsItsProgressLiveUntilItsCountsReachEveryRecordWithoutAReload() {
        browser.open("#/connections");
        browser.script("window.sameDocument = 'yes'");
        browser.click(IMPORT, d -> row(live).findElement(By.cssSelector("[data-action=full]")));

        // a first import has no estimate of its total: its bar shows the records read so far
        Set<Long> seen = new TreeSet<>();
        browser.until(IMPORT, d -> {
            long done = Long.parseLong(row(live).findElement(By.cssSelector(".run-now .progress")).getAttribute("data-done"));
            if (done > 0 && done < TABLE_RECORDS) {
                seen.add(done);
            }
            return seen.size() >= 3;
        });
        assertThat(seen).as("the connection's progress moved, without a reload").hasSizeGreaterThanOrEqualTo(3);

        browser.click(IMPORT, d -> row(live).findElement(By.cssSelector(".run-now a[href^='#/runs/']")));
        Set<Long> seenOnRunPage = new TreeSet<>();
        browser.until(IMPORT, d -> {
            long done = Long.parseLong(d.findElement(By.cssSelector("#figure-progress .progress")).getAttribute("data-done"));
            if (done > 0 && done < TABLE_RECORDS) {
                seenOnRunPage.add(done);
            }
            return seenOnRunPage.size() >= 2;
        });

        browser.until(IMPORT, d -> "succeeded".equals(d.findElement(By.cssSelector("#run-status [data-status]")).getText()));
        assertThat(count("inserted")).isEqualTo(TABLE_RECORDS);
        assertThat(count("updated")).isZero();
        assertThat(count("unchanged")).isZero();
        assertThat(count("failed")).isZero();
        assertThat(browser.driver.findElement(By.cssSelector("[data-count=inserted]")).getText()).isEqualTo("20,077");
        WebElement stream = browser.driver.findElement(By.cssSelector("#streams tr[data-stream=Conversations]"));
        assertThat(stream.getText()).contains("succeeded").contains("20,077 / 20,077 (100%)");
        assertThat(browser.script("return window.sameDocument")).as("the page was never reloaded").isEqualTo("yes");
        browser.screenshot("run-succeeded");

        browser.click(IMPORT, d -> d.findElement(By.cssSelector("nav a[data-section=connections]")));
        String lastRun = browser.until(IMPORT, d -> row(live).findElement(By.cssSelector(".run-last")).getText());
        assertThat(lastRun).contains("succeeded").contains("20,077 inserted");
    }

    @Test
    @Order(2)
    void aRunCancelledFromItsPageIsResumedFromThereAndReadsOnlyWhatWasLeft() {
        browser.open("#/connections");
        browser.click(IMPORT, d -> row(cancelled).findElement(By.cssSelector("[data-action=full]")));
        browser.click(IMPORT, d -> row(cancelled).findElement(By.cssSelector(".run-now a[href^='#/runs/']")));
        browser.until(IMPORT, d -> Long.parseLong(d.findElement(By.cssSelector("#figure-progress .progress"))
                .getAttribute("data-done")) >= 500);
        long first = runIdInUrl();

        browser.click(IMPORT, d -> d.findElement(By.id("cancel")));

        browser.until(IMPORT, d -> "cancelled".equals(d.findElement(By.cssSelector("#run-status [data-status]")).getText()));
        JsonNode stopped = IMPORTS.run(first);
        assertThat(stopped.path("status").asText()).isEqualTo("cancelled");
        long before = stopped.path("counts").path("inserted").asLong();
        assertThat(before).isBetween(500L, TABLE_RECORDS - 1L);
        assertThat(count("inserted")).isEqualTo(before);
        browser.screenshot("run-cancelled");

        browser.click(IMPORT, d -> d.findElement(By.id("resume")));

        browser.until(IMPORT, d -> runIdInUrl() != first);
        long resumed = runIdInUrl();
        browser.until(IMPORT, d -> "succeeded".equals(d.findElement(By.cssSelector("#run-status [data-status]")).getText()));
        assertThat(count("inserted")).as("the resume read only what the cancelled run had not").isEqualTo(TABLE_RECORDS - before);
        assertThat(IMPORTS.run(resumed).path("trigger").asText()).isEqualTo("resume");
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + cancelled))
                .isEqualTo(TABLE_RECORDS);
        browser.screenshot("run-resumed");
    }

    @Test
    @Order(3)
    void aSecondImportShowsItsPercentRateAndTimeLeftFromTheRecordsTheStreamHeld() {
        browser.open("#/connections");
        browser.click(IMPORT, d -> row(live).findElement(By.cssSelector("[data-action=full]")));
        browser.click(IMPORT, d -> row(live).findElement(By.cssSelector(".run-now a[href^='#/runs/']")));

        // the figures are drawn again at each event: read them in one go
        List<String> shown = browser.until(IMPORT, d -> {
            WebElement bar = d.findElement(By.cssSelector("#figure-progress .progress"));
            String percentText = bar.getAttribute("data-percent");
            double percent = percentText.isEmpty() ? 0 : Double.parseDouble(percentText);
            boolean rated = d.findElement(By.id("figure-rate")).getText().matches("[1-9][0-9,]*")
                    && d.findElement(By.id("figure-time")).getText().matches("\\d+ (s|min \\d+ s)");
            if (percent < 20 || percent > 90 || !rated) {
                return null;
            }
            List<String> values = List.of(bar.getAttribute("data-total"),
                    bar.findElement(By.tagName("progress")).getAttribute("max"), bar.getText());
            browser.screenshot("run-live");
            return values;
        });
        assertThat(shown.get(0)).isEqualTo(Integer.toString(TABLE_RECORDS));
        assertThat(shown.get(1)).isEqualTo(Integer.toString(TABLE_RECORDS));
        assertThat(shown.get(2)).matches("[0-9,]+ / 20,077 \\([0-9.]+%\\)");

        browser.until(IMPORT, d -> "succeeded".equals(d.findElement(By.cssSelector("#run-status [data-status]")).getText()));
        assertThat(count("unchanged")).isEqualTo(TABLE_RECORDS);
        assertThat(count("inserted")).isZero();
    }

    private static WebElement row(long connection) {
        return browser.waitFor(By.cssSelector("#connections tr[data-connection='" + connection + "']"));
    }

    private static long count(String name) {
        return Long.parseLong(browser.driver.findElement(By.cssSelector("[data-count=" + name + "]")).getAttribute("data-value"));
    }

    private static long runIdInUrl() {
        String url = browser.driver.getCurrentUrl();
        return Long.parseLong(url.substring(url.indexOf("#/runs/") + "#/runs/".length()));
    }
}
