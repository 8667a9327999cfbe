package dev.runnel.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.runnel.metricsink.MetricDatum;
import dev.runnel.metricsink.MetricSink;
import dev.runnel.metricsink.MetricValue;
import dev.runnel.streams.StreamService;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkProcessedRecordsRateTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private final MetricSink sink = new MetricSink(InstantSource.fixed(NOW), Duration.ofMinutes(15), 1000);
    private final StreamService streams = mock(StreamService.class);
    private final SinkProcessedRecordsRate rate = new SinkProcessedRecordsRate(sink, streams);

    private void processed(String shard, double records, Instant at) {
        sink.put(
                "us-east-1",
                "orders-app",
                List.of(new MetricDatum(
                        "RecordsProcessed",
                        Map.of("Operation", "ProcessTask", "ShardId", shard),
                        at,
                        "Count",
                        List.of(new MetricValue.Statistics(1, records, records, records)))));
    }

    @Test
    void theRateIsTheLastMinutesRecordsProcessedPerSecond() {
        when(streams.region()).thenReturn("us-east-1");
        when(streams.now()).thenReturn(NOW);
        processed("shardId-000000000000", 600, NOW.minusSeconds(30));
        processed("shardId-000000000001", 600, NOW.minusSeconds(10));
        processed("shardId-000000000001", 9_999, NOW.minusSeconds(300));
        assertThat(rate.recordsPerSecond("orders-app", "orders")).isEqualTo(20.0);
    }

    @Test
    void anApplicationThatSentNothingRecentlyHasNoRate() {
        when(streams.region()).thenReturn("us-east-1");
        when(streams.now()).thenReturn(NOW);
        assertThat(rate.recordsPerSecond("orders-app", "orders")).isNull();
        processed("shardId-000000000000", 600, NOW.minusSeconds(120));
        assertThat(rate.recordsPerSecond("orders-app", "orders")).isNull();
    }
}
