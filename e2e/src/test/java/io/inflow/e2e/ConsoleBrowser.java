package io.inflow.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through Debian's chromedriver, one per test class, looking at one server's console.
 * Chromium and chromedriver come from the system ({@code apt-get install chromium chromium-driver}; {@code .ci/run}
 * installs them): when they are missing, starting fails, so the browser tests fail rather than skip.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final String CHROMEDRIVER = System.getProperty("inflow.chromedriver", "/usr/bin/chromedriver");
    /** Debian's /usr/bin/chromium is a shell script that starts this binary. */
    static final String CHROMIUM = System.getProperty("inflow.chromium",
            Files.isExecutable(Path.of("/usr/lib/chromium/chromium")) ? "/usr/lib/chromium/chromium" : "/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final String baseUrl;

    private ConsoleBrowser(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    static ConsoleBrowser open(TestServer server) {
        for (String program : List.of(CHROMEDRIVER, CHROMIUM)) {
            if (!Files.isExecutable(Path.of(program))) {
                throw new AssertionError(program + " is missing: the console's browser tests need Chromium and its driver"
                        + " (apt-get install -y chromium chromium-driver)");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=en-US", "--disable-extensions", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return new ConsoleBrowser(driver, "http://localhost:" + server.app.getLocalPort());
    }

    /** Opens a page of the console, {@code ""} for its root or {@code "#/history"}. */
    void open(String hash) {
        driver.get(baseUrl + "/" + hash);
    }

    String url(String path) {
        return baseUrl + path;
    }

    /** Signs in with a key through the sign-in form, and waits for the role to show. */
    void signIn(String key) {
        open("#/connections");
        WebElement input = waitFor(By.id("api-key"));
        input.clear();
        input.sendKeys(key);
        driver.findElement(By.cssSelector("form.sign-in button[type=submit]")).click();
        waitFor(By.id("role"));
    }

    void signOut() {
        driver.findElement(By.id("sign-out")).click();
        waitFor(By.id("api-key"));
    }

    WebElement waitFor(By locator) {
        return until(Duration.ofSeconds(15), d -> {
            List<WebElement> found = d.findElements(locator);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    /** Waits until the condition answers neither null nor false; on a timeout, saves what the page showed. */
    <T> T until(Duration timeout, Function<WebDriver, T> condition) {
        try {
            // a cell the page fills again between finding and reading it is looked up again
            return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                    .ignoring(StaleElementReferenceException.class)
                    .until(condition::apply);
        } catch (TimeoutException e) {
            throw new TimeoutException(e.getMessage() + "; the page is in " + screenshot("timeout-" + System.nanoTime()), e);
        }
    }

    /** Clicks the element once it is there, finding it again if the page replaced it meanwhile. */
    void click(Duration timeout, Function<WebDriver, WebElement> element) {
        until(timeout, d -> {
            element.apply(d).click();
            return true;
        });
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object asyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}; answers the file. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
