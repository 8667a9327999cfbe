package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Drives the web console in headless Chromium against a started server with default settings (per-shard
 * write limits on): create a stream through the form, put records through the put form, browse them with
 * each iterator type, then overload the shard with one partition key and follow the console's advice to
 * split it. Screenshots of each page land in {@code target/console-screenshots}.
 *
 * <p>Needs the Debian packages chromium and chromium-driver ({@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}); without them the test is skipped, or fails when RUNNEL_REQUIRE_BROWSER=true
 * (as in {@code .ci/run}). Selenium Manager is never used: the driver and browser paths are explicit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@EnabledIf(value = "browserInstalledOrRequired", disabledReason = "Chromium not installed (/usr/bin/chromium, "
        + "/usr/bin/chromedriver): apt-get install chromium chromium-driver to run the console browser test")
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration HOT_WAIT = Duration.ofSeconds(15);

    private static final String STREAM = "browser-demo";
    private static final String SHARD = "shardId-000000000000";
    private static final String JSON_PAYLOAD = "{\"sensor\":\"s-1\",\"temperature\":21.5,\"tags\":[\"a\",\"b\"]}";
    private static final String BINARY_BASE64 = "AAEC//8=";
    private static final Pattern FAILED =
            Pattern.compile("\"failedRecordCount\"\\s*:\\s*(\\d+)");

    private static ChromeDriverService service;
    private static WebDriver driver;
    private static Path profile;

    @LocalServerPort
    int port;

    private String base;
    private final List<String> sequenceNumbers = new ArrayList<>();

    /** Whether to run: with Chromium installed, or when it is required (then {@link #startBrowser} fails). */
    static boolean browserInstalledOrRequired() {
        return absentBrowserFiles().isEmpty() || browserRequired();
    }

    private static boolean browserRequired() {
        return "true".equalsIgnoreCase(System.getenv("RUNNEL_REQUIRE_BROWSER"));
    }

    private static List<String> absentBrowserFiles() {
        return java.util.stream.Stream.of(CHROMIUM, CHROMEDRIVER).filter(p -> !Files.isExecutable(p))
                .map(Path::toString).toList();
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        List<String> absent = absentBrowserFiles();
        if (!absent.isEmpty()) {
            String message = "Chromium not installed (" + String.join(", ", absent) + " missing): "
                    + "apt-get install chromium chromium-driver to run the console browser test";
            if (browserRequired()) {
                Assertions.fail(message + " (RUNNEL_REQUIRE_BROWSER=true, so this is a failure, not a skip)");
            }
            Assumptions.abort(message);
        }

        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("runnel-chromium-profile");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(15));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(5));
    }

    @AfterAll
    static void quitBrowser() throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            if (service != null) {
                service.stop();
                service = null;
            }
            if (profile != null) {
                try (var paths = Files.walk(profile)) {
                    paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
                }
                profile = null;
            }
        }
    }

    @Test
    @Timeout(90)
    void createPutBrowseAndSplitAHotShardInTheConsole() throws Exception {
        base = "http://localhost:" + port;
        createsTheStreamThroughTheForm();
        putsRecordsThroughThePutForm();
        browsesRecordsWithEachIteratorType();
        followsTheAdviceToSplitAHotShard();
    }

    private void createsTheStreamThroughTheForm() {
        driver.get(base + "/");
        assertThat(driver.getCurrentUrl()).as("/ redirects to the console").isEqualTo(base + "/console");
        assertThat(driver.getTitle()).isEqualTo("Streams · Runnel");

        WebElement form = driver.findElement(By.id("create-form"));
        type(form.findElement(By.name("name")), STREAM);
        form.findElement(By.cssSelector("input[name=mode][value=PROVISIONED]")).click();
        type(driver.findElement(By.id("create-shards")), "1");
        assertThat(driver.findElement(By.id("create-retention")).getAttribute("value")).isEqualTo("24");
        submit(form.findElement(By.cssSelector("button[type=submit]")));

        assertThat(driver.getCurrentUrl()).isEqualTo(base + "/console/streams/" + STREAM);
        assertThat(driver.findElement(By.cssSelector("p.notice")).getText())
                .contains("Stream " + STREAM + " created with 1 shard(s)");
        // The stream is CREATING for create-delay (500 ms); the live section refreshes itself every 2 s.
        wait(WAIT).until(d -> "ACTIVE".equals(text(d, By.id("stream-status"))));
        screenshot("stream-active");

        driver.get(base + "/console");
        WebElement row = wait(WAIT).until(d -> d.findElement(By.cssSelector(
                "#stream-rows tr[data-stream='" + STREAM + "']")));
        assertThat(row.getText()).contains(STREAM, "ACTIVE", "PROVISIONED");
        screenshot("streams");
    }

    private void putsRecordsThroughThePutForm() {
        driver.get(base + "/console/streams/" + STREAM + "/put");
        assertThat(driver.findElements(By.id("put-result"))).as("no result before the first put").isEmpty();
        for (int i = 1; i <= 6; i++) {
            sequenceNumbers.add(put("1", "TEXT", "test" + i));
        }
        assertThat(sequenceNumbers).doesNotHaveDuplicates();
        assertThat(sequenceNumbers).isSortedAccordingTo((a, b) -> new BigInteger(a)
                .compareTo(new BigInteger(b)));
        put("1", "TEXT", JSON_PAYLOAD);
        put("1", "BASE64", BINARY_BASE64);
        screenshot("put");
    }

    private String put(String partitionKey, String encoding, String data) {
        type(driver.findElement(By.id("partition-key")), partitionKey);
        driver.findElement(By.cssSelector("#put-form input[name=encoding][value=" + encoding + "]")).click();
        type(driver.findElement(By.id("data")), data);
        submit(driver.findElement(By.id("put-button")));
        WebElement result = driver.findElement(By.id("put-result"));
        assertThat(result.findElement(By.id("put-shard")).getText()).as("shard of %s", data).isEqualTo(SHARD);
        String sequenceNumber = result.findElement(By.id("put-sequence")).getText();
        assertThat(sequenceNumber).as("sequence number of %s", data).matches("\\d{20,}");
        assertThat(driver.findElements(By.id("put-error"))).isEmpty();
        return sequenceNumber;
    }

    private void browsesRecordsWithEachIteratorType() {
        driver.get(base + "/console/streams/" + STREAM + "/shards/" + SHARD);
        browse("TRIM_HORIZON", null, null);
        List<WebElement> rows = recordRows();
        assertThat(rows).hasSize(8);
        assertThat(rows.stream().limit(6).map(ConsoleBrowserIT::decoded).toList())
                .containsExactly("test1", "test2", "test3", "test4", "test5", "test6");
        assertThat(rows.stream().limit(6).map(r -> r.findElement(By.cssSelector("code.sequence-number")).getText())
                .toList()).containsExactlyElementsOf(sequenceNumbers);
        assertThat(rows.get(0).findElement(By.cssSelector(".badge")).getText()).isEqualTo("TEXT · 5 B");

        WebElement raw = rows.get(0).findElement(By.cssSelector("details.raw"));
        assertThat(raw.findElement(By.cssSelector("code.base64")).isDisplayed()).isFalse();
        raw.findElement(By.tagName("summary")).click();
        assertThat(raw.getAttribute("open")).isNotNull();
        assertThat(raw.findElement(By.cssSelector("code.base64")).getText()).isEqualTo("dGVzdDE=");

        WebElement json = rows.get(6);
        assertThat(json.findElement(By.cssSelector(".badge")).getText())
                .isEqualTo("JSON · " + JSON_PAYLOAD.length() + " B");
        assertThat(decoded(json)).as("pretty-printed JSON").contains("\n").contains("\"sensor\"", "\"s-1\"",
                "\"temperature\"", "21.5", "\"tags\"").isNotEqualTo(JSON_PAYLOAD);

        WebElement binary = rows.get(7);
        assertThat(binary.findElement(By.cssSelector(".badge")).getText()).isEqualTo("BINARY · 5 B");
        assertThat(decoded(binary)).as("hex dump").startsWith("00000000").contains("00 01 02 ff ff")
                .contains("|.....|");
        assertThat(driver.findElement(By.id("next-page")).getAttribute("href"))
                .contains("type=AFTER_SEQUENCE_NUMBER");
        String test5Arrival = rows.get(4).findElement(By.tagName("time")).getText();
        String test6Arrival = rows.get(5).findElement(By.tagName("time")).getText();
        raw.findElement(By.tagName("summary")).click();
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].scrollIntoView({block: 'center'}); arguments[0].open = true;",
                rows.get(6).findElement(By.cssSelector("details.raw")));
        screenshot("records");

        browse("AT_SEQUENCE_NUMBER", sequenceNumbers.get(5), null);
        assertThat(decoded(recordRows().get(0))).as("AT_SEQUENCE_NUMBER of test6").isEqualTo("test6");
        assertThat(recordRows().get(0).findElement(By.cssSelector("code.sequence-number")).getText())
                .isEqualTo(sequenceNumbers.get(5));

        browse("AFTER_SEQUENCE_NUMBER", sequenceNumbers.get(4), null);
        assertThat(decoded(recordRows().get(0))).as("AFTER_SEQUENCE_NUMBER of test5").isEqualTo("test6");

        assertThat(test6Arrival).as("test5 and test6 arrived at different times").isNotEqualTo(test5Arrival);
        browse("AT_TIMESTAMP", null, test6Arrival);
        assertThat(decoded(recordRows().get(0))).as("AT_TIMESTAMP of test6's arrival").isEqualTo("test6");

        // The live tail below the form loads by htmx: newest first.
        WebElement newest = wait(WAIT).until(d -> d.findElement(By.cssSelector("#tail-table tr.record")));
        assertThat(newest.findElement(By.cssSelector(".badge")).getText()).isEqualTo("BINARY · 5 B");
        assertThat(driver.findElements(By.id("browse-error"))).isEmpty();
    }

    private void browse(String type, String sequenceNumber, String timestamp) {
        new Select(driver.findElement(By.id("iterator-type"))).selectByValue(type);
        if (sequenceNumber != null) {
            type(driver.findElement(By.id("sequence-number")), sequenceNumber);
        }
        if (timestamp != null) {
            type(driver.findElement(By.id("timestamp")), timestamp);
        }
        submit(driver.findElement(By.id("read-button")));
        assertThat(driver.findElements(By.id("browse-error"))).as("browse error for %s", type).isEmpty();
        assertThat(new Select(driver.findElement(By.id("iterator-type"))).getFirstSelectedOption().getText())
                .isEqualTo(type);
    }

    private void followsTheAdviceToSplitAHotShard() throws IOException, InterruptedException {
        driver.get(base + "/console/streams/" + STREAM);
        assertThat(driver.findElements(By.id("warnings"))).as("no warnings before the burst").isEmpty();

        int throttled = burst(6, 500);
        assertThat(throttled).as("a burst of 3,000 records in a moment exceeds 1,000 records/s").isPositive();

        // The live section picks the hot shard up on one of its 2-second refreshes.
        WebElement hot = wait(HOT_WAIT).until(d -> d.findElement(By.cssSelector(
                "#warnings li.hot-warning[data-shard='" + SHARD + "']")));
        assertThat(hot.getText()).contains(SHARD + " is hot");
        WebElement advice = wait(WAIT).until(d -> d.findElement(By.cssSelector(
                "#warnings li.advice[data-kind='SPREAD_PARTITION_KEYS']")));
        assertThat(advice.getText()).contains("Partition key '1' carries");
        WebElement split = driver.findElement(By.id("split-" + SHARD));
        assertThat(split.getText()).isEqualTo("Split " + SHARD + " at the suggested hash key");
        assertThat(driver.findElement(By.cssSelector("#shard-table tr[data-shard='" + SHARD + "']"))
                .getAttribute("class")).contains("hot");
        scrollTo(By.id("warnings"));
        screenshot("stream-hot");

        // The button may be swapped out by a refresh between finding and clicking it: find it afresh.
        wait(WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
            submit(d.findElement(By.id("split-" + SHARD)));
            return true;
        });

        assertThat(driver.getCurrentUrl()).isEqualTo(base + "/console/streams/" + STREAM);
        assertThat(driver.findElement(By.cssSelector("p.notice")).getText())
                .startsWith("Split " + SHARD + " at hash key ")
                .endsWith("into shardId-000000000001 and shardId-000000000002.");
        for (String child : List.of("shardId-000000000001", "shardId-000000000002")) {
            WebElement row = driver.findElement(By.cssSelector("#shard-table tr[data-shard='" + child + "']"));
            assertThat(row.findElements(By.tagName("td")).get(0).getText()).as("state of %s", child)
                    .isEqualTo("open");
            assertThat(row.findElements(By.tagName("td")).get(1).getText()).as("parent of %s", child)
                    .contains(SHARD);
        }
        WebElement parent = driver.findElement(By.cssSelector("#shard-table tr[data-shard='" + SHARD + "']"));
        assertThat(parent.findElements(By.tagName("td")).get(0).getText()).isEqualTo("closed");
        assertThat(driver.findElements(By.id("split-" + SHARD))).as("no split button for a closed shard").isEmpty();
        WebElement lineage = driver.findElement(By.cssSelector("#lineage li[data-shard='" + SHARD + "']"));
        assertThat(lineage.getText()).contains(SHARD + " split into shardId-000000000001 and "
                + "shardId-000000000002");
        scrollTo(By.id("shard-table"));
        screenshot("stream-split");

        // The throughput charts (uPlot, drawn by console.js) fit the 1280-pixel window: no sideways scrolling.
        wait(WAIT).until(d -> d.findElements(By.cssSelector("#traffic-charts figure.chart canvas")).size() >= 2);
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "var de = document.documentElement; return de.scrollWidth - de.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("pixels the stream page overflows sideways")
                .isLessThanOrEqualTo(0);
    }

    /** Posts batches of records with partition key 1 to the REST API; returns how many entries were throttled. */
    private int burst(int batches, int size) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int throttled = 0;
        for (int b = 0; b < batches; b++) {
            StringBuilder body = new StringBuilder("{\"records\":[");
            for (int i = 0; i < size; i++) {
                String data = Base64.getEncoder().encodeToString(("burst-" + b + "-" + i)
                        .getBytes(StandardCharsets.UTF_8));
                body.append(i == 0 ? "" : ",").append("{\"partitionKey\":\"1\",\"data\":\"").append(data)
                        .append("\"}");
            }
            body.append("]}");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(base + "/streams/" + STREAM + "/records/batch"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("batch %d: %s", b, response.body()).isEqualTo(200);
            Matcher failed = FAILED.matcher(response.body());
            assertThat(failed.find()).as("failedRecordCount in %s", response.body()).isTrue();
            throttled += Integer.parseInt(failed.group(1));
        }
        return throttled;
    }

    private static List<WebElement> recordRows() {
        return driver.findElements(By.cssSelector("#records-table tr.record"));
    }

    private static String decoded(WebElement row) {
        return row.findElement(By.cssSelector("pre.decoded")).getText();
    }

    private static String text(WebDriver d, By by) {
        try {
            return d.findElement(by).getText();
        } catch (StaleElementReferenceException | NoSuchElementException e) {
            return null;
        }
    }

    private static void type(WebElement input, String value) {
        input.clear();
        input.sendKeys(value);
    }

    /**
     * Clicks a submit button and waits for the page it leads to: a mark left on the old page's window is gone
     * and the new document has loaded. (Waiting for the old root element to go stale was flaky: while the page
     * is replaced, Chromium may answer "Node with given id does not belong to the document" instead.)
     */
    private static void submit(WebElement button) {
        ((JavascriptExecutor) driver).executeScript("window.runnelBeforeSubmit = true");
        button.click();
        wait(WAIT).ignoring(WebDriverException.class).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript("return window.runnelBeforeSubmit === undefined && document.readyState === 'complete'")));
    }

    private static void scrollTo(By by) {
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].scrollIntoView({block: 'start'});", driver.findElement(by));
    }

    private static WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
        wait.ignoring(NoSuchElementException.class);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static void screenshot(String name) {
        try {
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.move(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("Could not save the screenshot " + name, e);
        }
    }
}
