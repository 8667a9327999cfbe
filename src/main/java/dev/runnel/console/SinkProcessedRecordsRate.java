package dev.runnel.console;

import dev.runnel.metricsink.MetricFilter;
import dev.runnel.metricsink.MetricPoint;
import dev.runnel.metricsink.MetricSink;
import dev.runnel.streams.StreamService;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * An application's recent processed-records rate from the metrics it sent to Runnel's CloudWatch sink: KCL's
 * {@code RecordsProcessed} with {@code Operation=ProcessTask}, in the namespace named after the application,
 * summed over the last minute. Unknown (null) when the application sent none in that minute — it may publish
 * no metrics at all ({@code MetricsLevel.NONE}) or buffer them (KCL flushes every 10 s by default).
 */
@Component
class SinkProcessedRecordsRate implements ProcessedRecordsRate {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final MetricSink sink;
    private final StreamService streams;

    SinkProcessedRecordsRate(MetricSink sink, StreamService streams) {
        this.sink = sink;
        this.streams = streams;
    }

    @Override
    public Double recordsPerSecond(String applicationName, String streamName) {
        MetricFilter processed = MetricFilter.metric("RecordsProcessed").withDimension("Operation", "ProcessTask");
        List<MetricPoint> points = sink.points(
                streams.region(), applicationName, processed, streams.now().minus(WINDOW));
        if (points.isEmpty()) {
            return null;
        }
        double records = 0;
        for (MetricPoint point : points) {
            records += point.value().sum();
        }
        return records / WINDOW.toSeconds();
    }
}
