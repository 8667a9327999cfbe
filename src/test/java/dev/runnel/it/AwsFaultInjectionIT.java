package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;

/** Faults configured under runnel.faults.* reach an AWS SDK client as the errors it must handle. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "runnel.streams.create-delay=0",
            "runnel.faults.enabled=true",
            "runnel.faults.rules[0].operation=PutRecord",
            "runnel.faults.rules[0].stream=flaky",
            "runnel.faults.rules[0].error=ProvisionedThroughputExceededException",
            "runnel.faults.rules[1].operation=DescribeStreamSummary",
            "runnel.faults.rules[1].stream=flaky",
            "runnel.faults.rules[1].error=ServiceUnavailable"
        })
@DirtiesContext
class AwsFaultInjectionIT {

    @LocalServerPort
    int port;

    @Test
    void matchingCallsFailAsConfiguredAndOthersPass() {
        try (KinesisClient kinesis = KinesisClient.builder()
                .endpointOverride(URI.create("http://localhost:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            kinesis.createStream(r -> r.streamName("flaky").shardCount(1));
            kinesis.createStream(r -> r.streamName("steady").shardCount(1));

            assertThatThrownBy(() -> kinesis.putRecord(
                            r -> r.streamName("flaky").partitionKey("k").data(SdkBytes.fromUtf8String("x"))))
                    .isInstanceOf(ProvisionedThroughputExceededException.class)
                    .hasMessageContaining("injected fault for PutRecord on stream flaky");
            assertThat(kinesis.putRecord(r ->
                                    r.streamName("steady").partitionKey("k").data(SdkBytes.fromUtf8String("x")))
                            .sequenceNumber())
                    .isNotEmpty();

            assertThatThrownBy(() -> kinesis.describeStreamSummary(r -> r.streamName("flaky")))
                    .isInstanceOfSatisfying(KinesisException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                    });
            assertThat(kinesis.describeStreamSummary(r -> r.streamName("steady"))
                            .streamDescriptionSummary()
                            .streamName())
                    .isEqualTo("steady");
        }
    }
}
