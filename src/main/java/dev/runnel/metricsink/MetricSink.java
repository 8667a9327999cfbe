package dev.runnel.metricsink;

import dev.runnel.settings.Kcl;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The metric data points clients sent with CloudWatch's PutMetricData (KCL publishes its per-shard and per-worker
 * metrics that way), kept per region for a while so that they can be shown: no aggregation, no alarms, no
 * GetMetricData.
 *
 * <p><b>Bounds.</b> A point is kept for {@code window} after it arrived ({@code runnel.kcl.metrics-window}: it is
 * gone once its arrival plus the window is not after now), and the sink keeps at most {@code maxPoints} points,
 * all regions together ({@code runnel.kcl.max-metric-points}; a client signing for many regions gets no more):
 * beyond either, the oldest arrivals are dropped first (beyond the count, from the region that holds the most). Points of one
 * series share their namespace, name, dimensions and unit, so a point costs about a hundred bytes plus its series'
 * text the first time; the edge bounds that text (names of at most 255 characters, at most 30 dimensions with values
 * of at most 1024). Expired points are dropped whenever the region is written or read, and are never returned.
 *
 * <p><b>Time.</b> Arrival times come from the injected clock. Queries select by a point's {@code timestamp} (the
 * time the client gave the datum, or its arrival), which may lie in the past or, by up to what the edge accepts,
 * in the future.
 *
 * <p><b>Regions</b> are names the caller has already checked (the edge takes them from the call's signature through
 * the served regions), so their number is bounded; each gets its store on first use.
 *
 * <p>Thread-safe: each region's store is locked for the length of one call, and writes take the sink's lock too
 * (before a region's), so that the bound holds for all regions; reads of different regions do not contend.
 */
public final class MetricSink {

    private final InstantSource clock;
    private final Duration window;
    private final int maxPoints;
    private final Map<String, RegionMetrics> regions = new ConcurrentHashMap<>();

    /**
     * @param window how long a point is kept after it arrived; positive
     * @param maxPoints the most points the sink keeps, all regions together; positive
     */
    public MetricSink(InstantSource clock, Duration window, int maxPoints) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be positive: " + maxPoints);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = window;
        this.maxPoints = maxPoints;
    }

    /** A sink with the window and bound of the {@code runnel.kcl.*} settings. */
    public static MetricSink of(Kcl settings, InstantSource clock) {
        return new MetricSink(clock, settings.metricsWindow(), settings.maxMetricPoints());
    }

    /**
     * Stores one point per value of each datum, in order, all with the same arrival time (now); a datum without a
     * timestamp is stamped with it. When the sink then holds more than its bound, the oldest points of the region
     * that holds the most go, which may include the first points of this call.
     *
     * @param namespace the namespace of the call, not null
     */
    public void put(String region, String namespace, List<MetricDatum> data) {
        Objects.requireNonNull(namespace, "namespace");
        Instant now = clock.instant();
        RegionMetrics metrics = regions.computeIfAbsent(region, r -> new RegionMetrics(maxPoints));
        synchronized (this) {
            synchronized (metrics) {
                metrics.expire(now.minus(window));
                for (MetricDatum datum : data) {
                    metrics.add(namespace, datum, now);
                }
            }
            keepWithinBound();
        }
    }

    /** Drops the oldest points of the fullest region until all regions together hold at most the bound. */
    private void keepWithinBound() {
        while (true) {
            int total = 0;
            RegionMetrics fullest = null;
            int most = 0;
            for (RegionMetrics metrics : regions.values()) {
                int size;
                synchronized (metrics) {
                    size = metrics.size();
                }
                total += size;
                if (size > most) {
                    most = size;
                    fullest = metrics;
                }
            }
            if (total <= maxPoints || fullest == null) {
                return;
            }
            synchronized (fullest) {
                fullest.dropOldest(total - maxPoints);
            }
        }
    }

    /** The namespaces that have points in the region now, sorted; empty for a region never written. */
    public Set<String> namespaces(String region) {
        return read(region, Set.of(), RegionMetrics::namespaces);
    }

    /**
     * The points of a namespace that the filter selects and whose timestamp is at or after {@code since}, in
     * arrival order (within one call: the order of the call's data and values).
     */
    public List<MetricPoint> points(String region, String namespace, MetricFilter filter, Instant since) {
        Predicate<MetricPoint> wanted = p -> p.namespace().equals(namespace)
                && filter.matches(p)
                && !p.timestamp().isBefore(since);
        return read(region, List.of(), metrics -> metrics.select(wanted));
    }

    /**
     * The Sum statistic of one metric over the last {@code window}: the sum of {@link MetricValue#sum()} over the
     * metric's points whose timestamp is at or after now minus {@code window} and whose dimensions include every
     * entry of {@code dimensionFilter} (they may have more). For KCL's {@code RecordsProcessed} with {@code
     * Operation=ProcessTask} that is the records the application processed in that time. 0 when no point matches.
     *
     * @param dimensionFilter dimensions the points must have, name to value; empty for all points of the metric
     * @param window how far back from now; at most the sink's own window is kept
     */
    public double sum(
            String region, String namespace, String metricName, Map<String, String> dimensionFilter, Duration window) {
        Instant since = clock.instant().minus(window);
        Predicate<MetricPoint> wanted = p -> p.namespace().equals(namespace)
                && p.metricName().equals(metricName)
                && !p.timestamp().isBefore(since)
                && hasAll(p.dimensions(), dimensionFilter);
        return read(region, 0.0, metrics -> metrics.sum(wanted));
    }

    /** What {@code query} finds in the region's store once expired points are dropped; {@code empty} for none. */
    private <T> T read(String region, T empty, Function<RegionMetrics, T> query) {
        RegionMetrics metrics = regions.get(region);
        if (metrics == null) {
            return empty;
        }
        synchronized (metrics) {
            metrics.expire(clock.instant().minus(window));
            return query.apply(metrics);
        }
    }

    private static boolean hasAll(Map<String, String> dimensions, Map<String, String> wanted) {
        for (Map.Entry<String, String> entry : wanted.entrySet()) {
            if (!entry.getValue().equals(dimensions.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
