package dev.runnel.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AwsRequestMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AwsRequestMetrics metrics = new AwsRequestMetrics(registry);

    @Test
    void theOperationTagIsAKinesisOperationOrUnknownNeverWhatAClientMadeUp() {
        assertThat(metrics.of("Kinesis_20131202.PutRecord").name()).isEqualTo("PutRecord");
        assertThat(metrics.of("Kinesis_20131202.PutResourcePolicy").name())
                .as("another Kinesis operation")
                .isEqualTo("PutResourcePolicy");
        for (String target : new String[] {
            null,
            "",
            "Kinesis_20131202.",
            "Kinesis_20131202.FlyToTheMoon",
            "Kinesis_20131202.putRecord",
            "DynamoDB_20120810.PutItem",
            "PutRecord"
        }) {
            assertThat(metrics.of(target).name()).as("%s", target).isEqualTo(AwsRequestMetrics.UNKNOWN);
        }
    }

    @Test
    void eachCallIsTimedUnderItsOperationOutcomeAndProtocol() {
        metrics.of("Kinesis_20131202.PutRecord").record(AwsProtocol.CBOR, AwsRequestMetrics.SUCCESS, 2_000_000);
        metrics.of("Kinesis_20131202.PutRecord").record(AwsProtocol.CBOR, AwsRequestMetrics.SUCCESS, 4_000_000);
        metrics.of("Kinesis_20131202.PutRecord")
                .record(AwsProtocol.CBOR, "ProvisionedThroughputExceededException", 1_000_000);
        metrics.of("Kinesis_20131202.PutRecord").record(AwsProtocol.JSON, AwsRequestMetrics.SUCCESS, 1_000_000);

        Timer cborSuccess = timer("PutRecord", AwsRequestMetrics.SUCCESS, "cbor");
        assertThat(cborSuccess.count()).isEqualTo(2);
        assertThat(cborSuccess.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(6.0);
        assertThat(cborSuccess.getId().getDescription()).isNotBlank();
        assertThat(timer("PutRecord", "ProvisionedThroughputExceededException", "cbor")
                        .count())
                .isEqualTo(1);
        assertThat(timer("PutRecord", AwsRequestMetrics.SUCCESS, "json").count())
                .isEqualTo(1);
        assertThat(registry.find(AwsRequestMetrics.NAME).timers()).hasSize(3);
    }

    @Test
    void manyMadeUpTargetsShareOneSeries() {
        for (int i = 0; i < 1_000; i++) {
            metrics.of("Kinesis_20131202.Op" + i).record(AwsProtocol.JSON, "UnknownOperationException", 1_000);
        }
        assertThat(registry.find(AwsRequestMetrics.NAME).timers()).hasSize(1);
        assertThat(timer(AwsRequestMetrics.UNKNOWN, "UnknownOperationException", "json")
                        .count())
                .isEqualTo(1_000);
    }

    private Timer timer(String operation, String outcome, String protocol) {
        return registry.get(AwsRequestMetrics.NAME)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .tag("protocol", protocol)
                .timer();
    }
}
