package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.runnel.client.ApiClient;
import dev.runnel.client.ApiException;
import dev.runnel.client.api.InsightsApi;
import dev.runnel.client.api.RecordsApi;
import dev.runnel.client.api.ShardIteratorsApi;
import dev.runnel.client.api.ShardsApi;
import dev.runnel.client.api.StreamsApi;
import dev.runnel.client.model.CreateStreamRequest;
import dev.runnel.client.model.GetRecordsResult;
import dev.runnel.client.model.GetShardIteratorRequest;
import dev.runnel.client.model.GetShardIteratorRequest.TypeEnum;
import dev.runnel.client.model.MergeShardsRequest;
import dev.runnel.client.model.Problem;
import dev.runnel.client.model.PutRecordRequest;
import dev.runnel.client.model.PutRecordResult;
import dev.runnel.client.model.PutRecordsRequest;
import dev.runnel.client.model.PutRecordsRequestEntry;
import dev.runnel.client.model.PutRecordsResult;
import dev.runnel.client.model.ShardDescription;
import dev.runnel.client.model.ShardList;
import dev.runnel.client.model.SplitShardRequest;
import dev.runnel.client.model.StreamDescription;
import dev.runnel.client.model.StreamInsights;
import dev.runnel.client.model.StreamList;
import dev.runnel.client.model.StreamRecord;
import dev.runnel.client.model.StreamSummary;
import dev.runnel.client.model.UpdateRetentionPeriodRequest;
import dev.runnel.client.model.UpdateShardCountRequest;
import dev.runnel.client.model.UpdateShardCountResult;
import dev.runnel.client.model.UpdateStreamModeRequest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The blog post's session through the Java client that the build generates from docs/openapi.json (OpenAPI
 * Generator, library "native"): typed requests and answers for every step, and typed errors.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "runnel.limits.enabled=false",
            "runnel.streams.create-delay=200ms",
            "runnel.streams.update-delay=100ms"
        })
@DirtiesContext
class GeneratedJavaClientIT {

    private static final String STREAM = "myKinesis";
    private static final String SHARD = "shardId-000000000000";

    @LocalServerPort
    int port;

    private ApiClient client;
    private StreamsApi streams;
    private RecordsApi records;
    private ShardIteratorsApi iterators;

    @BeforeEach
    void connect() {
        client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        // Any member an answer has but the contract does not name fails the test.
        client.getObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        streams = new StreamsApi(client);
        records = new RecordsApi(client);
        iterators = new ShardIteratorsApi(client);
    }

    @Test
    void replaysTheSeedSession() throws Exception {
        StreamDescription created = streams.createStream(
                new CreateStreamRequest().streamName(STREAM).shardCount(1));
        assertThat(created.getStatus()).isEqualTo(StreamDescription.StatusEnum.CREATING);
        awaitActive(STREAM);
        StreamDescription described = streams.describeStream(STREAM);
        assertThat(described.getShards()).singleElement().satisfies(shard -> {
            assertThat(shard.getShardId()).isEqualTo(SHARD);
            assertThat(shard.getHashKeyRange().getEndingHashKey()).isEqualTo("340282366920938463463374607431768211455");
        });

        List<String> sequenceNumbers = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            PutRecordResult put = records.putRecord(
                    STREAM, new PutRecordRequest().partitionKey("1").text("test" + i));
            assertThat(put.getShardId()).isEqualTo(SHARD);
            assertThat(put.getSequenceNumber()).matches("\\d{56}");
            sequenceNumbers.add(put.getSequenceNumber());
        }

        assertThat(texts(read(iterator(TypeEnum.TRIM_HORIZON, null, null))))
                .containsExactly("test1", "test2", "test3", "test4", "test5", "test6");
        assertThat(texts(read(iterator(TypeEnum.AT_SEQUENCE_NUMBER, sequenceNumbers.get(5), null))))
                .containsExactly("test6");
        assertThat(texts(read(iterator(TypeEnum.AFTER_SEQUENCE_NUMBER, sequenceNumbers.get(4), null))))
                .containsExactly("test6");
        assertThat(texts(read(iterator(TypeEnum.AFTER_SEQUENCE_NUMBER, sequenceNumbers.get(3), null))))
                .containsExactly("test5", "test6");

        String latest = iterator(TypeEnum.LATEST, null, null);
        assertThat(read(latest).getRecords()).isEmpty();
        records.putRecord(STREAM, new PutRecordRequest().partitionKey("1").text("test7"));
        Thread.sleep(20);
        PutRecordsResult batch = records.putRecords(
                STREAM,
                new PutRecordsRequest()
                        .addRecordsItem(
                                new PutRecordsRequestEntry().partitionKey("1").text("test8"))
                        .addRecordsItem(new PutRecordsRequestEntry()
                                .partitionKey("1")
                                .data(Base64.getEncoder().encodeToString("test9".getBytes(StandardCharsets.UTF_8)))));
        assertThat(batch.getFailedRecordCount()).isZero();
        assertThat(batch.getRecords())
                .hasSize(2)
                .allSatisfy(entry -> assertThat(entry.getShardId()).isEqualTo(SHARD));

        GetRecordsResult afterLatest = read(latest);
        assertThat(texts(afterLatest)).containsExactly("test7", "test8", "test9");
        OffsetDateTime test8Arrival = afterLatest.getRecords().get(1).getApproximateArrivalTimestamp();
        assertThat(texts(read(iterator(TypeEnum.AT_TIMESTAMP, null, test8Arrival))))
                .containsExactly("test8", "test9");
    }

    @Test
    void reportsTypedErrors() throws Exception {
        ApiException missing = catchThrowableOfType(ApiException.class, () -> streams.describeStream("noSuchStream"));
        assertThat(missing.getCode()).isEqualTo(404);
        Problem problem = problem(missing);
        assertThat(problem.getErrorType()).isEqualTo(Problem.ErrorTypeEnum.RESOURCE_NOT_FOUND_EXCEPTION);
        assertThat(problem.getDetail()).isEqualTo("Stream noSuchStream under account 000000000000 not found.");

        streams.createStream(new CreateStreamRequest().streamName("taken").shardCount(1));
        ApiException taken = catchThrowableOfType(
                ApiException.class,
                () -> streams.createStream(
                        new CreateStreamRequest().streamName("taken").shardCount(1)));
        assertThat(taken.getCode()).isEqualTo(409);
        assertThat(problem(taken).getErrorType()).isEqualTo(Problem.ErrorTypeEnum.RESOURCE_IN_USE_EXCEPTION);

        ApiException invalid = catchThrowableOfType(
                ApiException.class,
                () -> streams.createStream(new CreateStreamRequest()
                        .streamName("onDemand")
                        .shardCount(7)
                        .streamMode(CreateStreamRequest.StreamModeEnum.ON_DEMAND)));
        assertThat(problem(invalid).getErrorType()).isEqualTo(Problem.ErrorTypeEnum.INVALID_ARGUMENT_EXCEPTION);

        awaitActive("taken");
        ApiException badIterator = catchThrowableOfType(
                ApiException.class,
                () -> iterators.getShardIterator(new GetShardIteratorRequest()
                        .streamName("taken")
                        .shardId("shardId-000000000009")
                        .type(TypeEnum.TRIM_HORIZON)));
        assertThat(problem(badIterator).getErrorType()).isEqualTo(Problem.ErrorTypeEnum.RESOURCE_NOT_FOUND_EXCEPTION);

        ApiException noShard = catchThrowableOfType(
                ApiException.class,
                () -> new ShardsApi(client)
                        .splitShard("taken", "shardId-000000000000", new SplitShardRequest().newStartingHashKey("0")));
        assertThat(problem(noShard).getErrorType()).isEqualTo(Problem.ErrorTypeEnum.INVALID_ARGUMENT_EXCEPTION);
    }

    @Test
    void everyOperationAnswersWithItsDocumentedShape() throws Exception {
        ShardsApi shards = new ShardsApi(client);
        streams.createStream(new CreateStreamRequest()
                .streamName("shapes")
                .shardCount(2)
                .retentionPeriodHours(48)
                .putTagsItem("team", "data"));
        awaitActive("shapes");
        StreamList list = streams.listStreams(100, null);
        assertThat(list.getStreams()).extracting(StreamSummary::getStreamName).contains("shapes");
        assertThat(list.getHasMore()).isFalse();

        assertThat(streams.updateRetentionPeriod("shapes", new UpdateRetentionPeriodRequest().retentionPeriodHours(72))
                        .getRetentionPeriodHours())
                .isEqualTo(72);
        records.putRecord("shapes", new PutRecordRequest().partitionKey("1").text("x"));
        StreamInsights insights = new InsightsApi(client).getStreamInsights("shapes");
        assertThat(insights.getShards()).hasSize(2);

        StreamDescription split = shards.splitShard(
                "shapes",
                "shardId-000000000000",
                new SplitShardRequest().newStartingHashKey("85070591730234615865843651857942052864"));
        assertThat(split.getStatus()).isEqualTo(StreamDescription.StatusEnum.UPDATING);
        awaitActive("shapes");
        ShardList open = shards.listShards("shapes", "AT_LATEST", null, null);
        assertThat(open.getShards())
                .extracting(ShardDescription::getShardId)
                .containsExactly("shardId-000000000001", "shardId-000000000002", "shardId-000000000003");
        assertThat(shards.listShards("shapes", null, null, null)
                        .getShards()
                        .get(0)
                        .getClosedAt())
                .isNotNull();

        shards.mergeShards(
                "shapes",
                new MergeShardsRequest()
                        .shardToMerge("shardId-000000000002")
                        .adjacentShardToMerge("shardId-000000000003"));
        awaitActive("shapes");
        UpdateShardCountResult rescaled =
                shards.updateShardCount("shapes", new UpdateShardCountRequest().targetShardCount(4));
        assertThat(rescaled.getTargetShardCount()).isEqualTo(4);
        awaitActive("shapes");
        assertThat(shards.updateStreamMode(
                                "shapes",
                                new UpdateStreamModeRequest()
                                        .streamMode(UpdateStreamModeRequest.StreamModeEnum.ON_DEMAND))
                        .getStreamMode())
                .isEqualTo(StreamDescription.StreamModeEnum.ON_DEMAND);
        awaitActive("shapes");
        assertThat(streams.deleteStream("shapes").getStatus()).isEqualTo(StreamDescription.StatusEnum.DELETING);
    }

    private Problem problem(ApiException e) throws Exception {
        assertThat(e.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
        return client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
    }

    private void awaitActive(String name) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            if (streams.describeStream(name).getStatus() == StreamDescription.StatusEnum.ACTIVE) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " did not become ACTIVE");
    }

    private String iterator(TypeEnum type, String sequenceNumber, OffsetDateTime timestamp) throws Exception {
        return iterators
                .getShardIterator(new GetShardIteratorRequest()
                        .streamName(STREAM)
                        .shardId(SHARD)
                        .type(type)
                        .startingSequenceNumber(sequenceNumber)
                        .timestamp(timestamp))
                .getShardIterator();
    }

    private GetRecordsResult read(String shardIterator) throws Exception {
        GetRecordsResult page = records.getRecords(STREAM, shardIterator, null);
        assertThat(page.getNextShardIterator()).isNotEmpty();
        assertThat(page.getMillisBehindLatest()).isZero();
        return page;
    }

    private static List<String> texts(GetRecordsResult page) {
        return page.getRecords().stream()
                .map(StreamRecord::getData)
                .map(data -> new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8))
                .toList();
    }
}
