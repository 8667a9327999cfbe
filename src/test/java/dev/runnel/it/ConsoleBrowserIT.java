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
import java.util.Map;
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
import org.openqa.selenium.Dimension;
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
 * split it. On the way, the streams, stream and records pages are laid out at 1280×900 and 420×900 and checked:
 * compact shard rows, tokens (times, sequence numbers, hex-dump lines) on one line, the hot badge on screen, no
 * sideways scrolling of the page. Screenshots of each page land in {@code target/console-screenshots}.
 *
 * <p>Before the burst, two KCL applications' lease tables are written through the DynamoDB edge, and the stream
 * page's "KCL applications" section is checked and shot at both widths.
 *
 * <p>Needs the Debian packages chromium and chromium-driver ({@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}); without them the test is skipped, or fails when RUNNEL_REQUIRE_BROWSER=true
 * (as in {@code .ci/run}). Selenium Manager is never used: the driver and browser paths are explicit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@EnabledIf(
        value = "browserInstalledOrRequired",
        disabledReason = "Chromium not installed (/usr/bin/chromium, "
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
    /** A partition key longer than its cell: cut with an ellipsis, whole in its title. */
    private static final String LONG_KEY = "device-" + "0123456789abcdef".repeat(6);
    /** Pixel sizes of the two windows the layout is checked in (the viewport, without browser chrome). */
    private static final int WIDE = 1280;

    private static final int NARROW = 420;
    private static final int HEIGHT = 900;
    /** A shard row with five top keys, a hash-key range bar and rate meters fits in this height at 1280 px. */
    private static final int MAX_SHARD_ROW_PIXELS = 120;

    private static final Pattern FAILED = Pattern.compile("\"failedRecordCount\"\\s*:\\s*(\\d+)");

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
        return java.util.stream.Stream.of(CHROMIUM, CHROMEDRIVER)
                .filter(p -> !Files.isExecutable(p))
                .map(Path::toString)
                .toList();
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
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,1000",
                "--user-data-dir=" + profile);
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
                    paths.sorted((a, b) -> b.compareTo(a))
                            .forEach(p -> p.toFile().delete());
                }
                profile = null;
            }
        }
    }

    @Test
    @Timeout(120)
    void createPutBrowseAndSplitAHotShardInTheConsole() throws Exception {
        base = "http://localhost:" + port;
        createsTheStreamThroughTheForm();
        putsRecordsThroughThePutForm();
        browsesRecordsWithEachIteratorType();
        showsTheLeasesOfKclApplications();
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
        assertThat(driver.findElement(By.id("create-retention")).getAttribute("value"))
                .isEqualTo("24");
        submit(form.findElement(By.cssSelector("button[type=submit]")));

        assertThat(driver.getCurrentUrl()).isEqualTo(base + "/console/streams/" + STREAM);
        assertThat(driver.findElement(By.cssSelector("p.notice")).getText())
                .contains("Stream " + STREAM + " created with 1 shard(s)");
        // The stream is CREATING for create-delay (500 ms); the live section refreshes itself every 2 s.
        wait(WAIT).until(d -> "ACTIVE".equals(text(d, By.id("stream-status"))));
        screenshot("stream-active");

        driver.get(base + "/console");
        WebElement row =
                wait(WAIT).until(d -> d.findElement(By.cssSelector("#stream-rows tr[data-stream='" + STREAM + "']")));
        assertThat(row.getText()).contains(STREAM, "ACTIVE", "PROVISIONED");
        screenshot("streams");
    }

    private void putsRecordsThroughThePutForm() {
        driver.get(base + "/console/streams/" + STREAM + "/put");
        assertThat(driver.findElements(By.id("put-result")))
                .as("no result before the first put")
                .isEmpty();
        for (int i = 1; i <= 6; i++) {
            sequenceNumbers.add(put("1", "TEXT", "test" + i));
        }
        assertThat(sequenceNumbers).doesNotHaveDuplicates();
        assertThat(sequenceNumbers).isSortedAccordingTo((a, b) -> new BigInteger(a).compareTo(new BigInteger(b)));
        put("1", "TEXT", JSON_PAYLOAD);
        put("1", "BASE64", BINARY_BASE64);
        screenshot("put");
    }

    private String put(String partitionKey, String encoding, String data) {
        type(driver.findElement(By.id("partition-key")), partitionKey);
        driver.findElement(By.cssSelector("#put-form input[name=encoding][value=" + encoding + "]"))
                .click();
        type(driver.findElement(By.id("data")), data);
        submit(driver.findElement(By.id("put-button")));
        WebElement result = driver.findElement(By.id("put-result"));
        assertThat(result.findElement(By.id("put-shard")).getText())
                .as("shard of %s", data)
                .isEqualTo(SHARD);
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
        assertThat(rows.stream()
                        .limit(6)
                        .map(r -> r.findElement(By.cssSelector("code.sequence-number"))
                                .getText())
                        .toList())
                .containsExactlyElementsOf(sequenceNumbers);
        assertThat(rows.get(0).findElement(By.cssSelector(".badge")).getText()).isEqualTo("TEXT · 5 B");

        WebElement raw = rows.get(0).findElement(By.cssSelector("details.raw"));
        assertThat(raw.findElement(By.cssSelector("code.base64")).isDisplayed()).isFalse();
        raw.findElement(By.tagName("summary")).click();
        assertThat(raw.getAttribute("open")).isNotNull();
        assertThat(raw.findElement(By.cssSelector("code.base64")).getText()).isEqualTo("dGVzdDE=");

        WebElement json = rows.get(6);
        assertThat(json.findElement(By.cssSelector(".badge")).getText())
                .isEqualTo("JSON · " + JSON_PAYLOAD.length() + " B");
        assertThat(decoded(json))
                .as("pretty-printed JSON")
                .contains("\n")
                .contains("\"sensor\"", "\"s-1\"", "\"temperature\"", "21.5", "\"tags\"")
                .isNotEqualTo(JSON_PAYLOAD);

        WebElement binary = rows.get(7);
        assertThat(binary.findElement(By.cssSelector(".badge")).getText()).isEqualTo("BINARY · 5 B");
        assertThat(decoded(binary))
                .as("hex dump")
                .startsWith("00000000")
                .contains("00 01 02 ff ff")
                .contains("|.....|");
        assertThat(driver.findElement(By.id("next-page")).getAttribute("href")).contains("type=AFTER_SEQUENCE_NUMBER");
        String test5Arrival = rows.get(4).findElement(By.tagName("time")).getText();
        String test6Arrival = rows.get(5).findElement(By.tagName("time")).getText();
        raw.findElement(By.tagName("summary")).click();
        ((JavascriptExecutor) driver)
                .executeScript(
                        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].open = true;",
                        rows.get(6).findElement(By.cssSelector("details.raw")));
        screenshot("records");

        browse("AT_SEQUENCE_NUMBER", sequenceNumbers.get(5), null);
        assertThat(decoded(recordRows().get(0)))
                .as("AT_SEQUENCE_NUMBER of test6")
                .isEqualTo("test6");
        assertThat(recordRows()
                        .get(0)
                        .findElement(By.cssSelector("code.sequence-number"))
                        .getText())
                .isEqualTo(sequenceNumbers.get(5));

        browse("AFTER_SEQUENCE_NUMBER", sequenceNumbers.get(4), null);
        assertThat(decoded(recordRows().get(0)))
                .as("AFTER_SEQUENCE_NUMBER of test5")
                .isEqualTo("test6");

        assertThat(test6Arrival)
                .as("test5 and test6 arrived at different times")
                .isNotEqualTo(test5Arrival);
        browse("AT_TIMESTAMP", null, test6Arrival);
        assertThat(decoded(recordRows().get(0)))
                .as("AT_TIMESTAMP of test6's arrival")
                .isEqualTo("test6");

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
        assertThat(driver.findElements(By.id("browse-error")))
                .as("browse error for %s", type)
                .isEmpty();
        assertThat(new Select(driver.findElement(By.id("iterator-type")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo(type);
    }

    /**
     * Two KCL applications' lease tables, written through the DynamoDB edge as KCL writes them (CreateTable,
     * PutItem): one checkpointed at test2, one not started (TRIM_HORIZON, unowned). The stream page lists both, each
     * lease with its owner, checkpoint and lag, and it fits a narrow window.
     */
    private void showsTheLeasesOfKclApplications() throws IOException, InterruptedException {
        String processing = STREAM + "-app";
        String idle = STREAM + "-audit";
        for (String table : List.of(processing, idle)) {
            dynamoDb("CreateTable", """
                    {"TableName":"%s","KeySchema":[{"AttributeName":"leaseKey","KeyType":"HASH"}],
                     "AttributeDefinitions":[{"AttributeName":"leaseKey","AttributeType":"S"}],
                     "BillingMode":"PAY_PER_REQUEST"}""".formatted(table));
        }
        dynamoDb("PutItem", """
                {"TableName":"%s","Item":{"leaseKey":{"S":"%s"},"leaseOwner":{"S":"worker-a"},
                 "leaseCounter":{"N":"17"},"checkpoint":{"S":"%s"},"checkpointSubSequenceNumber":{"N":"0"},
                 "ownerSwitchesSinceCheckpoint":{"N":"0"}}}""".formatted(processing, SHARD, sequenceNumbers.get(1)));
        dynamoDb("PutItem", """
                {"TableName":"%s","Item":{"leaseKey":{"S":"%s"},"leaseCounter":{"N":"0"},
                 "checkpoint":{"S":"TRIM_HORIZON"}}}""".formatted(idle, SHARD));

        driver.get(base + "/console/streams/" + STREAM);
        // Read in one script: the section is replaced every 2 seconds.
        Map<String, Object> kcl = wait(WAIT).until(d -> measure("""
                var app = document.querySelector("#kcl .kcl-app[data-application='" + arguments[0] + "']");
                var idle = document.querySelector("#kcl .kcl-app[data-application='" + arguments[1] + "']");
                if (!app || !idle) return null;
                var row = app.querySelector("tr[data-shard='" + arguments[2] + "']");
                var checkpoint = row.querySelector('td.checkpoint code');
                return {owner: row.querySelector('td.owner').innerText.trim(),
                        checkpoint: checkpoint.textContent, checkpointTitle: checkpoint.title,
                        lag: row.querySelector('td.lag').innerText.trim(),
                        idle: idle.querySelector("tr[data-shard='" + arguments[2] + "']").innerText,
                        worker: app.querySelector("tr[data-worker='worker-a']").innerText};
                """, processing, idle, SHARD));
        String checkpoint = sequenceNumbers.get(1);
        assertThat(kcl.get("owner")).isEqualTo("worker-a");
        assertThat(kcl.get("checkpoint")).isEqualTo("…" + checkpoint.substring(checkpoint.length() - 10));
        assertThat(kcl.get("checkpointTitle")).isEqualTo(checkpoint);
        assertThat((String) kcl.get("lag"))
                .as("test3 … test6, the JSON and the binary record are left")
                .matches("6 records · [\\d,]+ ms");
        assertThat((String) kcl.get("idle")).contains("unowned", "trim horizon", "8 records");
        assertThat((String) kcl.get("worker")).contains("worker-a", "1");
        scrollTo(By.id("kcl"));
        screenshot("stream-kcl");

        viewport(NARROW, HEIGHT);
        driver.get(base + "/console/streams/" + STREAM);
        wait(WAIT).until(d -> d.findElement(By.cssSelector("#kcl .kcl-app[data-application='" + idle + "']")));
        scrollTo(By.id("kcl"));
        assertNoSidewaysScrolling("stream (KCL applications)", NARROW);
        screenshot("stream-kcl-" + NARROW);
        viewport(WIDE, HEIGHT);
    }

    /** Calls the DynamoDB edge (the lease store) unsigned, as a KCL application's DynamoDB client would. */
    private void dynamoDb(String operation, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/"))
                                .header("Content-Type", "application/x-amz-json-1.0")
                                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("%s: %s", operation, response.body())
                .isEqualTo(200);
    }

    private void followsTheAdviceToSplitAHotShard() throws IOException, InterruptedException {
        driver.get(base + "/console/streams/" + STREAM);
        assertThat(driver.findElements(By.id("warnings")))
                .as("no warnings before the burst")
                .isEmpty();

        putOtherKeys();
        int throttled = burst(6, 500);
        assertThat(throttled)
                .as("a burst of 3,000 records in a moment exceeds 1,000 records/s")
                .isPositive();

        // The live section picks the hot shard up on one of its 2-second refreshes.
        WebElement hot = wait(HOT_WAIT)
                .until(d -> d.findElement(By.cssSelector("#warnings li.hot-warning[data-shard='" + SHARD + "']")));
        assertThat(hot.getText()).contains(SHARD + " is hot");
        WebElement advice = wait(WAIT)
                .until(d -> d.findElement(By.cssSelector("#warnings li.advice[data-kind='SPREAD_PARTITION_KEYS']")));
        assertThat(advice.getText()).contains("Partition key '1' carries");
        WebElement split = driver.findElement(By.id("split-" + SHARD));
        assertThat(split.getText()).isEqualTo("Split " + SHARD + " at the suggested hash key");
        assertThat(driver.findElement(By.cssSelector("#shard-table tr[data-shard='" + SHARD + "']"))
                        .getAttribute("class"))
                .contains("hot");
        scrollTo(By.id("warnings"));
        screenshot("stream-hot");

        checksTheLayoutAtTwoWidths();
        driver.get(base + "/console/streams/" + STREAM);
        wait(WAIT).until(d -> d.findElement(By.id("split-" + SHARD)));

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
            assertThat(row.findElements(By.tagName("td")).get(0).getText())
                    .as("state of %s", child)
                    .isEqualTo("open");
            assertThat(row.findElements(By.tagName("td")).get(1).getText())
                    .as("parent of %s", child)
                    .contains(SHARD);
        }
        WebElement parent = driver.findElement(By.cssSelector("#shard-table tr[data-shard='" + SHARD + "']"));
        assertThat(parent.findElements(By.tagName("td")).get(0).getText()).isEqualTo("closed");
        assertThat(driver.findElements(By.id("split-" + SHARD)))
                .as("no split button for a closed shard")
                .isEmpty();
        WebElement lineage = driver.findElement(By.cssSelector("#lineage li[data-shard='" + SHARD + "']"));
        assertThat(lineage.getText())
                .contains(SHARD + " split into shardId-000000000001 and " + "shardId-000000000002");
        scrollTo(By.id("shard-table"));
        screenshot("stream-split");

        // The throughput charts (uPlot, drawn by console.js) fit the 1280-pixel window: no sideways scrolling.
        wait(WAIT)
                .until(d -> d.findElements(By.cssSelector("#traffic-charts figure.chart canvas"))
                                .size()
                        >= 2);
        Object overflow = ((JavascriptExecutor) driver)
                .executeScript("var de = document.documentElement; return de.scrollWidth - de.clientWidth;");
        assertThat(((Number) overflow).intValue())
                .as("pixels the stream page overflows sideways")
                .isLessThanOrEqualTo(0);
    }

    /**
     * The streams, stream and records pages at 1280×900 and at 420×900, while the shard is hot and lists its top
     * keys: screenshots {@code <page>-1280.png} and {@code <page>-420.png}, and the layout facts behind the
     * console's fixes, measured in the browser.
     */
    private void checksTheLayoutAtTwoWidths() {
        for (int width : List.of(WIDE, NARROW)) {
            viewport(width, HEIGHT);

            driver.get(base + "/console");
            WebElement badge = wait(WAIT)
                    .until(d ->
                            d.findElement(By.cssSelector("#stream-rows tr[data-stream='" + STREAM + "'] .badge-hot")));
            assertThat(badge.getText()).isEqualTo("1 hot");
            assertThat(insideViewport(badge))
                    .as("the hot-shards badge is on screen at %d px", width)
                    .isTrue();
            assertNoSidewaysScrolling("streams", width);
            screenshot("streams-" + width);

            driver.get(base + "/console/streams/" + STREAM);
            WebElement row = wait(HOT_WAIT)
                    .until(d -> d.findElement(By.cssSelector("#shard-table tr.hot[data-shard='" + SHARD + "']")));
            scrollTo(By.id("shards-heading"));
            Map<String, Object> shard = measure("""
                    var row = document.querySelector("#shard-table tr[data-shard='" + arguments[0] + "']");
                    var keys = Array.from(row.querySelectorAll('ul.keys li'));
                    var long = Array.from(row.querySelectorAll('ul.keys .key'))
                        .filter(k => k.title === arguments[1])[0];
                    return {rowHeight: row.getBoundingClientRect().height,
                            keys: keys.length,
                            keyLines: Math.max.apply(null, keys.map(lines)),
                            longKeyCut: long ? long.scrollWidth > long.clientWidth : null,
                            longKeyText: long ? long.textContent : null,
                            badgeShown: inside(row.querySelector('.badge-hot')),
                            arnLines: lines(document.getElementById('stream-arn'))};
                    """, SHARD, LONG_KEY);
            assertThat(row.getText()).contains("hot");
            assertThat((Long) shard.get("keys")).as("top keys listed").isGreaterThanOrEqualTo(3);
            assertThat((Long) shard.get("keyLines"))
                    .as("lines of a top key and its share")
                    .isEqualTo(1);
            assertThat(shard.get("longKeyCut"))
                    .as("the long key ends in an ellipsis")
                    .isEqualTo(true);
            assertThat(shard.get("longKeyText"))
                    .as("the whole long key is in the page")
                    .isEqualTo(LONG_KEY);
            assertThat(shard.get("badgeShown"))
                    .as("the shard's hot badge is on screen")
                    .isEqualTo(true);
            assertThat((Long) shard.get("arnLines")).as("lines of the ARN").isEqualTo(1);
            if (width == WIDE) {
                assertThat(((Number) shard.get("rowHeight")).doubleValue())
                        .as("height of the hot shard's row")
                        .isLessThan(MAX_SHARD_ROW_PIXELS);
            }
            assertNoSidewaysScrolling("stream", width);
            screenshot("stream-hot-" + width);

            driver.get(base + "/console/streams/" + STREAM + "/shards/" + SHARD);
            assertThat(driver.findElement(By.id("records-count")).getText())
                    .matches("— 25 shown of [\\d,]+ in the shard");
            WebElement binary = recordRows().stream()
                    .filter(r ->
                            r.findElement(By.cssSelector(".badge")).getText().startsWith("BINARY"))
                    .findFirst()
                    .orElseThrow();
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", binary);
            Map<String, Object> records = measure("""
                    var table = document.getElementById('records-table');
                    var most = list => Math.max.apply(null, Array.from(table.querySelectorAll(list)).map(lines));
                    var dump = table.querySelector('pre.hex-dump');
                    var cell = dump.closest('td');
                    return {timeLines: most('time'), sequenceNumberLines: most('code.sequence-number'),
                            hexLines: table.querySelectorAll('.hex-line').length, hexLineLines: most('.hex-line'),
                            dumpInsideCell: dump.getBoundingClientRect().right <= cell.getBoundingClientRect().right + 1,
                            time: table.querySelector('time').textContent};
                    """);
            assertThat((Long) records.get("timeLines"))
                    .as("lines of an arrival time")
                    .isEqualTo(1);
            assertThat((Long) records.get("sequenceNumberLines"))
                    .as("lines of a sequence number")
                    .isEqualTo(1);
            assertThat((Long) records.get("hexLines"))
                    .as("lines of the 5-byte dump")
                    .isEqualTo(1);
            assertThat((Long) records.get("hexLineLines"))
                    .as("screen lines of a hex-dump line")
                    .isEqualTo(1);
            assertThat(records.get("dumpInsideCell"))
                    .as("the dump scrolls inside its cell")
                    .isEqualTo(true);
            assertThat((String) records.get("time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertNoSidewaysScrolling("records", width);
            screenshot("records-" + width);
        }
        viewport(WIDE, HEIGHT);
    }

    /** Puts a few records under other keys, one of them long, so the shard has several top keys. */
    private void putOtherKeys() throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("{\"records\":[");
        List<String> keys = List.of("sensor-2", "sensor-3", "sensor-4", LONG_KEY);
        for (int i = 0; i < 20; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"partitionKey\":\"")
                    .append(keys.get(i % keys.size()))
                    .append("\",\"text\":\"other-")
                    .append(i)
                    .append("\"}");
        }
        body.append("]}");
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(batchUri())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).contains("\"failedRecordCount\":0");
    }

    /** Sizes the window so that the page itself (the viewport) is {@code width} × {@code height} pixels. */
    private static void viewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        List<?> inner = (List<?>)
                ((JavascriptExecutor) driver).executeScript("return [window.innerWidth, window.innerHeight];");
        int chromeWidth = ((Number) inner.get(0)).intValue() - width;
        int chromeHeight = ((Number) inner.get(1)).intValue() - height;
        driver.manage().window().setSize(new Dimension(width - chromeWidth, height - chromeHeight));
        inner = (List<?>)
                ((JavascriptExecutor) driver).executeScript("return [window.innerWidth, window.innerHeight];");
        assertThat(inner.stream().map(n -> ((Number) n).intValue()).toList())
                .as("viewport")
                .containsExactly(width, height);
    }

    /**
     * Runs a script that measures the page in one go (the live section is replaced every two seconds). It may use
     * {@code lines(element)}, the number of screen lines its text takes, and {@code inside(element)}, whether its
     * box lies within the viewport.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> measure(String script, Object... arguments) {
        String helpers = """
                function lines(element) {
                  var range = document.createRange();
                  range.selectNodeContents(element);
                  var tops = new Set();
                  Array.from(range.getClientRects()).filter(r => r.width > 0 && r.height > 0)
                      .forEach(r => tops.add(Math.round(r.top)));
                  return tops.size;
                }
                function inside(element) {
                  var r = element.getBoundingClientRect();
                  return r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= document.documentElement.clientWidth
                      && r.bottom <= document.documentElement.clientHeight;
                }
                """;
        return (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(helpers + script, arguments);
    }

    private static boolean insideViewport(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        return Boolean.TRUE.equals(
                measure("return {inside: inside(arguments[0])};", element).get("inside"));
    }

    private static void assertNoSidewaysScrolling(String page, int width) {
        Object overflow = ((JavascriptExecutor) driver)
                .executeScript("var de = document.documentElement; return de.scrollWidth - de.clientWidth;");
        assertThat(((Number) overflow).intValue())
                .as("pixels the %s page overflows sideways at %d px", page, width)
                .isLessThanOrEqualTo(0);
    }

    /** Posts batches of records with partition key 1 to the REST API; returns how many entries were throttled. */
    private int burst(int batches, int size) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int throttled = 0;
        for (int b = 0; b < batches; b++) {
            StringBuilder body = new StringBuilder("{\"records\":[");
            for (int i = 0; i < size; i++) {
                String data =
                        Base64.getEncoder().encodeToString(("burst-" + b + "-" + i).getBytes(StandardCharsets.UTF_8));
                body.append(i == 0 ? "" : ",")
                        .append("{\"partitionKey\":\"1\",\"data\":\"")
                        .append(data)
                        .append("\"}");
            }
            body.append("]}");
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(batchUri())
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("batch %d: %s", b, response.body())
                    .isEqualTo(200);
            Matcher failed = FAILED.matcher(response.body());
            assertThat(failed.find())
                    .as("failedRecordCount in %s", response.body())
                    .isTrue();
            throttled += Integer.parseInt(failed.group(1));
        }
        return throttled;
    }

    /** Where the REST API takes a batch of records (PutRecords). */
    private URI batchUri() {
        return URI.create(base + "/streams/" + STREAM + "/records/batch");
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
        wait(WAIT)
                .ignoring(WebDriverException.class)
                .until(
                        d -> Boolean.TRUE.equals(
                                ((JavascriptExecutor) d)
                                        .executeScript(
                                                "return window.runnelBeforeSubmit === undefined && document.readyState === 'complete'")));
    }

    private static void scrollTo(By by) {
        ((JavascriptExecutor) driver)
                .executeScript("arguments[0].scrollIntoView({block: 'start'});", driver.findElement(by));
    }

    private static WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
        wait.ignoring(NoSuchElementException.class);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static void screenshot(String name) {
        try {
            Path shot =
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.move(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("Could not save the screenshot " + name, e);
        }
    }
}
