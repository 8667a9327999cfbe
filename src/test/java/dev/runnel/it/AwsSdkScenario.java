package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.filter.OncePerRequestFilter;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamResponse;
import software.amazon.awssdk.services.kinesis.model.DisableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.EnableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamConsumersResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.ListTagsForStreamResponse;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.StreamSummary;
import software.amazon.awssdk.services.kinesis.model.Tag;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountResponse;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

/**
 * One scenario of the Kinesis API over the AWS SDK for Java v2 against a started Runnel, run by each subclass
 * with another client set-up (sync CBOR, sync JSON, async HTTP/2). A servlet filter records how every AWS
 * request arrived, so that each test also checks that its client really spoke the intended encoding and HTTP
 * version.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "runnel.streams.create-delay=200ms",
            "runnel.streams.delete-delay=200ms",
            "runnel.streams.update-delay=1s",
            "runnel.streams.shard-limit=10000",
            "runnel.fan-out.create-delay=200ms",
            "runnel.fan-out.delete-delay=200ms",
            // The scenario checks semantics, reading shards faster than Kinesis allows; AwsSdkThrottlingIT
            // covers the limits.
            "runnel.limits.enabled=false"
        })
@Import(AwsSdkScenario.WireRecorder.class)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AwsSdkScenario {

    static final String ACCOUNT = "000000000000";
    static final BigInteger MAX_HASH_KEY = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    WireRecorder wire;

    KinesisClient kinesis;
    private final List<String> created = new ArrayList<>();

    /** Builds the client under test for the given endpoint. */
    abstract KinesisClient createClient(URI endpoint);

    /** A prefix for stream names, distinct per subclass. */
    abstract String prefix();

    /** How every request of this client must arrive: the servlet's protocol (e.g. "HTTP/1.1"). */
    abstract String expectedHttpProtocol();

    /** How every request of this client must arrive: its Content-Type. */
    abstract String expectedContentType();

    @BeforeAll
    void buildClient() {
        kinesis = createClient(URI.create("http://localhost:" + port));
    }

    @AfterAll
    void closeClient() {
        if (kinesis != null) {
            kinesis.close();
        }
    }

    @BeforeEach
    void forgetEarlierRequests() {
        wire.clear();
    }

    @AfterEach
    void deleteStreamsAndCheckTheWire() throws InterruptedException {
        for (String name : created) {
            try {
                kinesis.deleteStream(b -> b.streamName(name).enforceConsumerDeletion(true));
            } catch (ResourceNotFoundException gone) {
                // deleted by the test itself
            }
        }
        for (String name : created) {
            awaitGone(name);
        }
        created.clear();
        List<WireRecorder.Seen> seen = wire.seen();
        assertThat(seen).as("AWS requests seen by the server").isNotEmpty();
        assertThat(seen).allSatisfy(request -> {
            assertThat(request.protocol())
                    .as("HTTP version of %s", request.target())
                    .isEqualTo(expectedHttpProtocol());
            assertThat(request.contentType())
                    .as("Content-Type of %s", request.target())
                    .startsWith(expectedContentType());
        });
    }

    // ------------------------------------------------------------------------------------------------------
    // Enhanced fan-out consumers

    @Test
    void consumersRegisterDescribeListAndDeregister() throws InterruptedException {
        String name = prefix() + "-consumers";
        create(name, 1);
        awaitActive(name);
        String streamArn = arn(name);

        Consumer registered = kinesis.registerStreamConsumer(
                        b -> b.streamARN(streamArn).consumerName("app-1").tags(Map.of("team", "data")))
                .consumer();
        assertThat(registered.consumerName()).isEqualTo("app-1");
        assertThat(registered.consumerStatus()).isEqualTo(ConsumerStatus.CREATING);
        assertThat(registered.consumerARN())
                .isEqualTo(streamArn + "/consumer/app-1:"
                        + registered.consumerCreationTimestamp().getEpochSecond());
        ResourceInUseException twice = expect(
                ResourceInUseException.class,
                () -> kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-1")));
        assertError(
                twice,
                "ResourceInUseException",
                "Consumer app-1 under stream " + name + " under account " + ACCOUNT + " already exists.");

        Instant deadline = Instant.now().plus(WAIT);
        ConsumerDescription description;
        do {
            Thread.sleep(50);
            description = kinesis.describeStreamConsumer(b -> b.consumerARN(registered.consumerARN()))
                    .consumerDescription();
        } while (description.consumerStatus() != ConsumerStatus.ACTIVE
                && Instant.now().isBefore(deadline));
        assertThat(description.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
        assertThat(description.streamARN()).isEqualTo(streamArn);
        assertThat(description.consumerCreationTimestamp()).isEqualTo(registered.consumerCreationTimestamp());
        assertThat(kinesis.describeStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-1"))
                        .consumerDescription()
                        .consumerARN())
                .isEqualTo(registered.consumerARN());

        ResourceNotFoundException unknown = expect(
                ResourceNotFoundException.class,
                () -> kinesis.describeStreamConsumer(b -> b.streamARN(streamArn).consumerName("nobody")));
        assertError(
                unknown,
                "ResourceNotFoundException",
                "Consumer nobody under stream " + name + " under account " + ACCOUNT + " not found.");
        expect(InvalidArgumentException.class, () -> kinesis.describeStreamConsumer(b -> b.consumerName("app-1")));
        expect(
                InvalidArgumentException.class,
                () -> kinesis.describeStreamConsumer(
                        b -> b.consumerARN(registered.consumerARN()).consumerName("other")));

        kinesis.tagResource(b -> b.resourceARN(registered.consumerARN()).tags(Map.of("env", "test")));
        kinesis.untagResource(b -> b.resourceARN(registered.consumerARN()).tagKeys("team"));
        assertThat(tagsOf(kinesis.listTagsForResource(b -> b.resourceARN(registered.consumerARN()))
                        .tags()))
                .containsOnly(Map.entry("env", "test"));
        assertThat(tagsOf(kinesis.listTagsForResource(b -> b.resourceARN(streamArn))
                        .tags()))
                .as("the stream's tags are its own")
                .isEmpty();

        for (int i = 2; i <= 3; i++) {
            String consumer = "app-" + i;
            kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName(consumer));
        }
        ListStreamConsumersResponse firstPage =
                kinesis.listStreamConsumers(b -> b.streamARN(streamArn).maxResults(2));
        assertThat(firstPage.consumers()).extracting(Consumer::consumerName).containsExactly("app-1", "app-2");
        assertThat(firstPage.nextToken()).isNotNull();
        ListStreamConsumersResponse secondPage = kinesis.listStreamConsumers(
                b -> b.streamARN(streamArn).maxResults(2).nextToken(firstPage.nextToken()));
        assertThat(secondPage.consumers()).extracting(Consumer::consumerName).containsExactly("app-3");
        assertThat(secondPage.nextToken()).isNull();
        assertThat(awaitActive(name).consumerCount()).isEqualTo(3);

        ResourceInUseException withConsumers =
                expect(ResourceInUseException.class, () -> kinesis.deleteStream(b -> b.streamName(name)));
        assertThat(withConsumers.awsErrorDetails().errorMessage()).contains("has registered consumers");

        kinesis.deregisterStreamConsumer(b -> b.consumerARN(registered.consumerARN()));
        assertThat(kinesis.describeStreamConsumer(b -> b.consumerARN(registered.consumerARN()))
                        .consumerDescription()
                        .consumerStatus())
                .isEqualTo(ConsumerStatus.DELETING);
        kinesis.deregisterStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-2"));
        deadline = Instant.now().plus(WAIT);
        while (kinesis.listStreamConsumers(b -> b.streamARN(streamArn))
                                .consumers()
                                .size()
                        > 1
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(kinesis.listStreamConsumers(b -> b.streamARN(streamArn)).consumers())
                .extracting(Consumer::consumerName)
                .containsExactly("app-3");
        expect(
                ResourceNotFoundException.class,
                () -> kinesis.describeStreamConsumer(b -> b.consumerARN(registered.consumerARN())));

        kinesis.deleteStream(b -> b.streamName(name).enforceConsumerDeletion(true));
        awaitGone(name);
        expect(ResourceNotFoundException.class, () -> kinesis.listStreamConsumers(b -> b.streamARN(streamArn)));
    }

    // ------------------------------------------------------------------------------------------------------
    // Stream management

    @Test
    void createDescribeAndDeleteAStream() throws InterruptedException {
        String name = prefix() + "-lifecycle";
        Instant before = Instant.now();
        create(name, 5);
        StreamDescriptionSummary first =
                kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
        assertThat(first.streamStatus()).isIn(StreamStatus.CREATING, StreamStatus.ACTIVE);
        if (first.streamStatus() == StreamStatus.CREATING) {
            StreamDescription creating =
                    kinesis.describeStream(b -> b.streamName(name)).streamDescription();
            if (creating.streamStatus() == StreamStatus.CREATING) {
                assertThat(creating.shards()).isEmpty();
                assertThat(creating.hasMoreShards()).isFalse();
            }
        }
        StreamDescriptionSummary summary = awaitActive(name);

        assertThat(summary.streamName()).isEqualTo(name);
        assertThat(summary.streamARN()).isEqualTo(arn(name));
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
        assertThat(summary.retentionPeriodHours()).isEqualTo(24);
        assertThat(summary.openShardCount()).isEqualTo(5);
        assertThat(summary.encryptionType()).isEqualTo(EncryptionType.NONE);
        assertThat(summary.enhancedMonitoring()).hasSize(1);
        assertThat(summary.enhancedMonitoring().get(0).shardLevelMetrics()).isEmpty();
        assertThat(summary.maxRecordSizeInKiB()).isEqualTo(1024);
        assertThat(summary.consumerCount()).isZero();
        assertThat(summary.streamCreationTimestamp())
                .isBetween(before.minusSeconds(5), Instant.now().plusSeconds(5));

        // DescribeStream pages through 5 shards two at a time
        DescribeStreamResponse page1 =
                kinesis.describeStream(b -> b.streamName(name).limit(2));
        StreamDescription d1 = page1.streamDescription();
        assertThat(shardIds(d1.shards())).containsExactly(shardId(0), shardId(1));
        assertThat(d1.hasMoreShards()).isTrue();
        assertThat(d1.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(d1.streamARN()).isEqualTo(arn(name));
        assertThat(d1.retentionPeriodHours()).isEqualTo(24);
        assertThat(d1.encryptionType()).isEqualTo(EncryptionType.NONE);
        assertThat(d1.enhancedMonitoring()).hasSize(1);
        assertThat(d1.enhancedMonitoring().get(0).shardLevelMetrics()).isEmpty();
        assertThat(d1.streamCreationTimestamp()).isEqualTo(summary.streamCreationTimestamp());
        StreamDescription d2 = kinesis.describeStream(
                        b -> b.streamName(name).limit(2).exclusiveStartShardId(shardId(1)))
                .streamDescription();
        assertThat(shardIds(d2.shards())).containsExactly(shardId(2), shardId(3));
        assertThat(d2.hasMoreShards()).isTrue();
        StreamDescription d3 = kinesis.describeStream(
                        b -> b.streamName(name).limit(2).exclusiveStartShardId(shardId(3)))
                .streamDescription();
        assertThat(shardIds(d3.shards())).containsExactly(shardId(4));
        assertThat(d3.hasMoreShards()).isFalse();
        StreamDescription all = kinesis.describeStream(b -> b.streamName(name)).streamDescription();
        assertThat(shardIds(all.shards())).containsExactly(shardId(0), shardId(1), shardId(2), shardId(3), shardId(4));
        assertThat(all.hasMoreShards()).isFalse();
        assertUniformLayout(all.shards(), 5);

        // DescribeStreamSummary by ARN
        StreamDescriptionSummary byArn =
                kinesis.describeStreamSummary(b -> b.streamARN(arn(name))).streamDescriptionSummary();
        assertThat(byArn.streamName()).isEqualTo(name);
        assertThat(byArn.openShardCount()).isEqualTo(5);

        // A second CreateStream of the same name
        ResourceInUseException duplicate = expect(
                ResourceInUseException.class,
                () -> kinesis.createStream(b -> b.streamName(name).shardCount(1)));
        assertError(
                duplicate,
                "ResourceInUseException",
                "Stream " + name + " under account " + ACCOUNT + " already exists.");

        // DeleteStream: DELETING (or already gone), then ResourceNotFoundException
        put(name, "pk", bytes("old"));
        String oldIterator = iterator(name, shardOf(all.shards(), "pk"), ShardIteratorType.TRIM_HORIZON, null, null);
        kinesis.deleteStream(b -> b.streamName(name));
        try {
            StreamStatus status = kinesis.describeStreamSummary(b -> b.streamName(name))
                    .streamDescriptionSummary()
                    .streamStatus();
            assertThat(status).isEqualTo(StreamStatus.DELETING);
        } catch (ResourceNotFoundException alreadyGone) {
            // the delete delay has already passed
        }
        awaitGone(name);
        ResourceNotFoundException missing =
                expect(ResourceNotFoundException.class, () -> kinesis.describeStream(b -> b.streamName(name)));
        assertError(
                missing, "ResourceNotFoundException", "Stream " + name + " under account " + ACCOUNT + " not found.");

        // the name can be used again, for a new stream that the old stream's iterators do not reach
        create(name, 1);
        StreamDescriptionSummary again = awaitActive(name);
        assertThat(again.openShardCount()).isEqualTo(1);
        assertThat(again.streamCreationTimestamp()).isAfter(summary.streamCreationTimestamp());
        expect(ResourceNotFoundException.class, () -> kinesis.getRecords(b -> b.shardIterator(oldIterator)));
        assertThat(readAll(name, shardId(0), 0)).isEmpty();
    }

    @Test
    void listStreamsInNameOrderWithBothPagingStyles() throws InterruptedException {
        List<String> names = List.of(prefix() + "-list-a", prefix() + "-list-b", prefix() + "-list-c");
        // created in reverse order: the listing must sort by name, not by creation
        for (int i = names.size() - 1; i >= 0; i--) {
            create(names.get(i), 1);
        }
        for (String name : names) {
            awaitActive(name);
        }

        ListStreamsResponse everything = kinesis.listStreams();
        assertThat(everything.streamNames()).containsAll(names);
        assertThat(everything.streamNames()).isSorted().doesNotHaveDuplicates();
        assertThat(everything.hasMoreStreams()).isFalse();
        assertThat(everything.streamSummaries())
                .extracting(StreamSummary::streamName)
                .containsExactlyElementsOf(everything.streamNames());
        for (StreamSummary summary : everything.streamSummaries()) {
            if (names.contains(summary.streamName())) {
                assertThat(summary.streamARN()).isEqualTo(arn(summary.streamName()));
                assertThat(summary.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
                assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
                assertThat(summary.streamCreationTimestamp())
                        .isEqualTo(kinesis.describeStreamSummary(b -> b.streamName(summary.streamName()))
                                .streamDescriptionSummary()
                                .streamCreationTimestamp());
                assertThat(summary.streamCreationTimestamp())
                        .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
            }
        }

        // legacy paging: ExclusiveStartStreamName, one stream per page
        ListStreamsResponse first = kinesis.listStreams(
                b -> b.exclusiveStartStreamName(names.get(0)).limit(1));
        assertThat(first.streamNames()).containsExactly(names.get(1));
        assertThat(first.streamSummaries())
                .extracting(StreamSummary::streamName)
                .containsExactly(names.get(1));
        assertThat(first.hasMoreStreams()).isTrue();
        ListStreamsResponse second = kinesis.listStreams(
                b -> b.exclusiveStartStreamName(names.get(1)).limit(1));
        assertThat(second.streamNames()).containsExactly(names.get(2));

        // NextToken paging, two streams per page, until the end
        List<String> paged = new ArrayList<>();
        ListStreamsResponse page = kinesis.listStreams(b -> b.limit(2));
        int pages = 1;
        paged.addAll(page.streamNames());
        while (page.hasMoreStreams()) {
            assertThat(page.streamNames()).hasSize(2);
            assertThat(page.nextToken()).as("NextToken when HasMoreStreams").isNotBlank();
            String token = page.nextToken();
            page = kinesis.listStreams(b -> b.nextToken(token).limit(2));
            paged.addAll(page.streamNames());
            assertThat(++pages).as("pages").isLessThan(1000);
        }
        assertThat(page.nextToken()).isNull();
        assertThat(pages).isGreaterThanOrEqualTo(2);
        assertThat(paged).isEqualTo(everything.streamNames());
    }

    @Test
    void listShardsPagesAndFilters() throws InterruptedException {
        String name = prefix() + "-shards";
        create(name, 5);
        awaitActive(name);
        List<String> allIds = List.of(shardId(0), shardId(1), shardId(2), shardId(3), shardId(4));

        ListShardsResponse all = kinesis.listShards(b -> b.streamName(name));
        assertThat(shardIds(all.shards())).containsExactlyElementsOf(allIds);
        assertThat(all.nextToken()).isNull();
        assertUniformLayout(all.shards(), 5);

        // NextToken paging with MaxResults
        ListShardsResponse p1 = kinesis.listShards(b -> b.streamName(name).maxResults(2));
        assertThat(shardIds(p1.shards())).containsExactly(shardId(0), shardId(1));
        assertThat(p1.nextToken()).isNotBlank();
        ListShardsResponse p2 =
                kinesis.listShards(b -> b.nextToken(p1.nextToken()).maxResults(2));
        assertThat(shardIds(p2.shards())).containsExactly(shardId(2), shardId(3));
        assertThat(p2.nextToken()).isNotBlank();
        ListShardsResponse p3 =
                kinesis.listShards(b -> b.nextToken(p2.nextToken()).maxResults(2));
        assertThat(shardIds(p3.shards())).containsExactly(shardId(4));
        assertThat(p3.nextToken()).isNull();

        assertError(
                expect(
                        ResourceNotFoundException.class,
                        () -> kinesis.listShards(b -> b.streamName(prefix() + "-nope"))),
                "ResourceNotFoundException",
                "Stream " + prefix() + "-nope under account " + ACCOUNT + " not found.");

        InvalidArgumentException both = expect(
                InvalidArgumentException.class,
                () -> kinesis.listShards(b -> b.streamName(name).nextToken(p1.nextToken())));
        assertError(both, "InvalidArgumentException", "NextToken and StreamName cannot be provided together.");

        // StreamCreationTimestamp tells this stream from an earlier one of the same name
        Instant createdAt = kinesis.describeStreamSummary(b -> b.streamName(name))
                .streamDescriptionSummary()
                .streamCreationTimestamp();
        assertThat(shardIds(kinesis.listShards(b -> b.streamName(name).streamCreationTimestamp(createdAt))
                        .shards()))
                .containsExactlyElementsOf(allIds);
        expect(
                ResourceNotFoundException.class,
                () -> kinesis.listShards(
                        b -> b.streamName(name).streamCreationTimestamp(createdAt.minus(Duration.ofDays(1)))));

        // ExclusiveStartShardId and the ARN
        assertThat(shardIds(kinesis.listShards(b -> b.streamName(name).exclusiveStartShardId(shardId(2)))
                        .shards()))
                .containsExactly(shardId(3), shardId(4));
        assertThat(shardIds(kinesis.listShards(b -> b.streamARN(arn(name))).shards()))
                .containsExactlyElementsOf(allIds);

        // every filter; with no resharding every shard is open
        Instant now = Instant.now();
        assertThat(filtered(name, f -> f.type(ShardFilterType.AT_LATEST))).containsExactlyElementsOf(allIds);
        assertThat(filtered(name, f -> f.type(ShardFilterType.AT_TRIM_HORIZON))).containsExactlyElementsOf(allIds);
        assertThat(filtered(name, f -> f.type(ShardFilterType.FROM_TRIM_HORIZON)))
                .containsExactlyElementsOf(allIds);
        assertThat(filtered(name, f -> f.type(ShardFilterType.AT_TIMESTAMP).timestamp(now)))
                .containsExactlyElementsOf(allIds);
        assertThat(filtered(name, f -> f.type(ShardFilterType.FROM_TIMESTAMP).timestamp(now)))
                .containsExactlyElementsOf(allIds);
        assertThat(filtered(name, f -> f.type(ShardFilterType.FROM_TIMESTAMP).timestamp(now.minus(Duration.ofDays(2)))))
                .containsExactlyElementsOf(allIds);
        assertThat(filtered(name, f -> f.type(ShardFilterType.AFTER_SHARD_ID).shardId(shardId(2))))
                .containsExactly(shardId(3), shardId(4));

        // a filter with NextToken paging keeps the filter
        ListShardsResponse f1 = kinesis.listShards(b -> b.streamName(name)
                .maxResults(1)
                .shardFilter(f -> f.type(ShardFilterType.AFTER_SHARD_ID).shardId(shardId(2))));
        assertThat(shardIds(f1.shards())).containsExactly(shardId(3));
        ListShardsResponse f2 =
                kinesis.listShards(b -> b.nextToken(f1.nextToken()).maxResults(1));
        assertThat(shardIds(f2.shards())).containsExactly(shardId(4));
        assertThat(f2.nextToken()).isNull();

        // a filter without the member it needs
        expect(
                InvalidArgumentException.class,
                () -> kinesis.listShards(
                        b -> b.streamName(name).shardFilter(f -> f.type(ShardFilterType.AFTER_SHARD_ID))));
        expect(
                InvalidArgumentException.class,
                () -> kinesis.listShards(
                        b -> b.streamName(name).shardFilter(f -> f.type(ShardFilterType.AT_TIMESTAMP))));
        expect(
                InvalidArgumentException.class,
                () -> kinesis.listShards(
                        b -> b.streamName(name).shardFilter(f -> f.type(ShardFilterType.FROM_TIMESTAMP))));
    }

    @Test
    void describeLimitsCountsOpenShards() throws InterruptedException {
        DescribeLimitsResponse before = kinesis.describeLimits();
        assertThat(before.shardLimit()).isEqualTo(10000);
        assertThat(before.onDemandStreamCountLimit()).isPositive();
        assertThat(before.onDemandStreamCount()).isZero();
        String name = prefix() + "-limits";
        create(name, 3);
        awaitActive(name);
        DescribeLimitsResponse after = kinesis.describeLimits();
        assertThat(after.openShardCount()).isEqualTo(before.openShardCount() + 3);
        assertThat(after.shardLimit()).isEqualTo(10000);
        assertThat(after.onDemandStreamCount()).isZero();
    }

    @Test
    void retentionPeriodGoesUpAndDown() throws InterruptedException {
        String name = prefix() + "-retention";
        create(name, 1);
        awaitActive(name);

        kinesis.increaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(48));
        assertThat(awaitActive(name).retentionPeriodHours()).isEqualTo(48);
        assertThat(kinesis.describeStream(b -> b.streamName(name))
                        .streamDescription()
                        .retentionPeriodHours())
                .isEqualTo(48);

        InvalidArgumentException shorter = expect(
                InvalidArgumentException.class,
                () -> kinesis.increaseStreamRetentionPeriod(
                        b -> b.streamName(name).retentionPeriodHours(30)));
        assertError(
                shorter,
                "InvalidArgumentException",
                "Requested retention period (30 hours) for stream " + name
                        + " can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API.");
        InvalidArgumentException longer = expect(
                InvalidArgumentException.class,
                () -> kinesis.decreaseStreamRetentionPeriod(
                        b -> b.streamName(name).retentionPeriodHours(72)));
        assertError(
                longer,
                "InvalidArgumentException",
                "Requested retention period (72 hours) for stream " + name
                        + " can not be longer than existing retention period (48 hours). Use IncreaseRetentionPeriod API.");

        kinesis.decreaseStreamRetentionPeriod(b -> b.streamARN(arn(name)).retentionPeriodHours(36));
        assertThat(awaitActive(name).retentionPeriodHours()).isEqualTo(36);

        InvalidArgumentException tooShort = expect(
                InvalidArgumentException.class,
                () -> kinesis.decreaseStreamRetentionPeriod(
                        b -> b.streamName(name).retentionPeriodHours(12)));
        assertError(
                tooShort,
                "InvalidArgumentException",
                "Minimum allowed retention period is 24 hours. Requested retention period (12 hours) is too short.");
        assertThat(awaitActive(name).retentionPeriodHours()).isEqualTo(36);

        ResourceNotFoundException missing = expect(
                ResourceNotFoundException.class,
                () -> kinesis.increaseStreamRetentionPeriod(
                        b -> b.streamName(prefix() + "-nope").retentionPeriodHours(48)));
        assertError(
                missing,
                "ResourceNotFoundException",
                "Stream " + prefix() + "-nope under account " + ACCOUNT + " not found.");
    }

    @Test
    void tagsThroughBothTaggingApis() throws InterruptedException {
        String name = prefix() + "-tags";
        created.add(name);
        kinesis.createStream(b -> b.streamName(name).shardCount(1).tags(Map.of("team", "data")));
        awaitActive(name);
        assertThat(tagsOf(kinesis.listTagsForStream(b -> b.streamName(name)).tags()))
                .containsExactly(Map.entry("team", "data"));

        kinesis.addTagsToStream(
                b -> b.streamName(name).tags(Map.of("env", "test", "owner", "alice", "team", "streams")));
        ListTagsForStreamResponse allTags = kinesis.listTagsForStream(b -> b.streamName(name));
        assertThat(allTags.tags()).extracting(Tag::key).containsExactly("env", "owner", "team");
        assertThat(tagsOf(allTags.tags())).containsEntry("team", "streams").containsEntry("owner", "alice");
        assertThat(allTags.hasMoreTags()).isFalse();

        ListTagsForStreamResponse firstTwo =
                kinesis.listTagsForStream(b -> b.streamName(name).limit(2));
        assertThat(firstTwo.tags()).extracting(Tag::key).containsExactly("env", "owner");
        assertThat(firstTwo.hasMoreTags()).isTrue();
        ListTagsForStreamResponse rest =
                kinesis.listTagsForStream(b -> b.streamName(name).exclusiveStartTagKey("owner"));
        assertThat(rest.tags()).extracting(Tag::key).containsExactly("team");
        assertThat(rest.hasMoreTags()).isFalse();

        kinesis.removeTagsFromStream(b -> b.streamName(name).tagKeys("owner", "no-such-key"));
        assertThat(tagsOf(kinesis.listTagsForStream(b -> b.streamARN(arn(name))).tags()))
                .containsExactly(Map.entry("env", "test"), Map.entry("team", "streams"));

        // the ARN-based API sees and changes the same set
        assertThat(tagsOf(kinesis.listTagsForResource(b -> b.resourceARN(arn(name)))
                        .tags()))
                .containsOnly(Map.entry("env", "test"), Map.entry("team", "streams"));
        kinesis.tagResource(b -> b.resourceARN(arn(name)).tags(Map.of("cost-center", "42", "env", "prod")));
        assertThat(tagsOf(kinesis.listTagsForResource(b -> b.resourceARN(arn(name)))
                        .tags()))
                .containsOnly(Map.entry("cost-center", "42"), Map.entry("env", "prod"), Map.entry("team", "streams"));
        kinesis.untagResource(b -> b.resourceARN(arn(name)).tagKeys("team"));
        assertThat(tagsOf(kinesis.listTagsForResource(b -> b.resourceARN(arn(name)))
                        .tags()))
                .containsOnly(Map.entry("cost-center", "42"), Map.entry("env", "prod"));
        assertThat(tagsOf(kinesis.listTagsForStream(b -> b.streamName(name)).tags()))
                .containsExactly(Map.entry("cost-center", "42"), Map.entry("env", "prod"));

        InvalidArgumentException invalid = expect(
                InvalidArgumentException.class,
                () -> kinesis.addTagsToStream(b -> b.streamName(name).tags(Map.of("bad*key", "v"))));
        assertError(
                invalid,
                "InvalidArgumentException",
                "Some tags contain invalid characters. Valid characters: "
                        + "Unicode letters, digits, white space, _ . / = + - % @ :.");
        assertThat(tagsOf(kinesis.listTagsForStream(b -> b.streamName(name)).tags()))
                .doesNotContainKey("bad*key");

        ResourceNotFoundException missing = expect(
                ResourceNotFoundException.class,
                () -> kinesis.listTagsForResource(b -> b.resourceARN(arn(prefix() + "-nope"))));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void enhancedMonitoringIsStored() throws InterruptedException {
        String name = prefix() + "-monitoring";
        create(name, 1);
        awaitActive(name);

        EnableEnhancedMonitoringResponse enabled = kinesis.enableEnhancedMonitoring(
                b -> b.streamName(name).shardLevelMetrics(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS));
        assertThat(enabled.streamName()).isEqualTo(name);
        assertThat(enabled.streamARN()).isEqualTo(arn(name));
        assertThat(enabled.currentShardLevelMetrics()).isEmpty();
        assertThat(enabled.desiredShardLevelMetrics())
                .containsExactlyInAnyOrder(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS);
        assertThat(awaitActive(name).enhancedMonitoring().get(0).shardLevelMetrics())
                .containsExactlyInAnyOrder(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS);

        DisableEnhancedMonitoringResponse disabled = kinesis.disableEnhancedMonitoring(
                b -> b.streamARN(arn(name)).shardLevelMetrics(MetricsName.INCOMING_BYTES));
        assertThat(disabled.currentShardLevelMetrics())
                .containsExactlyInAnyOrder(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS);
        assertThat(disabled.desiredShardLevelMetrics()).containsExactly(MetricsName.OUTGOING_RECORDS);
        awaitActive(name);
        assertThat(kinesis.describeStream(b -> b.streamName(name))
                        .streamDescription()
                        .enhancedMonitoring()
                        .get(0)
                        .shardLevelMetrics())
                .containsExactly(MetricsName.OUTGOING_RECORDS);

        List<MetricsName> everyMetric = List.of(
                MetricsName.INCOMING_BYTES,
                MetricsName.INCOMING_RECORDS,
                MetricsName.OUTGOING_BYTES,
                MetricsName.OUTGOING_RECORDS,
                MetricsName.WRITE_PROVISIONED_THROUGHPUT_EXCEEDED,
                MetricsName.READ_PROVISIONED_THROUGHPUT_EXCEEDED,
                MetricsName.ITERATOR_AGE_MILLISECONDS);
        EnableEnhancedMonitoringResponse allOn =
                kinesis.enableEnhancedMonitoring(b -> b.streamName(name).shardLevelMetrics(MetricsName.ALL));
        assertThat(allOn.currentShardLevelMetrics()).containsExactly(MetricsName.OUTGOING_RECORDS);
        assertThat(allOn.desiredShardLevelMetrics()).containsExactlyInAnyOrderElementsOf(everyMetric);
        awaitActive(name);
        DisableEnhancedMonitoringResponse allOff =
                kinesis.disableEnhancedMonitoring(b -> b.streamName(name).shardLevelMetrics(MetricsName.ALL));
        assertThat(allOff.currentShardLevelMetrics()).containsExactlyInAnyOrderElementsOf(everyMetric);
        assertThat(allOff.desiredShardLevelMetrics()).isEmpty();
        assertThat(awaitActive(name).enhancedMonitoring().get(0).shardLevelMetrics())
                .isEmpty();
    }

    @Test
    void encryptionStartsAndStops() throws InterruptedException {
        String name = prefix() + "-encryption";
        create(name, 1);
        awaitActive(name);
        put(name, "before", "plain".getBytes(StandardCharsets.UTF_8));

        kinesis.startStreamEncryption(
                b -> b.streamName(name).encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
        StreamDescriptionSummary encrypted = awaitActive(name);
        assertThat(encrypted.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(encrypted.keyId()).isEqualTo("alias/aws/kinesis");
        StreamDescription described =
                kinesis.describeStream(b -> b.streamName(name)).streamDescription();
        assertThat(described.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(described.keyId()).isEqualTo("alias/aws/kinesis");

        PutRecordResponse put = put(name, "after", "secret".getBytes(StandardCharsets.UTF_8));
        assertThat(put.encryptionType()).isEqualTo(EncryptionType.KMS);
        PutRecordsResponse puts = kinesis.putRecords(b -> b.streamName(name).records(entry("batch", new byte[] {1})));
        assertThat(puts.encryptionType()).isEqualTo(EncryptionType.KMS);
        List<Record> records = readAll(name, shardId(0), 3);
        assertThat(records).extracting(Record::partitionKey).containsExactly("before", "after", "batch");
        assertThat(records.get(0).encryptionType())
                .as("written before encryption")
                .isIn(EncryptionType.NONE, null);
        assertThat(records.get(1).encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(records.get(2).encryptionType()).isEqualTo(EncryptionType.KMS);

        kinesis.stopStreamEncryption(
                b -> b.streamARN(arn(name)).encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
        StreamDescriptionSummary plain = awaitActive(name);
        assertThat(plain.encryptionType()).isEqualTo(EncryptionType.NONE);
        assertThat(plain.keyId()).isNull();
        PutRecordResponse afterStop = put(name, "stopped", new byte[] {2});
        assertThat(afterStop.encryptionType()).isIn(EncryptionType.NONE, null);
        assertThat(readAll(name, shardId(0), 4).get(3).encryptionType())
                .as("written after the stop")
                .isIn(EncryptionType.NONE, null);
    }

    @Test
    void maxRecordSizeCanBeRaised() throws InterruptedException {
        String name = prefix() + "-large";
        create(name, 1);
        awaitActive(name);
        byte[] large = new byte[1_200_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        InvalidArgumentException tooLarge = expect(InvalidArgumentException.class, () -> put(name, "big", large));
        assertThat(tooLarge.awsErrorDetails().errorCode()).isEqualTo("InvalidArgumentException");

        kinesis.updateMaxRecordSize(b -> b.streamARN(arn(name)).maxRecordSizeInKiB(2048));
        assertThat(awaitActive(name).maxRecordSizeInKiB()).isEqualTo(2048);
        PutRecordResponse put = put(name, "big", large);
        assertThat(put.shardId()).isEqualTo(shardId(0));
        List<Record> records = readAll(name, shardId(0), 1);
        assertThat(records.get(0).data().asByteArray()).isEqualTo(large);

        ValidationException outOfRange = expect(
                ValidationException.class,
                () -> kinesis.updateMaxRecordSize(b -> b.streamARN(arn(name)).maxRecordSizeInKiB(512)));
        assertError(
                outOfRange,
                "ValidationException",
                "1 validation error detected: Value '512' at "
                        + "'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal "
                        + "to 1024");
        assertThat(awaitActive(name).maxRecordSizeInKiB()).isEqualTo(2048);
    }

    // ------------------------------------------------------------------------------------------------------
    // Data plane

    @Test
    void binaryDataRoundTripsExactly() throws InterruptedException {
        String name = prefix() + "-binary";
        create(name, 1);
        awaitActive(name);
        byte[] everyByte = new byte[256];
        for (int i = 0; i < 256; i++) {
            everyByte[i] = (byte) i;
        }
        byte[] reversed = new byte[256];
        for (int i = 0; i < 256; i++) {
            reversed[i] = (byte) (255 - i);
        }

        Instant before = Instant.now();
        PutRecordResponse single = put(name, "every-byte", everyByte);
        assertThat(single.shardId()).isEqualTo(shardId(0));
        assertThat(single.sequenceNumber()).matches("0|[1-9]\\d{0,128}");

        PutRecordsResponse batch = kinesis.putRecords(b -> b.streamName(name)
                .records(
                        entry("reversed", reversed),
                        entry("zero", new byte[] {0}),
                        entry("ff", new byte[] {(byte) 0xFF, (byte) 0xFF}),
                        entry("empty", new byte[0]),
                        entry("text", "héllo\u0000wörld".getBytes(StandardCharsets.UTF_8))));
        assertThat(batch.failedRecordCount()).isZero();
        assertThat(batch.records()).hasSize(5).allSatisfy(r -> {
            assertThat(r.errorCode()).isNull();
            assertThat(r.shardId()).isEqualTo(shardId(0));
        });
        List<BigInteger> sequence = new ArrayList<>();
        sequence.add(new BigInteger(single.sequenceNumber()));
        batch.records().forEach(r -> sequence.add(new BigInteger(r.sequenceNumber())));
        assertThat(sequence).as("sequence numbers in write order").isSorted().doesNotHaveDuplicates();

        List<Record> records = readAll(name, shardId(0), 6);
        Instant after = Instant.now();
        assertThat(records)
                .extracting(Record::partitionKey)
                .containsExactly("every-byte", "reversed", "zero", "ff", "empty", "text");
        assertThat(records.get(0).data().asByteArray()).isEqualTo(everyByte);
        assertThat(records.get(1).data().asByteArray()).isEqualTo(reversed);
        assertThat(records.get(2).data().asByteArray()).containsExactly(0);
        assertThat(records.get(3).data().asByteArray()).containsExactly(0xFF, 0xFF);
        assertThat(records.get(4).data().asByteArray()).isEmpty();
        assertThat(records.get(5).data().asUtf8String()).isEqualTo("héllo\u0000wörld");
        assertThat(records).extracting(r -> new BigInteger(r.sequenceNumber())).containsExactlyElementsOf(sequence);
        assertThat(records)
                .allSatisfy(r -> assertThat(r.approximateArrivalTimestamp())
                        .isBetween(before.minusSeconds(5), after.plusSeconds(5)));
    }

    @Test
    void putRecordsRoutesByMd5OfThePartitionKey() throws InterruptedException {
        String name = prefix() + "-routing";
        create(name, 4);
        awaitActive(name);
        List<Shard> shards = kinesis.listShards(b -> b.streamName(name)).shards();
        assertThat(shards).hasSize(4);

        List<String> keys = new ArrayList<>(List.of("pk", "a", "user-42", "été"));
        for (int i = 0; keys.size() < 100; i++) {
            keys.add("key-" + i);
        }
        List<PutRecordsRequestEntry> entries = keys.stream()
                .map(key -> entry(key, key.getBytes(StandardCharsets.UTF_8)))
                .toList();
        PutRecordsResponse response =
                kinesis.putRecords(b -> b.streamARN(arn(name)).records(entries));
        assertThat(response.failedRecordCount()).isZero();
        assertThat(response.records()).hasSize(keys.size());
        Map<String, List<String>> keysByShard = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            PutRecordsResultEntry result = response.records().get(i);
            assertThat(result.errorCode()).isNull();
            assertThat(result.shardId()).as("shard of key %s", keys.get(i)).isEqualTo(shardOf(shards, keys.get(i)));
            keysByShard
                    .computeIfAbsent(result.shardId(), s -> new ArrayList<>())
                    .add(keys.get(i));
        }
        // the spec's test vectors for 4 uniform shards
        assertThat(response.records().get(0).shardId()).isEqualTo(shardId(0));
        assertThat(response.records().get(1).shardId()).isEqualTo(shardId(0));
        assertThat(response.records().get(2).shardId()).isEqualTo(shardId(1));
        assertThat(response.records().get(3).shardId()).isEqualTo(shardId(3));
        assertThat(keysByShard).hasSize(4);

        // each shard holds exactly the keys routed to it, in request order
        for (Map.Entry<String, List<String>> shard : keysByShard.entrySet()) {
            assertThat(readAll(name, shard.getKey(), shard.getValue().size()))
                    .extracting(Record::partitionKey)
                    .containsExactlyElementsOf(shard.getValue());
        }

        // PutRecord routes the same way, and by ExplicitHashKey when one is given
        PutRecordResponse single = put(name, "user-42", new byte[] {42});
        assertThat(single.shardId()).isEqualTo(shardOf(shards, "user-42"));
        PutRecordResponse explicitLow = kinesis.putRecord(b -> b.streamName(name)
                .partitionKey("été")
                .explicitHashKey("0")
                .data(SdkBytes.fromByteArray(new byte[] {1})));
        assertThat(explicitLow.shardId()).isEqualTo(shardId(0));
        PutRecordResponse explicitHigh = kinesis.putRecord(b -> b.streamName(name)
                .partitionKey("pk")
                .explicitHashKey(MAX_HASH_KEY.toString())
                .data(SdkBytes.fromByteArray(new byte[] {2})));
        assertThat(explicitHigh.shardId()).isEqualTo(shardId(3));
        InvalidArgumentException outOfRange = expect(
                InvalidArgumentException.class,
                () -> kinesis.putRecord(b -> b.streamName(name)
                        .partitionKey("pk")
                        .explicitHashKey(MAX_HASH_KEY.add(BigInteger.ONE).toString())
                        .data(SdkBytes.fromByteArray(new byte[] {3}))));
        assertError(
                outOfRange,
                "InvalidArgumentException",
                "Invalid ExplicitHashKey. ExplicitHashKey must be in the " + "range: [0, 2^128-1]. Specified value was "
                        + MAX_HASH_KEY.add(BigInteger.ONE));
    }

    @Test
    void everyShardIteratorType() throws InterruptedException {
        String name = prefix() + "-iterators";
        create(name, 1);
        awaitActive(name);
        String shard = shardId(0);
        List<String> sequenceNumbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sequenceNumbers.add(put(name, "k", bytes("r" + i)).sequenceNumber());
        }
        Thread.sleep(100);
        Instant between = Instant.now();
        Thread.sleep(100);
        for (int i = 3; i < 5; i++) {
            sequenceNumbers.add(put(name, "k", bytes("r" + i)).sequenceNumber());
        }

        String trimHorizon = iterator(name, shard, ShardIteratorType.TRIM_HORIZON, null, null);
        GetRecordsResponse all = kinesis.getRecords(b -> b.shardIterator(trimHorizon));
        assertThat(payloads(all.records())).containsExactly("r0", "r1", "r2", "r3", "r4");
        assertThat(all.records()).extracting(Record::sequenceNumber).containsExactlyElementsOf(sequenceNumbers);
        assertThat(all.millisBehindLatest()).isZero();
        assertThat(all.nextShardIterator()).isNotBlank();
        assertThat(all.records())
                .allSatisfy(r -> assertThat(r.approximateArrivalTimestamp())
                        .isBetween(Instant.now().minusSeconds(10), Instant.now().plusSeconds(5)));
        assertThat(all.records().get(2).approximateArrivalTimestamp()).isBefore(between);
        assertThat(all.records().get(3).approximateArrivalTimestamp()).isAfter(between);

        // Limit and NextShardIterator
        GetRecordsResponse two =
                kinesis.getRecords(b -> b.shardIterator(trimHorizon).limit(2));
        assertThat(payloads(two.records())).containsExactly("r0", "r1");
        GetRecordsResponse next = kinesis.getRecords(b -> b.shardIterator(two.nextShardIterator()));
        assertThat(payloads(next.records())).containsExactly("r2", "r3", "r4");
        GetRecordsResponse tip = kinesis.getRecords(b -> b.shardIterator(next.nextShardIterator()));
        assertThat(tip.records()).isEmpty();
        assertThat(tip.nextShardIterator()).isNotBlank();

        assertThat(payloads(read(
                        iterator(name, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, sequenceNumbers.get(2), null))))
                .containsExactly("r2", "r3", "r4");
        assertThat(payloads(read(
                        iterator(name, shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, sequenceNumbers.get(2), null))))
                .containsExactly("r3", "r4");
        assertThat(payloads(read(iterator(name, shard, ShardIteratorType.AT_TIMESTAMP, null, between))))
                .containsExactly("r3", "r4");
        assertThat(payloads(read(iterator(
                        name, shard, ShardIteratorType.AT_TIMESTAMP, null, between.minus(Duration.ofHours(1))))))
                .containsExactly("r0", "r1", "r2", "r3", "r4");
        // a record's own arrival time, as the server reported it, starts at that record (>=, ms precision)
        Instant arrivalOfR3 = all.records().get(3).approximateArrivalTimestamp();
        assertThat(payloads(read(iterator(name, shard, ShardIteratorType.AT_TIMESTAMP, null, arrivalOfR3))))
                .containsExactly("r3", "r4");
        assertThat(read(iterator(name, shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, sequenceNumbers.get(4), null)))
                .isEmpty();

        String latest = iterator(name, shard, ShardIteratorType.LATEST, null, null);
        assertThat(read(latest)).isEmpty();
        put(name, "k", bytes("r5"));
        assertThat(payloads(read(latest))).containsExactly("r5");
        // the NextShardIterator returned at the tip (after r4) now sees r5
        assertThat(payloads(read(tip.nextShardIterator()))).containsExactly("r5");

        InvalidArgumentException future = expect(
                InvalidArgumentException.class,
                () -> iterator(
                        name,
                        shard,
                        ShardIteratorType.AT_TIMESTAMP,
                        null,
                        Instant.now().plus(Duration.ofHours(1))));
        assertThat(future.awsErrorDetails().errorMessage())
                .startsWith("The timestampInMillis parameter cannot be greater than the currentTimestampInMillis.");
        InvalidArgumentException noTimestamp = expect(
                InvalidArgumentException.class,
                () -> iterator(name, shard, ShardIteratorType.AT_TIMESTAMP, null, null));
        assertError(
                noTimestamp,
                "InvalidArgumentException",
                "Must specify timestampInMillis parameter for iterator "
                        + "of type AT_TIMESTAMP. Current request has no timestamp parameter.");
        InvalidArgumentException noNumber = expect(
                InvalidArgumentException.class,
                () -> iterator(name, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, null, null));
        assertError(
                noNumber,
                "InvalidArgumentException",
                "Must either specify (1) AT_SEQUENCE_NUMBER or "
                        + "AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no "
                        + "StartingSequenceNumber. Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber.");
        ResourceNotFoundException noShard = expect(
                ResourceNotFoundException.class,
                () -> iterator(name, shardId(7), ShardIteratorType.TRIM_HORIZON, null, null));
        assertError(
                noShard,
                "ResourceNotFoundException",
                "Shard " + shardId(7) + " in stream " + name + " under account " + ACCOUNT + " does not exist");
    }

    @Test
    void streamArnInsteadOfStreamName() throws InterruptedException {
        String name = prefix() + "-by-arn";
        create(name, 2);
        awaitActive(name);
        String arn = arn(name);

        StreamDescriptionSummary summary =
                kinesis.describeStreamSummary(b -> b.streamARN(arn)).streamDescriptionSummary();
        assertThat(summary.streamName()).isEqualTo(name);
        assertThat(summary.streamARN()).isEqualTo(arn);
        assertThat(summary.openShardCount()).isEqualTo(2);
        assertThat(kinesis.describeStream(b -> b.streamARN(arn))
                        .streamDescription()
                        .shards())
                .hasSize(2);

        PutRecordResponse put =
                kinesis.putRecord(b -> b.streamARN(arn).partitionKey("pk").data(SdkBytes.fromUtf8String("via-arn")));
        assertThat(put.shardId())
                .isEqualTo(shardOf(
                        kinesis.describeStream(b -> b.streamARN(arn))
                                .streamDescription()
                                .shards(),
                        "pk"));

        String iterator = kinesis.getShardIterator(b -> b.streamARN(arn)
                        .shardId(put.shardId())
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .startingSequenceNumber(put.sequenceNumber()))
                .shardIterator();
        GetRecordsResponse read = kinesis.getRecords(b -> b.streamARN(arn).shardIterator(iterator));
        assertThat(payloads(read.records())).containsExactly("via-arn");
        assertThat(read.records().get(0).sequenceNumber()).isEqualTo(put.sequenceNumber());

        // name and ARN together must agree
        assertThat(kinesis.describeStreamSummary(b -> b.streamName(name).streamARN(arn))
                        .streamDescriptionSummary()
                        .streamName())
                .isEqualTo(name);
        expect(
                InvalidArgumentException.class,
                () -> kinesis.describeStreamSummary(
                        b -> b.streamName(prefix() + "-other").streamARN(arn)));

        ResourceNotFoundException missing = expect(
                ResourceNotFoundException.class,
                () -> kinesis.putRecord(b ->
                        b.streamARN(arn(prefix() + "-nope")).partitionKey("pk").data(SdkBytes.fromUtf8String("x"))));
        assertError(
                missing,
                "ResourceNotFoundException",
                "Stream " + prefix() + "-nope under account " + ACCOUNT + " not found.");

        kinesis.deleteStream(b -> b.streamARN(arn));
        awaitGone(name);
    }

    @Test
    void errorsArriveAsTheModelledExceptions() throws InterruptedException {
        String missingName = prefix() + "-missing";
        String notFound = "Stream " + missingName + " under account " + ACCOUNT + " not found.";
        assertError(
                expect(
                        ResourceNotFoundException.class,
                        () -> kinesis.describeStreamSummary(b -> b.streamName(missingName))),
                "ResourceNotFoundException",
                notFound);
        assertError(
                expect(
                        ResourceNotFoundException.class,
                        () -> kinesis.putRecord(b ->
                                b.streamName(missingName).partitionKey("pk").data(SdkBytes.fromUtf8String("x")))),
                "ResourceNotFoundException",
                notFound);
        assertError(
                expect(
                        ResourceNotFoundException.class,
                        () -> kinesis.putRecords(b -> b.streamName(missingName).records(entry("pk", new byte[] {1})))),
                "ResourceNotFoundException",
                notFound);
        assertError(
                expect(
                        ResourceNotFoundException.class,
                        () -> kinesis.getShardIterator(b -> b.streamName(missingName)
                                .shardId(shardId(0))
                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))),
                "ResourceNotFoundException",
                notFound);
        assertError(
                expect(ResourceNotFoundException.class, () -> kinesis.deleteStream(b -> b.streamName(missingName))),
                "ResourceNotFoundException",
                notFound);

        String name = prefix() + "-errors";
        create(name, 1);
        awaitActive(name);
        assertError(
                expect(
                        ResourceInUseException.class,
                        () -> kinesis.createStream(b -> b.streamName(name).shardCount(2))),
                "ResourceInUseException",
                "Stream " + name + " under account " + ACCOUNT + " already exists.");
        assertError(
                expect(
                        InvalidArgumentException.class,
                        () -> kinesis.getRecords(b -> b.shardIterator("this-is-not-an-iterator"))),
                "InvalidArgumentException",
                "Invalid ShardIterator.");

        String iterator = iterator(name, shardId(0), ShardIteratorType.TRIM_HORIZON, null, null);
        assertError(
                expect(
                        ValidationException.class,
                        () -> kinesis.getRecords(b -> b.shardIterator(iterator).limit(10001))),
                "ValidationException",
                "1 validation error detected: Value '10001' at 'limit' failed to satisfy "
                        + "constraint: Member must have value less than or equal to 10000");
        assertError(
                expect(
                        ValidationException.class,
                        () -> kinesis.describeStream(b -> b.streamName(name).limit(0))),
                "ValidationException",
                "1 validation error detected: Value '0' at 'limit' failed to satisfy "
                        + "constraint: Member must have value greater than or equal to 1");
        assertThat(expect(
                                ValidationException.class,
                                () -> kinesis.createStream(
                                        b -> b.streamName("bad name!").shardCount(1)))
                        .awsErrorDetails()
                        .errorMessage())
                .startsWith("1 validation error detected: Value 'bad name!' at 'streamName' failed to satisfy "
                        + "constraint: Member must satisfy regular expression pattern: ");
    }

    // ------------------------------------------------------------------------------------------------------
    // Resharding

    static final BigInteger MIDPOINT = new BigInteger("170141183460469231731687303715884105728");

    /** Partition keys spread over both halves of the hash space (see the spec's test vectors). */
    static final List<String> RESHARD_KEYS = List.of("pk", "a", "user-42", "été", "k-1", "k-2", "k-3", "k-4");

    @Test
    void splitShardClosesTheParentAndHandsItsRecordsToTwoChildren() throws InterruptedException {
        String name = prefix() + "-split";
        create(name, 1);
        awaitActive(name);
        assertThat(RESHARD_KEYS.stream().map(AwsSdkScenario::md5).filter(h -> h.compareTo(MIDPOINT) < 0))
                .as("keys below the midpoint")
                .isNotEmpty()
                .hasSizeLessThan(RESHARD_KEYS.size());
        List<Put> puts = new ArrayList<>();
        puts.addAll(putRound(name, "before", 0));
        puts.addAll(putRound(name, "before", 1));
        assertThat(puts).extracting(Put::shardId).containsOnly(shardId(0));

        kinesis.splitShard(b -> b.streamName(name).shardToSplit(shardId(0)).newStartingHashKey(MIDPOINT.toString()));

        // UPDATING for runnel.streams.update-delay (1s): shard-changing calls are refused, writes go on
        String notActive = "Stream " + name + " under account " + ACCOUNT + " not ACTIVE, instead in state UPDATING";
        assertError(
                expect(
                        ResourceInUseException.class,
                        () -> kinesis.mergeShards(
                                b -> b.streamName(name).shardToMerge(shardId(1)).adjacentShardToMerge(shardId(2)))),
                "ResourceInUseException",
                notActive);
        assertError(
                expect(
                        ResourceInUseException.class,
                        () -> kinesis.updateShardCount(
                                b -> b.streamName(name).targetShardCount(4).scalingType(ScalingType.UNIFORM_SCALING))),
                "ResourceInUseException",
                notActive);
        assertError(
                expect(
                        ResourceInUseException.class,
                        () -> kinesis.splitShard(
                                b -> b.streamName(name).shardToSplit(shardId(1)).newStartingHashKey("1000"))),
                "ResourceInUseException",
                notActive);
        assertThat(kinesis.describeStreamSummary(b -> b.streamName(name))
                        .streamDescriptionSummary()
                        .streamStatus())
                .isIn(StreamStatus.UPDATING, StreamStatus.ACTIVE);
        puts.addAll(putRound(name, "updating", 2));

        StreamDescriptionSummary summary = awaitActive(name);
        assertThat(summary.openShardCount()).isEqualTo(2);
        puts.addAll(putRound(name, "after", 3));
        puts.addAll(putRound(name, "after", 4));

        // ListShards: the closed parent, then two children that name it
        List<Shard> shards = kinesis.listShards(b -> b.streamName(name)).shards();
        assertThat(shardIds(shards)).containsExactly(shardId(0), shardId(1), shardId(2));
        Shard parent = shards.get(0);
        Shard low = shards.get(1);
        Shard high = shards.get(2);
        assertThat(parent.parentShardId()).isNull();
        assertThat(parent.hashKeyRange().startingHashKey()).isEqualTo("0");
        assertThat(parent.hashKeyRange().endingHashKey()).isEqualTo(MAX_HASH_KEY.toString());
        assertThat(parent.sequenceNumberRange().endingSequenceNumber())
                .as("parent's EndingSequenceNumber")
                .matches("0|[1-9]\\d{0,128}");
        BigInteger parentEnd = new BigInteger(parent.sequenceNumberRange().endingSequenceNumber());
        for (Shard child : List.of(low, high)) {
            assertThat(child.parentShardId()).isEqualTo(shardId(0));
            assertThat(child.adjacentParentShardId()).isNull();
            assertThat(child.sequenceNumberRange().endingSequenceNumber()).isNull();
            assertThat(new BigInteger(child.sequenceNumberRange().startingSequenceNumber()))
                    .as("StartingSequenceNumber of %s", child.shardId())
                    .isGreaterThan(parentEnd);
        }
        assertThat(low.hashKeyRange().startingHashKey()).isEqualTo("0");
        assertThat(low.hashKeyRange().endingHashKey())
                .isEqualTo(MIDPOINT.subtract(BigInteger.ONE).toString());
        assertThat(high.hashKeyRange().startingHashKey()).isEqualTo(MIDPOINT.toString());
        assertThat(high.hashKeyRange().endingHashKey()).isEqualTo(MAX_HASH_KEY.toString());
        assertThat(filtered(name, f -> f.type(ShardFilterType.AT_LATEST))).containsExactly(shardId(1), shardId(2));
        assertLineage(shards, 1);

        // puts after the split went to the child owning the key's hash
        for (Put put : puts.subList(2 * RESHARD_KEYS.size(), puts.size())) {
            assertThat(put.shardId()).as("shard of %s", put.data()).isEqualTo(shardOf(List.of(low, high), put.key()));
        }

        // the parent, read to its end a few records at a time: no NextShardIterator, and ChildShards
        ShardRead parentRead = readShard(name, shardId(0), 3);
        assertThat(parentRead.ended()).as("parent read to its end").isTrue();
        assertThat(parentRead.pages()).as("pages of the parent").isGreaterThan(1);
        assertThat(parentRead.records())
                .allSatisfy(r -> assertThat(new BigInteger(r.sequenceNumber())).isLessThan(parentEnd));
        GetRecordsResponse end = parentRead.last();
        assertThat(end.nextShardIterator()).isNull();
        assertThat(end.millisBehindLatest()).isZero();
        assertThat(end.childShards()).hasSize(2);
        assertThat(end.childShards()).extracting(ChildShard::shardId).containsExactlyInAnyOrder(shardId(1), shardId(2));
        for (ChildShard child : end.childShards()) {
            assertThat(child.parentShards()).containsExactly(shardId(0));
            Shard listed = child.shardId().equals(shardId(1)) ? low : high;
            assertThat(child.hashKeyRange().startingHashKey())
                    .isEqualTo(listed.hashKeyRange().startingHashKey());
            assertThat(child.hashKeyRange().endingHashKey())
                    .isEqualTo(listed.hashKeyRange().endingHashKey());
        }

        // the children are open: read to their tips, they carry no ChildShards
        ShardRead lowRead = readShard(name, shardId(1), 3);
        ShardRead highRead = readShard(name, shardId(2), 3);
        assertThat(lowRead.ended()).isFalse();
        assertThat(highRead.ended()).isFalse();
        assertThat(lowRead.last().nextShardIterator()).isNotBlank();
        assertThat(lowRead.last().hasChildShards()).isFalse();

        assertReadExactlyOnceInKeyOrder(
                puts,
                Map.of(
                        shardId(0),
                        parentRead.records(),
                        shardId(1),
                        lowRead.records(),
                        shardId(2),
                        highRead.records()));

        // a closed shard can be split no more
        ResourceInUseException closed = expect(
                ResourceInUseException.class,
                () -> kinesis.splitShard(
                        b -> b.streamName(name).shardToSplit(shardId(0)).newStartingHashKey(MIDPOINT.toString())));
        assertError(
                closed,
                "ResourceInUseException",
                "Shard " + shardId(0) + " in stream " + name
                        + " under account " + ACCOUNT
                        + " has already been merged or split, and thus is not eligible for "
                        + "merging or splitting.");
        // nor written to: a put with the parent's range lands in a child
        assertThat(kinesis.putRecord(b -> b.streamName(name)
                                .partitionKey("x")
                                .explicitHashKey("0")
                                .data(SdkBytes.fromUtf8String("late")))
                        .shardId())
                .isEqualTo(shardId(1));
    }

    @Test
    void mergeShardsJoinsTwoAdjacentChildrenIntoOne() throws InterruptedException {
        String name = prefix() + "-merge";
        create(name, 1);
        awaitActive(name);
        List<Put> puts = new ArrayList<>(putRound(name, "root", 0));
        kinesis.splitShard(
                b -> b.streamARN(arn(name)).shardToSplit(shardId(0)).newStartingHashKey(MIDPOINT.toString()));
        awaitActive(name);
        puts.addAll(putRound(name, "split", 1));

        kinesis.mergeShards(b -> b.streamName(name).shardToMerge(shardId(1)).adjacentShardToMerge(shardId(2)));
        assertThat(awaitActive(name).openShardCount()).isEqualTo(1);
        puts.addAll(putRound(name, "merged", 2));
        assertThat(puts.subList(2 * RESHARD_KEYS.size(), puts.size()))
                .extracting(Put::shardId)
                .containsOnly(shardId(3));

        List<Shard> shards = kinesis.listShards(b -> b.streamName(name)).shards();
        assertThat(shardIds(shards)).containsExactly(shardId(0), shardId(1), shardId(2), shardId(3));
        Shard merged = shards.get(3);
        assertThat(merged.parentShardId()).isEqualTo(shardId(1));
        assertThat(merged.adjacentParentShardId()).isEqualTo(shardId(2));
        assertThat(merged.hashKeyRange().startingHashKey()).isEqualTo("0");
        assertThat(merged.hashKeyRange().endingHashKey()).isEqualTo(MAX_HASH_KEY.toString());
        assertThat(merged.sequenceNumberRange().endingSequenceNumber()).isNull();
        for (Shard parent : shards.subList(1, 3)) {
            assertThat(parent.sequenceNumberRange().endingSequenceNumber())
                    .as("end of %s", parent.shardId())
                    .isNotNull();
            assertThat(new BigInteger(merged.sequenceNumberRange().startingSequenceNumber()))
                    .isGreaterThan(new BigInteger(parent.sequenceNumberRange().endingSequenceNumber()));
        }
        assertThat(filtered(name, f -> f.type(ShardFilterType.AT_LATEST))).containsExactly(shardId(3));
        assertLineage(shards, 1);

        // each merged parent, read to its end, names the one child with both its parents
        Map<String, List<Record>> read = new LinkedHashMap<>();
        read.put(shardId(0), readShard(name, shardId(0), 100).records());
        for (String parent : List.of(shardId(1), shardId(2))) {
            ShardRead parentRead = readShard(name, parent, 100);
            assertThat(parentRead.ended()).as("%s read to its end", parent).isTrue();
            assertThat(parentRead.last().nextShardIterator()).isNull();
            assertThat(parentRead.last().childShards()).hasSize(1);
            ChildShard child = parentRead.last().childShards().get(0);
            assertThat(child.shardId()).isEqualTo(shardId(3));
            assertThat(child.parentShards()).containsExactly(shardId(1), shardId(2));
            assertThat(child.hashKeyRange().startingHashKey()).isEqualTo("0");
            assertThat(child.hashKeyRange().endingHashKey()).isEqualTo(MAX_HASH_KEY.toString());
            read.put(parent, parentRead.records());
        }
        ShardRead mergedRead = readShard(name, shardId(3), 100);
        assertThat(mergedRead.ended()).isFalse();
        read.put(shardId(3), mergedRead.records());
        assertReadExactlyOnceInKeyOrder(puts, read);

        // the merged parents are closed
        ResourceInUseException closed = expect(
                ResourceInUseException.class,
                () -> kinesis.mergeShards(
                        b -> b.streamName(name).shardToMerge(shardId(1)).adjacentShardToMerge(shardId(2))));
        assertError(
                closed,
                "ResourceInUseException",
                "Shard " + shardId(1) + " in stream " + name
                        + " under account " + ACCOUNT
                        + " has already been merged or split, and thus is not eligible for "
                        + "merging or splitting.");
    }

    @Test
    void reshardingArgumentsAreChecked() throws InterruptedException {
        String name = prefix() + "-reshard-errors";
        create(name, 3);
        awaitActive(name);
        List<Shard> shards = kinesis.listShards(b -> b.streamName(name)).shards();
        assertUniformLayout(shards, 3);
        BigInteger start = new BigInteger(shards.get(1).hashKeyRange().startingHashKey());
        BigInteger endKey = new BigInteger(shards.get(1).hashKeyRange().endingHashKey());

        // the key must satisfy S + 1 < key < E
        for (BigInteger key :
                List.of(start, start.add(BigInteger.ONE), endKey, endKey.add(BigInteger.ONE), BigInteger.ZERO)) {
            InvalidArgumentException bad = expect(
                    InvalidArgumentException.class,
                    () -> kinesis.splitShard(
                            b -> b.streamName(name).shardToSplit(shardId(1)).newStartingHashKey(key.toString())));
            assertError(
                    bad,
                    "InvalidArgumentException",
                    "NewStartingHashKey " + key + " used in SplitShard() on "
                            + "shard " + shardId(1) + " in stream " + name + " under account " + ACCOUNT
                            + " is not both "
                            + "greater than one plus the shard's StartingHashKey " + start
                            + " and less than the shard's "
                            + "EndingHashKey " + endKey + ".");
        }
        // beyond 2^128 - 1 it is no hash key at all
        BigInteger tooBig = MAX_HASH_KEY.add(BigInteger.ONE);
        assertError(
                expect(
                        InvalidArgumentException.class,
                        () -> kinesis.splitShard(b ->
                                b.streamName(name).shardToSplit(shardId(1)).newStartingHashKey(tooBig.toString()))),
                "InvalidArgumentException",
                "NewStartingHashKey " + tooBig + " is not a hash key in the range [0, 2^128-1].");
        assertError(
                expect(
                        ResourceNotFoundException.class,
                        () -> kinesis.splitShard(b ->
                                b.streamName(name).shardToSplit(shardId(9)).newStartingHashKey(MIDPOINT.toString()))),
                "ResourceNotFoundException",
                "Could not find shard " + shardId(9) + " in stream " + name + " under account " + ACCOUNT + ".");
        assertError(
                expect(
                        ResourceNotFoundException.class,
                        () -> kinesis.splitShard(b -> b.streamName(prefix() + "-nope")
                                .shardToSplit(shardId(0))
                                .newStartingHashKey(MIDPOINT.toString()))),
                "ResourceNotFoundException",
                "Stream " + prefix() + "-nope under account " + ACCOUNT + " not found.");

        // shards 0 and 2 are not hash-adjacent, in either order
        assertError(
                expect(
                        InvalidArgumentException.class,
                        () -> kinesis.mergeShards(
                                b -> b.streamName(name).shardToMerge(shardId(0)).adjacentShardToMerge(shardId(2)))),
                "InvalidArgumentException",
                "Shards " + shardId(0) + " and " + shardId(2) + " in stream " + name + " under account " + ACCOUNT
                        + " are not an adjacent pair of shards eligible for merging");
        assertError(
                expect(
                        InvalidArgumentException.class,
                        () -> kinesis.mergeShards(
                                b -> b.streamName(name).shardToMerge(shardId(2)).adjacentShardToMerge(shardId(0)))),
                "InvalidArgumentException",
                "Shards " + shardId(2) + " and " + shardId(0) + " in stream " + name + " under account " + ACCOUNT
                        + " are not an adjacent pair of shards eligible for merging");
        assertError(
                expect(
                        ResourceNotFoundException.class,
                        () -> kinesis.mergeShards(
                                b -> b.streamName(name).shardToMerge(shardId(0)).adjacentShardToMerge(shardId(7)))),
                "ResourceNotFoundException",
                "Could not find shard " + shardId(7) + " in stream " + name + " under account " + ACCOUNT + ".");

        // UpdateShardCount stays between half and double the open shards
        assertError(
                expect(
                        InvalidArgumentException.class,
                        () -> kinesis.updateShardCount(
                                b -> b.streamName(name).targetShardCount(7).scalingType(ScalingType.UNIFORM_SCALING))),
                "InvalidArgumentException",
                "UpdateShardCount cannot scale up over double your current open shard count. Current open shard "
                        + "count: 3 Target shard count: 7");
        assertError(
                expect(
                        InvalidArgumentException.class,
                        () -> kinesis.updateShardCount(
                                b -> b.streamName(name).targetShardCount(1).scalingType(ScalingType.UNIFORM_SCALING))),
                "InvalidArgumentException",
                "UpdateShardCount cannot scale down below half your current open shard count. Current open shard "
                        + "count: 3 Target shard count: 1");
        assertThat(expect(
                                ValidationException.class,
                                () -> kinesis.updateShardCount(b -> b.streamName(name)
                                        .targetShardCount(0)
                                        .scalingType(ScalingType.UNIFORM_SCALING)))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("1 validation error detected: Value '0' at 'targetShardCount' failed to satisfy "
                        + "constraint: Member must have value greater than or equal to 1");

        // a valid split keeps the stream UPDATING briefly; the next shard-changing call is refused
        BigInteger inside = start.add(endKey).shiftRight(1);
        kinesis.splitShard(b -> b.streamName(name).shardToSplit(shardId(1)).newStartingHashKey(inside.toString()));
        assertError(
                expect(
                        ResourceInUseException.class,
                        () -> kinesis.mergeShards(
                                b -> b.streamName(name).shardToMerge(shardId(0)).adjacentShardToMerge(shardId(3)))),
                "ResourceInUseException",
                "Stream " + name + " under account " + ACCOUNT + " not ACTIVE, instead in state UPDATING");
        awaitActive(name);

        // none of the refused calls changed anything; the split did
        List<Shard> after = kinesis.listShards(b -> b.streamName(name)).shards();
        assertThat(shardIds(after)).containsExactly(shardId(0), shardId(1), shardId(2), shardId(3), shardId(4));
        assertThat(filtered(name, f -> f.type(ShardFilterType.AT_LATEST)))
                .containsExactly(shardId(0), shardId(2), shardId(3), shardId(4));
        assertThat(after.get(3).hashKeyRange().endingHashKey())
                .isEqualTo(inside.subtract(BigInteger.ONE).toString());
        assertThat(after.get(4).hashKeyRange().startingHashKey()).isEqualTo(inside.toString());
        assertLineage(after, 3);

        // the adjacent shard must follow the shard to merge, as on AWS; ParentShardId is ShardToMerge
        assertError(
                expect(
                        InvalidArgumentException.class,
                        () -> kinesis.mergeShards(
                                b -> b.streamName(name).shardToMerge(shardId(3)).adjacentShardToMerge(shardId(0)))),
                "InvalidArgumentException",
                "Shards " + shardId(3) + " and " + shardId(0) + " in stream " + name + " under account " + ACCOUNT
                        + " are not an adjacent pair of shards eligible for merging");
        kinesis.mergeShards(b -> b.streamName(name).shardToMerge(shardId(0)).adjacentShardToMerge(shardId(3)));
        awaitActive(name);
        Shard merged = kinesis.listShards(b -> b.streamName(name)
                        .shardFilter(f -> f.type(ShardFilterType.AFTER_SHARD_ID).shardId(shardId(4))))
                .shards()
                .get(0);
        assertThat(merged.shardId()).isEqualTo(shardId(5));
        assertThat(merged.parentShardId()).isEqualTo(shardId(0));
        assertThat(merged.adjacentParentShardId()).isEqualTo(shardId(3));
        assertThat(merged.hashKeyRange().startingHashKey()).isEqualTo("0");
        assertThat(merged.hashKeyRange().endingHashKey())
                .isEqualTo(inside.subtract(BigInteger.ONE).toString());
        assertLineage(kinesis.listShards(b -> b.streamName(name)).shards(), 3);
    }

    @Test
    void updateShardCountScalesUniformlyAndKeepsTheLineage() throws InterruptedException {
        String name = prefix() + "-scaling";
        create(name, 1);
        awaitActive(name);
        List<Put> puts = new ArrayList<>(putRound(name, "one", 0));

        int round = 1;
        int current = 1;
        for (int target : new int[] {2, 4, 3}) {
            int from = current;
            UpdateShardCountResponse response = kinesis.updateShardCount(
                    b -> b.streamName(name).targetShardCount(target).scalingType(ScalingType.UNIFORM_SCALING));
            assertThat(response.streamName()).isEqualTo(name);
            assertThat(response.streamARN()).isEqualTo(arn(name));
            assertThat(response.currentShardCount())
                    .as("CurrentShardCount %d→%d", from, target)
                    .isEqualTo(from);
            assertThat(response.targetShardCount())
                    .as("TargetShardCount %d→%d", from, target)
                    .isEqualTo(target);
            assertThat(awaitActive(name).openShardCount()).isEqualTo(target);
            List<Shard> open = kinesis.listShards(
                            b -> b.streamName(name).shardFilter(f -> f.type(ShardFilterType.AT_LATEST)))
                    .shards();
            assertUniformRanges(open, target);
            assertThat(open)
                    .allSatisfy(s -> assertThat(s.parentShardId())
                            .as("parent of %s", s.shardId())
                            .isNotNull());
            puts.addAll(putRound(name, "to-" + target, round++));
            current = target;
        }

        // above double the 3 open shards
        assertError(
                expect(
                        InvalidArgumentException.class,
                        () -> kinesis.updateShardCount(
                                b -> b.streamName(name).targetShardCount(7).scalingType(ScalingType.UNIFORM_SCALING))),
                "InvalidArgumentException",
                "UpdateShardCount cannot scale up over double your current open shard count. Current open shard "
                        + "count: 3 Target shard count: 7");

        // every shard ever made is listed, with a consistent lineage, and every record is read once
        List<Shard> all = kinesis.listShards(b -> b.streamName(name)).shards();
        assertLineage(all, 1);
        assertThat(all.stream().filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null))
                .hasSize(3);
        Map<String, List<Record>> read = new LinkedHashMap<>();
        for (Shard shard : all) {
            ShardRead shardRead = readShard(name, shard.shardId(), 1000);
            boolean open = shard.sequenceNumberRange().endingSequenceNumber() == null;
            assertThat(shardRead.ended())
                    .as("%s read to its end", shard.shardId())
                    .isEqualTo(!open);
            if (!open) {
                List<String> children = all.stream()
                        .filter(s -> shard.shardId().equals(s.parentShardId())
                                || shard.shardId().equals(s.adjacentParentShardId()))
                        .map(Shard::shardId)
                        .toList();
                assertThat(shardRead.last().childShards())
                        .as("ChildShards of %s", shard.shardId())
                        .extracting(ChildShard::shardId)
                        .containsExactlyInAnyOrderElementsOf(children);
            }
            read.put(shard.shardId(), shardRead.records());
        }
        assertReadExactlyOnceInKeyOrder(puts, read);
    }

    @Test
    void updateStreamModeSwitchesToOnDemandAndBack() throws InterruptedException {
        String name = prefix() + "-mode";
        create(name, 2);
        awaitActive(name);
        int onDemandBefore = kinesis.describeLimits().onDemandStreamCount();

        kinesis.updateStreamMode(
                b -> b.streamARN(arn(name)).streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND)));
        assertError(
                expect(
                        ResourceInUseException.class,
                        () -> kinesis.updateStreamMode(b ->
                                b.streamARN(arn(name)).streamModeDetails(d -> d.streamMode(StreamMode.PROVISIONED)))),
                "ResourceInUseException",
                "Stream " + name + " under account " + ACCOUNT + " not ACTIVE, instead in state UPDATING");
        StreamDescriptionSummary onDemand = awaitActive(name);
        assertThat(onDemand.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(onDemand.openShardCount()).as("the shards are kept").isEqualTo(2);
        assertThat(kinesis.describeStream(b -> b.streamName(name))
                        .streamDescription()
                        .streamModeDetails()
                        .streamMode())
                .isEqualTo(StreamMode.ON_DEMAND);
        assertThat(kinesis.describeLimits().onDemandStreamCount()).isEqualTo(onDemandBefore + 1);

        assertError(
                expect(
                        InvalidArgumentException.class,
                        () -> kinesis.updateStreamMode(b ->
                                b.streamARN(arn(name)).streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND)))),
                "InvalidArgumentException",
                "Stream " + name + " under account " + ACCOUNT + " is already in ON_DEMAND mode.");
        assertError(
                expect(
                        InvalidArgumentException.class,
                        () -> kinesis.updateShardCount(
                                b -> b.streamName(name).targetShardCount(3).scalingType(ScalingType.UNIFORM_SCALING))),
                "InvalidArgumentException",
                "UpdateShardCount is not supported for stream " + name + " under account " + ACCOUNT
                        + " because it is in ON_DEMAND mode.");

        kinesis.updateStreamMode(
                b -> b.streamARN(arn(name)).streamModeDetails(d -> d.streamMode(StreamMode.PROVISIONED)));
        StreamDescriptionSummary provisioned = awaitActive(name);
        assertThat(provisioned.streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
        assertThat(provisioned.openShardCount()).isEqualTo(2);
        assertThat(kinesis.describeLimits().onDemandStreamCount()).isEqualTo(onDemandBefore);

        // two switches a rolling day
        LimitExceededException third = expect(
                LimitExceededException.class,
                () -> kinesis.updateStreamMode(
                        b -> b.streamARN(arn(name)).streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND))));
        assertError(
                third,
                "LimitExceededException",
                "Stream " + name + " under account " + ACCOUNT
                        + " has already switched its mode 2 times in the last 24 hours.");
        assertThat(awaitActive(name).streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
    }

    @Test
    void onDemandStreamsStartWithFourShards() throws InterruptedException {
        String name = prefix() + "-on-demand";
        created.add(name);
        kinesis.createStream(b -> b.streamName(name).streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND)));
        StreamDescriptionSummary summary = awaitActive(name);
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(summary.openShardCount()).isEqualTo(4);
        assertUniformLayout(kinesis.listShards(b -> b.streamName(name)).shards(), 4);
        assertThat(kinesis.listStreams().streamSummaries())
                .filteredOn(s -> s.streamName().equals(name))
                .singleElement()
                .satisfies(s -> assertThat(s.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND));
        PutRecordResponse put = put(name, "user-42", bytes("on-demand"));
        assertThat(put.shardId()).isEqualTo(shardId(1));

        // SplitShard and MergeShards, like UpdateShardCount, are for PROVISIONED streams only
        assertThat(catchThrowable(() -> kinesis.splitShard(
                        b -> b.streamName(name).shardToSplit(shardId(0)).newStartingHashKey("1000"))))
                .as("SplitShard on an ON_DEMAND stream")
                .isInstanceOfAny(InvalidArgumentException.class, ValidationException.class);
        assertThat(catchThrowable(() -> kinesis.mergeShards(
                        b -> b.streamName(name).shardToMerge(shardId(0)).adjacentShardToMerge(shardId(1)))))
                .as("MergeShards on an ON_DEMAND stream")
                .isInstanceOfAny(InvalidArgumentException.class, ValidationException.class);
        assertThat(awaitActive(name).openShardCount()).isEqualTo(4);
    }

    /** One acknowledged put: the key, the payload, and where the server said it went. */
    record Put(String key, String data, String shardId, String sequenceNumber) {}

    /** Puts one record per key of {@link #RESHARD_KEYS}, half with PutRecord and half with one PutRecords. */
    List<Put> putRound(String stream, String label, int round) {
        List<Put> puts = new ArrayList<>();
        List<String> keys = RESHARD_KEYS;
        int half = keys.size() / 2;
        for (String key : keys.subList(0, half)) {
            String data = key + "#" + round + "-" + label;
            PutRecordResponse response = put(stream, key, bytes(data));
            puts.add(new Put(key, data, response.shardId(), response.sequenceNumber()));
        }
        List<String> batchKeys = keys.subList(half, keys.size());
        List<PutRecordsRequestEntry> entries = batchKeys.stream()
                .map(key -> entry(key, bytes(key + "#" + round + "-" + label)))
                .toList();
        PutRecordsResponse response =
                kinesis.putRecords(b -> b.streamName(stream).records(entries));
        assertThat(response.failedRecordCount()).isZero();
        for (int i = 0; i < batchKeys.size(); i++) {
            PutRecordsResultEntry result = response.records().get(i);
            puts.add(new Put(
                    batchKeys.get(i),
                    batchKeys.get(i) + "#" + round + "-" + label,
                    result.shardId(),
                    result.sequenceNumber()));
        }
        return puts;
    }

    /** What reading one shard from TRIM_HORIZON gave: its records, the last response, whether the shard ended. */
    record ShardRead(List<Record> records, GetRecordsResponse last, int pages, boolean ended) {}

    /**
     * Reads a shard from TRIM_HORIZON, {@code limit} records a call, until NextShardIterator is null (a closed
     * shard's end) or, for an open shard, until a call returns nothing; ChildShards must not come before the end.
     */
    ShardRead readShard(String stream, String shard, int limit) {
        List<Record> records = new ArrayList<>();
        String iterator = iterator(stream, shard, ShardIteratorType.TRIM_HORIZON, null, null);
        for (int call = 1; call <= 200; call++) {
            String current = iterator;
            GetRecordsResponse response =
                    kinesis.getRecords(b -> b.shardIterator(current).limit(limit));
            records.addAll(response.records());
            if (response.nextShardIterator() == null) {
                return new ShardRead(records, response, call, true);
            }
            assertThat(response.hasChildShards())
                    .as("ChildShards of %s before its end", shard)
                    .isFalse();
            if (response.records().isEmpty()) {
                return new ShardRead(records, response, call, false);
            }
            iterator = response.nextShardIterator();
        }
        throw new AssertionError("shard " + shard + " of " + stream + " did not end within 200 calls");
    }

    /**
     * Every acknowledged put was read exactly once, from the shard the put named, with its payload; and
     * reading the shards in id order (parents have lower ids than their children) gives each key's records in
     * put order.
     */
    static void assertReadExactlyOnceInKeyOrder(List<Put> puts, Map<String, List<Record>> readByShard) {
        Map<String, Put> bySequenceNumber = new LinkedHashMap<>();
        puts.forEach(put -> assertThat(bySequenceNumber.put(put.sequenceNumber(), put))
                .as("sequence number %s issued twice", put.sequenceNumber())
                .isNull());
        List<String> seen = new ArrayList<>();
        Map<String, List<String>> readPerKey = new LinkedHashMap<>();
        readByShard.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(shard -> {
            for (Record record : shard.getValue()) {
                Put put = bySequenceNumber.get(record.sequenceNumber());
                assertThat(put)
                        .as("record %s read from %s was put", record.sequenceNumber(), shard.getKey())
                        .isNotNull();
                assertThat(record.data().asUtf8String()).isEqualTo(put.data());
                assertThat(record.partitionKey()).isEqualTo(put.key());
                assertThat(shard.getKey()).as("shard of %s", put.data()).isEqualTo(put.shardId());
                seen.add(record.sequenceNumber());
                readPerKey.computeIfAbsent(put.key(), k -> new ArrayList<>()).add(put.data());
            }
        });
        assertThat(seen)
                .as("records read")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(bySequenceNumber.keySet());
        Map<String, List<String>> putPerKey = new LinkedHashMap<>();
        puts.forEach(put ->
                putPerKey.computeIfAbsent(put.key(), k -> new ArrayList<>()).add(put.data()));
        assertThat(readPerKey).as("records per partition key, in read order").isEqualTo(putPerKey);
    }

    /**
     * Kinesis's lineage rules over a full ListShards: shards below {@code roots} have no parents, every other
     * one names listed, closed parents whose EndingSequenceNumber is below its StartingSequenceNumber; a split
     * child lies inside its parent's range, a merge child is the union of its two hash-adjacent parents.
     */
    static void assertLineage(List<Shard> shards, int roots) {
        Map<String, Shard> byId = new LinkedHashMap<>();
        shards.forEach(shard -> byId.put(shard.shardId(), shard));
        for (Shard shard : shards) {
            if (shards.indexOf(shard) < roots) {
                assertThat(shard.parentShardId())
                        .as("parent of %s", shard.shardId())
                        .isNull();
                continue;
            }
            assertThat(shard.parentShardId())
                    .as("parent of %s", shard.shardId())
                    .isNotNull();
            List<Shard> parents = new ArrayList<>();
            parents.add(byId.get(shard.parentShardId()));
            if (shard.adjacentParentShardId() != null) {
                parents.add(byId.get(shard.adjacentParentShardId()));
            }
            BigInteger childStart = new BigInteger(shard.sequenceNumberRange().startingSequenceNumber());
            for (Shard parent : parents) {
                assertThat(parent)
                        .as("a parent of %s is listed", shard.shardId())
                        .isNotNull();
                assertThat(parent.sequenceNumberRange().endingSequenceNumber())
                        .as("end of parent %s", parent.shardId())
                        .isNotNull();
                assertThat(childStart)
                        .as("start of %s above the end of %s", shard.shardId(), parent.shardId())
                        .isGreaterThan(
                                new BigInteger(parent.sequenceNumberRange().endingSequenceNumber()));
            }
            BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
            BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
            if (parents.size() == 1) {
                assertThat(start)
                        .isGreaterThanOrEqualTo(
                                new BigInteger(parents.get(0).hashKeyRange().startingHashKey()));
                assertThat(end)
                        .isLessThanOrEqualTo(
                                new BigInteger(parents.get(0).hashKeyRange().endingHashKey()));
            } else {
                List<Shard> ordered = new ArrayList<>(parents);
                ordered.sort((a, b) -> new BigInteger(a.hashKeyRange().startingHashKey())
                        .compareTo(new BigInteger(b.hashKeyRange().startingHashKey())));
                assertThat(new BigInteger(ordered.get(0).hashKeyRange().endingHashKey()).add(BigInteger.ONE))
                        .as("parents of %s are hash-adjacent", shard.shardId())
                        .isEqualTo(new BigInteger(ordered.get(1).hashKeyRange().startingHashKey()));
                assertThat(start)
                        .isEqualTo(new BigInteger(ordered.get(0).hashKeyRange().startingHashKey()));
                assertThat(end)
                        .isEqualTo(new BigInteger(ordered.get(1).hashKeyRange().endingHashKey()));
            }
        }
    }

    /** Open shards, in any id order, whose ranges are those of a new stream of {@code count} shards. */
    static void assertUniformRanges(List<Shard> open, int count) {
        BigInteger step = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(count));
        List<Shard> sorted = new ArrayList<>(open);
        sorted.sort((a, b) -> new BigInteger(a.hashKeyRange().startingHashKey())
                .compareTo(new BigInteger(b.hashKeyRange().startingHashKey())));
        assertThat(sorted).hasSize(count);
        for (int i = 0; i < count; i++) {
            Shard shard = sorted.get(i);
            assertThat(new BigInteger(shard.hashKeyRange().startingHashKey()))
                    .as("start of open shard %d of %d", i, count)
                    .isEqualTo(step.multiply(BigInteger.valueOf(i)));
            BigInteger end = i == count - 1
                    ? MAX_HASH_KEY
                    : step.multiply(BigInteger.valueOf(i + 1)).subtract(BigInteger.ONE);
            assertThat(new BigInteger(shard.hashKeyRange().endingHashKey()))
                    .as("end of open shard %d of %d", i, count)
                    .isEqualTo(end);
            assertThat(shard.sequenceNumberRange().endingSequenceNumber()).isNull();
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Helpers

    void create(String name, int shards) {
        created.add(name);
        kinesis.createStream(b -> b.streamName(name).shardCount(shards));
    }

    StreamDescriptionSummary awaitActive(String name) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        StreamDescriptionSummary summary;
        do {
            summary = kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
            if (summary.streamStatus() == StreamStatus.ACTIVE) {
                return summary;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("stream " + name + " is still " + summary.streamStatus() + " after " + WAIT);
    }

    void awaitGone(String name) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        do {
            try {
                kinesis.describeStreamSummary(b -> b.streamName(name));
            } catch (ResourceNotFoundException gone) {
                return;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("stream " + name + " still exists after " + WAIT);
    }

    PutRecordResponse put(String stream, String key, byte[] data) {
        return kinesis.putRecord(b -> b.streamName(stream).partitionKey(key).data(SdkBytes.fromByteArray(data)));
    }

    static PutRecordsRequestEntry entry(String key, byte[] data) {
        return PutRecordsRequestEntry.builder()
                .partitionKey(key)
                .data(SdkBytes.fromByteArray(data))
                .build();
    }

    String iterator(String stream, String shard, ShardIteratorType type, String sequenceNumber, Instant timestamp) {
        return kinesis.getShardIterator(b -> b.streamName(stream)
                        .shardId(shard)
                        .shardIteratorType(type)
                        .startingSequenceNumber(sequenceNumber)
                        .timestamp(timestamp))
                .shardIterator();
    }

    List<Record> read(String iterator) {
        return kinesis.getRecords(b -> b.shardIterator(iterator)).records();
    }

    /** Reads a shard from TRIM_HORIZON until at least {@code expected} records came (bounded). */
    List<Record> readAll(String stream, String shard, int expected) {
        List<Record> records = new ArrayList<>();
        String iterator = iterator(stream, shard, ShardIteratorType.TRIM_HORIZON, null, null);
        for (int call = 0; call < 20 && iterator != null && (call == 0 || records.size() < expected); call++) {
            String current = iterator;
            GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(current));
            records.addAll(response.records());
            iterator = response.nextShardIterator();
        }
        assertThat(records).as("records of %s/%s", stream, shard).hasSize(expected);
        return records;
    }

    List<String> filtered(
            String stream,
            java.util.function.Consumer<software.amazon.awssdk.services.kinesis.model.ShardFilter.Builder> filter) {
        return shardIds(kinesis.listShards(b -> b.streamName(stream).shardFilter(filter))
                .shards());
    }

    static List<String> shardIds(Collection<Shard> shards) {
        return shards.stream().map(Shard::shardId).toList();
    }

    static String shardId(int index) {
        return String.format("shardId-%012d", index);
    }

    static String arn(String stream) {
        return "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/" + stream;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> payloads(List<Record> records) {
        return records.stream().map(r -> r.data().asUtf8String()).toList();
    }

    static Map<String, String> tagsOf(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(tag -> map.put(tag.key(), tag.value()));
        return map;
    }

    static BigInteger md5(String partitionKey) {
        try {
            return new BigInteger(
                    1, MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shard whose hash key range holds MD5(key) read as an unsigned 128-bit number. */
    static String shardOf(List<Shard> shards, String partitionKey) {
        BigInteger hash = md5(partitionKey);
        List<String> matching = shards.stream()
                .filter(s -> new BigInteger(s.hashKeyRange().startingHashKey()).compareTo(hash) <= 0
                        && new BigInteger(s.hashKeyRange().endingHashKey()).compareTo(hash) >= 0)
                .map(Shard::shardId)
                .toList();
        assertThat(matching).as("shards holding the hash of %s", partitionKey).hasSize(1);
        return matching.get(0);
    }

    /** Open shards with equal contiguous ranges over 0…2^128−1, as CreateStream lays them out. */
    static void assertUniformLayout(List<Shard> shards, int count) {
        BigInteger step = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(count));
        assertThat(shards).hasSize(count);
        for (int i = 0; i < count; i++) {
            Shard shard = shards.get(i);
            assertThat(shard.shardId()).isEqualTo(shardId(i));
            assertThat(shard.parentShardId()).isNull();
            assertThat(shard.adjacentParentShardId()).isNull();
            assertThat(new BigInteger(shard.hashKeyRange().startingHashKey()))
                    .isEqualTo(step.multiply(BigInteger.valueOf(i)));
            BigInteger end = i == count - 1
                    ? MAX_HASH_KEY
                    : step.multiply(BigInteger.valueOf(i + 1)).subtract(BigInteger.ONE);
            assertThat(new BigInteger(shard.hashKeyRange().endingHashKey())).isEqualTo(end);
            assertThat(shard.sequenceNumberRange().startingSequenceNumber()).matches("0|[1-9]\\d{0,128}");
            assertThat(shard.sequenceNumberRange().endingSequenceNumber()).isNull();
        }
    }

    /** Runs {@code call}, which must fail with exactly {@code type}, and returns the exception. */
    static <T extends KinesisException> T expect(Class<T> type, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected %s", type.getSimpleName()).isExactlyInstanceOf(type);
        return type.cast(thrown);
    }

    static void assertError(KinesisException error, String code, String message) {
        assertThat(error).as("expected %s", code).isNotNull();
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(message);
        assertThat(error.statusCode()).isEqualTo(400);
    }

    /** Runs {@code build} with the system property set to {@code value} (cleared when null), then restores it. */
    static <T> T withSystemProperty(String key, String value, Supplier<T> build) {
        String previous = System.getProperty(key);
        try {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
            return build.get();
        } finally {
            if (previous == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, previous);
            }
        }
    }

    /**
     * A synchronous client over HTTP/1.1, built with {@code aws.cborEnabled} set to {@code cborEnabled}
     * (cleared when null, the SDK's default: CBOR).
     */
    static KinesisClient syncClient(URI endpoint, String cborEnabled) {
        return withSystemProperty(
                "aws.cborEnabled",
                cborEnabled,
                () -> KinesisClient.builder()
                        .endpointOverride(endpoint)
                        .region(REGION)
                        .credentialsProvider(dummyCredentials())
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(30)))
                        .build());
    }

    static StaticCredentialsProvider dummyCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "dummy-secret"));
    }

    static final Region REGION = Region.US_EAST_1;

    // ------------------------------------------------------------------------------------------------------
    // How requests arrive

    /** Remembers the HTTP version and Content-Type of every AWS-protocol request (ahead of the AWS edge filter). */
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    static final class WireRecorder extends OncePerRequestFilter {

        record Seen(String target, String protocol, String contentType) {}

        private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String target = request.getHeader("X-Amz-Target");
            if ("POST".equals(request.getMethod()) && target != null) {
                seen.add(new Seen(target, request.getProtocol(), String.valueOf(request.getContentType())));
            }
            chain.doFilter(request, response);
        }

        void clear() {
            seen.clear();
        }

        List<Seen> seen() {
            return List.copyOf(seen);
        }
    }
}
