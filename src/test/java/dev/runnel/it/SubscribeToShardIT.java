package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.Http2Configuration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * Enhanced fan-out end to end with the async SDK: SubscribeToShard over h2c (CBOR, KCL's set-up) and over
 * HTTP/1.1 (JSON). Records written after subscribing arrive pushed, in order, once; a split ends the
 * subscription with ChildShards and reading the children continues the data; a subscription ends by itself at
 * its lifetime (3 s here); a resubscription within 5 s is ResourceInUse.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "runnel.streams.create-delay=100ms",
            "runnel.streams.delete-delay=100ms",
            "runnel.streams.update-delay=100ms",
            "runnel.fan-out.create-delay=100ms",
            "runnel.fan-out.subscription-lifetime=3s",
            "runnel.fan-out.idle-event-interval=200ms",
            "runnel.http.max-request-size=1MB"
        })
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscribeToShardIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String HALF = "170141183460469231731687303715884105728";

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    KinesisAsyncClient h2;
    KinesisAsyncClient http1;

    @BeforeAll
    void clients() {
        URI endpoint = URI.create("http://localhost:" + port);
        h2 = AwsSdkScenario.withSystemProperty("aws.cborEnabled", null, () -> client(endpoint, Protocol.HTTP2));
        http1 = AwsSdkScenario.withSystemProperty("aws.cborEnabled", "false", () -> client(endpoint, Protocol.HTTP1_1));
    }

    private static KinesisAsyncClient client(URI endpoint, Protocol protocol) {
        return KinesisAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(AwsSdkScenario.REGION)
                .credentialsProvider(AwsSdkScenario.dummyCredentials())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(protocol)
                        .http2Configuration(Http2Configuration.builder()
                                .maxStreams(100L)
                                .initialWindowSize(1024 * 1024)
                                .build()))
                .build();
    }

    @AfterAll
    void close() {
        h2.close();
        http1.close();
    }

    /** What one subscription received. */
    static final class Received {
        final List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> done;

        Received(KinesisAsyncClient client, String consumerArn, String shardId, ShardIteratorType type, String after) {
            SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                    .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
                            .onSubscribeToShardEvent(events::add)
                            .build())
                    .build();
            done = client.subscribeToShard(
                    b -> b.consumerARN(consumerArn)
                            .shardId(shardId)
                            .startingPosition(p -> p.type(type).sequenceNumber(after)),
                    handler);
        }

        List<String> payloads() {
            List<String> out = new ArrayList<>();
            for (SubscribeToShardEvent event : events) {
                for (Record record : event.records()) {
                    out.add(record.data().asUtf8String());
                }
            }
            return out;
        }
    }

    private String streamWithConsumer(KinesisAsyncClient client, String name, int shards) throws Exception {
        client.createStream(b -> b.streamName(name).shardCount(shards)).get();
        await(() -> client.describeStreamSummary(b -> b.streamName(name))
                        .join()
                        .streamDescriptionSummary()
                        .streamStatus()
                == StreamStatus.ACTIVE);
        String streamArn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
        String consumerArn = client.registerStreamConsumer(
                        b -> b.streamARN(streamArn).consumerName("app"))
                .get()
                .consumer()
                .consumerARN();
        await(() -> client.describeStreamConsumer(b -> b.consumerARN(consumerArn))
                        .join()
                        .consumerDescription()
                        .consumerStatus()
                == ConsumerStatus.ACTIVE);
        return consumerArn;
    }

    private static void put(KinesisAsyncClient client, String stream, String hashKey, String data) {
        client.putRecord(b -> b.streamName(stream)
                        .partitionKey("k")
                        .explicitHashKey(hashKey)
                        .data(SdkBytes.fromString(data, StandardCharsets.UTF_8)))
                .join();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited too long").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void recordsWrittenAfterSubscribingArrivePushedInOrderOnceOverHttp2() throws Exception {
        String consumer = streamWithConsumer(h2, "fan-h2", 2);
        Received received = new Received(h2, consumer, "shardId-000000000000", ShardIteratorType.LATEST, null);
        await(() -> !received.events.isEmpty());
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add("r" + i);
            put(h2, "fan-h2", "0", "r" + i);
        }
        put(h2, "fan-h2", HALF, "other shard");
        await(() -> received.payloads().size() >= 200);
        assertThat(received.payloads()).containsExactlyElementsOf(sent);
        assertThat(received.events)
                .allSatisfy(
                        event -> assertThat(event.continuationSequenceNumber()).isNotNull());

        assertThatThrownBy(() -> new Received(h2, consumer, "shardId-000000000000", ShardIteratorType.LATEST, null)
                        .done.get(10, TimeUnit.SECONDS))
                .as("a second subscription within 5 s")
                .hasCauseInstanceOf(ResourceInUseException.class);

        received.done.get(10, TimeUnit.SECONDS);
        assertThat(received.done).as("the lifetime ended it normally").isCompleted();
        h2.deleteStream(b -> b.streamName("fan-h2").enforceConsumerDeletion(true))
                .get();
    }

    @Test
    void theConsoleAndTheMetricsFollowASubscription() throws Exception {
        String consumer = streamWithConsumer(h2, "fan-seen", 2);
        Received received = new Received(h2, consumer, "shardId-000000000000", ShardIteratorType.LATEST, null);
        await(() -> !received.events.isEmpty());
        for (int i = 0; i < 3; i++) {
            put(h2, "fan-seen", "0", "seen" + i);
        }
        await(() -> received.payloads().size() == 3);

        // The subscription lives 3 s here: look while it streams.
        String page = new RestClient(port).text("/console/streams/fan-seen");
        assertThat(page).contains("id=\"consumer-table\"", consumer, "id=\"subscription-table\"");
        String subscriptions = page.substring(page.indexOf("id=\"subscription-table\""));
        assertThat(row(subscriptions, "shardId-000000000000"))
                .contains("class=\"subscribed\"", "since <time", "3 records pushed");
        assertThat(row(subscriptions, "shardId-000000000001")).contains("not subscribed");
        await(() -> meterValue("runnel.fanout.subscriptions", "fan-seen", "shardId-000000000000") == 1);
        await(() -> meterValue("kinesis.SubscribeToShardEvent.Records", "fan-seen", "shardId-000000000000") == 3);
        assertThat(meterValue("kinesis.GetRecords.Records", "fan-seen", "shardId-000000000000"))
                .as("fan-out is not GetRecords")
                .isZero();
        await(() -> registry.find("kinesis.SubscribeToShardEvent.MillisBehindLatest")
                        .tag("stream", "fan-seen")
                        .tag("shard", "shardId-000000000000")
                        .tag("consumer", "app")
                        .gauge()
                != null);
        assertThat(registry.find("runnel.aws.requests")
                        .tag("operation", "SubscribeToShard")
                        .tag("outcome", "success")
                        .timers())
                .as("counted when its event stream started")
                .isNotEmpty();

        received.done.get(10, TimeUnit.SECONDS);
        assertThat(meterValue("runnel.fanout.subscriptions", "fan-seen", "shardId-000000000000"))
                .as("ended with its lifetime")
                .isZero();
        h2.deleteStream(b -> b.streamName("fan-seen").enforceConsumerDeletion(true))
                .get();
    }

    /** The table row of a shard, from its start to its end tag. */
    private static String row(String html, String shardId) {
        int start = html.indexOf("data-shard=\"" + shardId + "\"");
        assertThat(start).as("row of %s", shardId).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private double meterValue(String name, String stream, String shard) {
        return registry.find(name).tag("stream", stream).tag("shard", shard).meters().stream()
                .flatMap(meter -> StreamSupport.stream(meter.measure().spliterator(), false))
                .mapToDouble(Measurement::getValue)
                .findFirst()
                .orElse(-1);
    }

    @Test
    void aSplitEndsTheSubscriptionWithChildShardsAndTheChildrenContinueOverHttp1() throws Exception {
        String consumer = streamWithConsumer(http1, "fan-h1", 1);
        Received parent = new Received(http1, consumer, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null);
        put(http1, "fan-h1", "0", "before-1");
        put(http1, "fan-h1", HALF, "before-2");
        await(() -> parent.payloads().size() == 2);

        http1.splitShard(b -> b.streamName("fan-h1")
                        .shardToSplit("shardId-000000000000")
                        .newStartingHashKey(HALF))
                .get();
        parent.done.get(10, TimeUnit.SECONDS);
        SubscribeToShardEvent last = parent.events.get(parent.events.size() - 1);
        assertThat(last.continuationSequenceNumber()).as("shard end").isNull();
        assertThat(last.childShards())
                .extracting(ChildShard::shardId)
                .containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(parent.payloads()).containsExactly("before-1", "before-2");

        await(() -> http1.describeStreamSummary(b -> b.streamName("fan-h1"))
                        .join()
                        .streamDescriptionSummary()
                        .streamStatus()
                == StreamStatus.ACTIVE);
        Received child = new Received(http1, consumer, "shardId-000000000002", ShardIteratorType.TRIM_HORIZON, null);
        put(http1, "fan-h1", HALF, "after");
        await(() -> child.payloads().contains("after"));
        assertThat(child.payloads()).containsExactly("after");
        child.done.get(10, TimeUnit.SECONDS);
        http1.deleteStream(b -> b.streamName("fan-h1").enforceConsumerDeletion(true))
                .get();
    }

    @Test
    void anIdleSubscriptionSendsEmptyEventsWhoseContinuationResumesWhereItWas() throws Exception {
        String consumer = streamWithConsumer(h2, "fan-idle", 1);
        Received idle = new Received(h2, consumer, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null);
        idle.done.get(10, TimeUnit.SECONDS);
        assertThat(idle.events).hasSizeGreaterThan(3);
        assertThat(idle.payloads()).isEmpty();
        String continuation = idle.events.get(idle.events.size() - 1).continuationSequenceNumber();
        assertThat(continuation).isNotNull();

        put(h2, "fan-idle", "0", "first");
        Thread.sleep(2_300); // with the 3 s lifetime, past the resubscription guard of five seconds
        Received resumed = new Received(
                h2, consumer, "shardId-000000000000", ShardIteratorType.AFTER_SEQUENCE_NUMBER, continuation);
        await(() -> resumed.payloads().contains("first"));
        assertThat(resumed.payloads()).containsExactly("first");
        resumed.done.get(10, TimeUnit.SECONDS);
        h2.deleteStream(b -> b.streamName("fan-idle").enforceConsumerDeletion(true))
                .get();
    }

    @Test
    void anOversizedRequestRefusedOnTheSameHttp2ConnectionDoesNotDisturbASubscription() throws Exception {
        String consumer = streamWithConsumer(h2, "fan-neighbour", 1);
        Received received = new Received(h2, consumer, "shardId-000000000000", ShardIteratorType.LATEST, null);
        await(() -> !received.events.isEmpty());
        byte[] big = new byte[3 * 1024 * 1024];
        for (int i = 0; i < 3; i++) {
            CompletableFuture<?> tooLarge = h2.putRecord(
                    b -> b.streamName("fan-neighbour").partitionKey("k").data(SdkBytes.fromByteArray(big)));
            assertThatThrownBy(() -> tooLarge.get(10, TimeUnit.SECONDS))
                    .as("413 for a body over runnel.http.max-request-size")
                    .hasMessageContaining("413");
        }
        put(h2, "fan-neighbour", "0", "after the refusals");
        await(() -> received.payloads().contains("after the refusals"));
        received.done.get(10, TimeUnit.SECONDS);
        assertThat(received.done).isCompleted().isNotCompletedExceptionally();
        h2.deleteStream(b -> b.streamName("fan-neighbour").enforceConsumerDeletion(true))
                .get();
    }
}
