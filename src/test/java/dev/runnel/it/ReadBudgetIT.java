package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.it.KinesisWire.Page;
import dev.runnel.it.KinesisWire.Protocol;
import dev.runnel.records.ActiveSubscription;
import dev.runnel.regions.Regions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Every edge gives a read's bytes back to the read budget once its answer is written: GetRecords in AWS JSON, AWS
 * CBOR and REST, the console's page and live tail, and SubscribeToShard events, whether the subscriber keeps
 * reading or goes away. A leak would leave the budget full and every later read refused.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "runnel.streams.create-delay=0",
            "runnel.fan-out.create-delay=0",
            "runnel.limits.enabled=false",
            "runnel.storage.max-read-bytes=1MB"
        })
@DirtiesContext
class ReadBudgetIT {

    @LocalServerPort
    int port;

    @Autowired
    Regions regions;

    @Test
    void everyAnswerGivesItsRecordsBytesBack() throws Exception {
        KinesisWire wire = new KinesisWire(port);
        wire.createStream("budget", 1, 10240);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(new byte[700 * 1024]); // together more than the whole budget
        }
        assertThat(wire.putRecords("budget", records, new ArrayList<>())).doesNotContainNull();

        for (Protocol protocol : Protocol.values()) {
            String iterator = wire.iterator(protocol, "budget", "shardId-000000000000");
            for (int round = 0; round < 3; round++) {
                Page page = wire.getRecords(protocol, "budget", iterator, 10_000);
                assertThat(page.status())
                        .as("%s round %d: %s", protocol, round, page.errorType())
                        .isEqualTo(200);
                assertThat(page.records()).hasSize(3);
                assertThat(regions.reads().usedBytes()).as("after %s", protocol).isZero();
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("", "/tail")) {
            HttpResponse<String> console = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                    + "/console/streams/budget/shards/shardId-000000000000" + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(console.statusCode()).isEqualTo(200);
            assertThat(regions.reads().usedBytes())
                    .as("after the console's %s", path)
                    .isZero();
        }
    }

    @Test
    void aSubscriptionGivesEachEventsBytesBackOnceSentAndWhenItsReaderGoesAway() throws Exception {
        KinesisWire wire = new KinesisWire(port);
        wire.createStream("fanout", 1, 1024);
        assertThat(wire.putRecords("fanout", List.of(new byte[500 * 1024], new byte[500 * 1024]), new ArrayList<>()))
                .doesNotContainNull();
        String streamArn = "arn:aws:kinesis:us-east-1:000000000000:stream/fanout";
        String consumerArn = KinesisWire.tree(wire.aws(
                        "RegisterStreamConsumer",
                        "{\"StreamARN\":\"" + streamArn + "\",\"ConsumerName\":\"app\"}",
                        Duration.ofSeconds(10)))
                .path("Consumer")
                .path("ConsumerARN")
                .asString();
        await(() -> describeConsumer(wire, consumerArn).contains("ACTIVE"));

        HttpResponse<InputStream> subscription = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                .header("Content-Type", "application/x-amz-json-1.1")
                                .header("X-Amz-Target", "Kinesis_20131202.SubscribeToShard")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"ConsumerARN\":\"" + consumerArn
                                        + "\",\"ShardId\":\"shardId-000000000000\","
                                        + "\"StartingPosition\":{\"Type\":\"TRIM_HORIZON\"}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(subscription.statusCode()).isEqualTo(200);
        InputStream events = subscription.body();
        Thread reader = new Thread(() -> {
            try {
                events.transferTo(OutputStream.nullOutputStream());
            } catch (IOException closed) {
                // the test closed the stream
            }
        });
        reader.start();
        await(() -> regions.defaultRegion().subscriptions().activeCount() == 1);
        await(() -> delivered("fanout") == 2);
        await(() -> regions.reads().usedBytes() == 0);
        assertThat(wire.putRecords("fanout", List.of(new byte[900 * 1024]), new ArrayList<>()))
                .doesNotContainNull();
        await(() -> delivered("fanout") == 3);
        await(() -> regions.reads().usedBytes() == 0);
        events.close();
        reader.join(15_000);
        await(() -> regions.defaultRegion().subscriptions().activeCount() == 0);
        assertThat(regions.reads().usedBytes()).as("after the reader went away").isZero();
    }

    /** Records the stream's subscriptions pushed. */
    private long delivered(String stream) {
        Stream described = regions.defaultRegion().streams().describe(new StreamName(stream));
        return regions.defaultRegion().subscriptions().active(described).stream()
                .mapToLong(ActiveSubscription::deliveredRecords)
                .sum();
    }

    private static String describeConsumer(KinesisWire wire, String consumerArn) {
        try {
            return KinesisWire.tree(wire.aws(
                            "DescribeStreamConsumer",
                            "{\"ConsumerARN\":\"" + consumerArn + "\"}",
                            Duration.ofSeconds(10)))
                    .toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited too long").isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
