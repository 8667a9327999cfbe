package dev.runnel.metricsink;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One datum of a PutMetricData call, as the edge checked it: what {@link MetricSink#put} stores as one data point
 * per entry of {@code values}.
 *
 * @param metricName the metric's name, not null
 * @param dimensions the dimensions, name to value, in the order the client sent them; copied, so later changes to
 *     the argument are not seen
 * @param timestamp when the values were observed, or null for "when Runnel received them"
 * @param unit the CloudWatch unit name ({@code Count}, {@code Milliseconds}, …; {@code None} when the client named
 *     none), not null
 * @param values one value, the entries of {@code Values} with their counts, or one statistic set; at least one
 */
public record MetricDatum(
        String metricName, Map<String, String> dimensions, Instant timestamp, String unit, List<MetricValue> values) {

    public MetricDatum {
        Objects.requireNonNull(metricName, "metricName");
        Objects.requireNonNull(unit, "unit");
        dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a datum needs at least one value");
        }
    }
}
