package dev.runnel.metricsink;

import java.time.Instant;
import java.util.Map;

/**
 * A data point the {@link MetricSink} keeps: one value (or statistic set) of one metric. Points of the same series
 * (namespace, metric name, dimensions and unit) share those members' instances.
 *
 * @param namespace the namespace the client put it in (KCL: the application name)
 * @param metricName the metric's name ({@code RecordsProcessed}, {@code MillisBehindLatest}, …)
 * @param dimensions the dimensions, name to value, in the order the client sent them; unmodifiable
 * @param timestamp when the value was observed: the datum's {@code Timestamp}, or {@code arrival} when it had none
 * @param arrival when Runnel received it; the sink drops it {@code runnel.kcl.metrics-window} later
 * @param unit the CloudWatch unit name ({@code None} when the client named none)
 * @param value the value with its count, or the statistic set
 */
public record MetricPoint(
        String namespace,
        String metricName,
        Map<String, String> dimensions,
        Instant timestamp,
        Instant arrival,
        String unit,
        MetricValue value) {}
