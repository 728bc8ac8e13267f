package dev.quell.console;

import dev.quell.testing.ConsoleClient;
import dev.quell.testing.RunningQuell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs): sign in, see a pushed incident appear on the incidents page without a reload, acknowledge
 * and resolve it. Screenshots land in {@code target/screenshots/}. Without the browser the test is skipped, saying so.
 */
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The incidents list polls every 5 seconds; three polls is plenty even on a loaded machine. */
    private static final Duration LIVE_UPDATE = Duration.ofSeconds(15);

    @RegisterExtension
    static final RunningQuell quell = RunningQuell.perTestClass(0, 0);

    private static Path profile;
    private static ChromeDriver driver;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no browser: install Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + ") to run the console in a real browser");
        profile = Files.createTempDirectory("quell-chromium-");
        ChromeOptions options = new ChromeOptions();
        // An explicit binary and driver: Selenium Manager then has nothing to look up or download.
        options.setBinary(CHROMIUM.toFile());
        // The background-networking switches keep Chromium from calling home, which a closed network answers with
        // a flood of refused connections.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogOutput(OutputStream.nullOutputStream()).build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Test
    void aPushedIncidentAppearsLiveAndIsAcknowledgedAndResolvedInTheBrowser() throws IOException {
        signIn();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Incidents");
        ((JavascriptExecutor) driver).executeScript("window.quellMarker = 1;");

        assertThat(quell.push("{\"title_rule\":\"Checkout latency high\",\"event_status\":\"Critical\","
                + "\"alert_key\":\"browser-1\",\"labels\":{\"service\":\"checkout\"}}").status()).isEqualTo(200);
        WebElement row = new WebDriverWait(driver, LIVE_UPDATE).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr.incident")));
        assertThat(row.getText()).contains("Checkout latency high").contains("Triggered");
        assertThat(((JavascriptExecutor) driver).executeScript("return window.quellMarker;"))
                .as("the incident arrived without a reload").isEqualTo(1L);
        screenshot("1-incidents");
        phoneScreenshot("2-incidents-phone");

        row.findElement(By.linkText("Checkout latency high")).click();
        waitFor(By.id("ack")).click();
        waitForText(By.id("progress"), "Processing");
        WebElement acknowledged = driver.findElement(By.cssSelector("#timeline li[data-type=i_ack]"));
        assertThat(acknowledged.findElement(By.className("actor")).getText()).isEqualTo("admin");
        assertThat(driver.findElement(By.id("notice")).getText()).isEqualTo("Acknowledged.");
        screenshot("3-incident-acknowledged");

        driver.findElement(By.name("root_cause")).sendKeys("a slow payment provider");
        driver.findElement(By.name("resolution")).sendKeys("failed over to the second provider");
        driver.findElement(By.id("resolve")).click();
        waitForText(By.id("progress"), "Closed");
        assertThat(driver.findElement(By.cssSelector("#timeline li[data-type=i_rslv]")).getText())
                .contains("a slow payment provider");
        assertThat(driver.findElement(By.id("reopen")).isDisplayed()).isTrue();
        screenshot("4-incident-closed");

        assertThat(driver.getCurrentUrl()).startsWith(quell.baseUrl() + "/incidents/");
        assertThat(((JavascriptExecutor) driver).executeScript("return window.quellMarker;"))
                .as("htmx carried every step out in the same page").isEqualTo(1L);
        assertEverythingCameFromQuellWithoutPolicyViolations();
    }

    private static void signIn() {
        driver.get(quell.baseUrl() + "/");
        assertThat(driver.getCurrentUrl()).isEqualTo(quell.baseUrl() + "/signin?next=%2F");
        driver.findElement(By.name("username")).sendKeys("admin");
        driver.findElement(By.name("password")).sendKeys(ConsoleClient.firstPassword(quell));
        driver.findElement(By.cssSelector(".signin button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(quell.baseUrl() + "/"));
    }

    /**
     * Every resource the pages loaded came from Quell (or is a {@code data:} URL, which loads nothing), and the browser
     * reported no CSP violation, failed request or script error.
     */
    private static void assertEverythingCameFromQuellWithoutPolicyViolations() {
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return performance.getEntriesByType('resource').map(r => r.name)"
                        + ".concat(Array.from(document.querySelectorAll('script[src],link[href],img[src]'),"
                        + " e => e.src || e.href));");
        assertThat(loaded).isNotEmpty().allSatisfy(url -> assertThat(url).satisfiesAnyOf(
                fromQuell -> assertThat(fromQuell).startsWith(quell.baseUrl() + "/"),
                inline -> assertThat(inline).startsWith("data:")));
        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage).toList();
        assertThat(problems).as("browser console warnings and errors").isEmpty();
    }

    private static WebElement waitFor(By locator) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.elementToBeClickable(locator));
    }

    private static void waitForText(By locator, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(locator, text));
    }

    /** The whole page, not just the window: the note shows what a person scrolling would see. */
    private static void screenshot(String name) throws IOException {
        // The window's full width: captured beyond the viewport, the page has no scrollbar to leave room for.
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(
                "return {width: window.innerWidth, height: document.documentElement.scrollHeight};");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get("width"),
                        "height", size.get("height"), "scale", 1)));
        Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** The same page as a phone shows it; nothing may stick out sideways. */
    private static void phoneScreenshot(String name) throws IOException {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                "deviceScaleFactor", 1, "mobile", true));
        try {
            Object overflow = ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            screenshot(name);
            assertThat(overflow).as("sideways overflow at 390 px, in px").isEqualTo(0L);
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }
}
