package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.StreamName;
import dev.runnel.insight.ShardTraffic;
import dev.runnel.insight.TrafficMeter;
import dev.runnel.regions.Regions;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Kinesis's per-shard limits, on by default, as the AWS SDK meets them: an error it retries. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runnel.streams.create-delay=0")
@DirtiesContext
class AwsSdkThrottlingIT {

    @LocalServerPort
    int port;

    @Autowired
    TrafficMeter traffic;

    @Autowired
    Regions regions;

    private KinesisClient client(boolean retries) {
        KinesisClientBuilder builder = KinesisClient.builder()
                .endpointOverride(URI.create("http://localhost:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (!retries) {
            builder.overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        }
        return builder.build();
    }

    @Test
    void aSixthReadInOneSecondIsThrottledAndTheSdkRetriesIt() {
        try (KinesisClient strict = client(false);
                KinesisClient retrying = client(true)) {
            strict.createStream(r -> r.streamName("limited").shardCount(1));
            assertThat(strict.describeStreamSummary(r -> r.streamName("limited"))
                            .streamDescriptionSummary()
                            .streamStatus())
                    .isEqualTo(StreamStatus.ACTIVE);
            String iterator = strict.getShardIterator(r -> r.streamName("limited")
                            .shardId("shardId-000000000000")
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();

            boolean throttled = false;
            for (int call = 0; call < 20 && !throttled; call++) {
                try {
                    strict.getRecords(r -> r.shardIterator(iterator));
                } catch (ProvisionedThroughputExceededException e) {
                    throttled = true;
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Rate exceeded for shard "
                                    + "shardId-000000000000 in stream limited under account 000000000000.");
                    assertThat(call).as("at least five calls pass first").isGreaterThanOrEqualTo(5);
                }
            }
            assertThat(throttled).as("a burst of reads is throttled").isTrue();

            for (int call = 0; call < 12; call++) {
                assertThat(retrying.getRecords(r -> r.shardIterator(iterator)).records())
                        .isEmpty();
            }
            long incarnation = regions.defaultRegion()
                    .streams()
                    .describe(new StreamName("limited"))
                    .incarnation();
            long throttles = traffic.shard(incarnation, new ShardId(0))
                    .sum(Instant.now().getEpochSecond() + 1, 59, ShardTraffic.Measure.READ_THROTTLES);
            assertThat(throttles).as("the retried calls were throttled first").isGreaterThan(1);
        }
    }

    @Test
    void writesOverAThousandRecordsASecondFailPerEntry() {
        try (KinesisClient strict = client(false)) {
            strict.createStream(r -> r.streamName("busy").shardCount(1));
            int failed = 0;
            for (int batch = 0; batch < 4; batch++) {
                failed += strict.putRecords(r -> r.streamName("busy")
                                .records(java.util.stream.IntStream.range(0, 500)
                                        .mapToObj(i ->
                                                software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry
                                                        .builder()
                                                        .partitionKey("k" + i)
                                                        .data(software.amazon.awssdk.core.SdkBytes.fromUtf8String("x"))
                                                        .build())
                                        .toList()))
                        .failedRecordCount();
            }
            assertThat(failed)
                    .as("2,000 records in well under a second: about half fail")
                    .isBetween(500, 1000);
        }
    }
}
