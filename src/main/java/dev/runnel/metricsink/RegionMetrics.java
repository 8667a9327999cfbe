package dev.runnel.metricsink;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The points of one region, in arrival order, with the series they belong to. Each series (namespace, metric name,
 * dimensions, unit) is kept once and shared by its points, and forgotten with its last point, so memory follows the
 * points held, not what clients sent over time. Not thread-safe: {@link MetricSink} locks it.
 */
final class RegionMetrics {

    private final ArrayDeque<MetricPoint> points = new ArrayDeque<>();
    private final Map<SeriesKey, Series> series = new HashMap<>();
    private final int maxPoints;

    RegionMetrics(int maxPoints) {
        this.maxPoints = maxPoints;
    }

    /** Appends the datum's points, then drops the oldest beyond the bound. */
    void add(String namespace, MetricDatum datum, Instant arrival) {
        Series shared = intern(namespace, datum);
        Instant timestamp = datum.timestamp() == null ? arrival : datum.timestamp();
        for (MetricValue value : datum.values()) {
            points.addLast(new MetricPoint(
                    shared.namespace, shared.metricName, shared.dimensions, timestamp, arrival, shared.unit, value));
            shared.points++;
        }
        while (points.size() > maxPoints) {
            dropOldest();
        }
    }

    /** Drops the points that arrived at or before {@code cutoff}. */
    void expire(Instant cutoff) {
        while (!points.isEmpty() && !points.peekFirst().arrival().isAfter(cutoff)) {
            dropOldest();
        }
    }

    Set<String> namespaces() {
        Set<String> names = new TreeSet<>();
        for (SeriesKey key : series.keySet()) {
            names.add(key.namespace());
        }
        return names;
    }

    List<MetricPoint> select(Predicate<MetricPoint> wanted) {
        List<MetricPoint> selected = new ArrayList<>();
        for (MetricPoint point : points) {
            if (wanted.test(point)) {
                selected.add(point);
            }
        }
        return selected;
    }

    double sum(Predicate<MetricPoint> wanted) {
        double sum = 0;
        for (MetricPoint point : points) {
            if (wanted.test(point)) {
                sum += point.value().sum();
            }
        }
        return sum;
    }

    int size() {
        return points.size();
    }

    /** Drops up to {@code count} of the oldest points; returns how many it dropped. */
    int dropOldest(int count) {
        int dropped = 0;
        while (dropped < count && !points.isEmpty()) {
            dropOldest();
            dropped++;
        }
        return dropped;
    }

    private void dropOldest() {
        MetricPoint oldest = points.removeFirst();
        SeriesKey key = SeriesKey.of(oldest.namespace(), oldest.metricName(), oldest.dimensions(), oldest.unit());
        Series owner = series.get(key);
        if (owner != null && --owner.points == 0) {
            series.remove(key);
        }
    }

    private Series intern(String namespace, MetricDatum datum) {
        SeriesKey key = SeriesKey.of(namespace, datum.metricName(), datum.dimensions(), datum.unit());
        return series.computeIfAbsent(
                key, k -> new Series(namespace, datum.metricName(), datum.dimensions(), datum.unit()));
    }

    /**
     * A series' identity. Dimensions count in the order they were sent, so that a point reads back as it was
     * written.
     */
    private record SeriesKey(
            String namespace, String metricName, List<Map.Entry<String, String>> dimensions, String unit) {

        static SeriesKey of(String namespace, String metricName, Map<String, String> dimensions, String unit) {
            return new SeriesKey(namespace, metricName, List.copyOf(dimensions.entrySet()), unit);
        }
    }

    /** The shared members of a series' points, and how many points hold them. */
    private static final class Series {
        final String namespace;
        final String metricName;
        final Map<String, String> dimensions;
        final String unit;
        long points;

        Series(String namespace, String metricName, Map<String, String> dimensions, String unit) {
            this.namespace = namespace;
            this.metricName = metricName;
            this.dimensions = dimensions;
            this.unit = unit;
        }
    }
}
