package dev.runnel.metricsink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.settings.Kcl;
import dev.runnel.support.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MetricSinkTest {

    private static final String REGION = "us-east-1";
    private static final String APP = "my-kcl-app";

    private final ManualClock clock = new ManualClock();
    private final MetricSink sink = new MetricSink(clock, Duration.ofMinutes(15), 100);

    private static MetricDatum processed(String shard, double records) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("Operation", "ProcessTask");
        dimensions.put("ShardId", shard);
        return new MetricDatum(
                "RecordsProcessed",
                dimensions,
                null,
                "Count",
                List.of(new MetricValue.Statistics(1, records, records, records)));
    }

    private static MetricDatum single(String name, double value) {
        return new MetricDatum(name, Map.of(), null, "None", List.of(new MetricValue.Single(value, 1)));
    }

    @Test
    void keepsWhatWasPutWithArrivalTimeAsTimestampWhenTheDatumHasNone() {
        sink.put(REGION, APP, List.of(processed("shardId-000000000000", 10)));

        List<MetricPoint> points = sink.points(REGION, APP, MetricFilter.all(), Instant.EPOCH);

        assertThat(points).hasSize(1);
        MetricPoint point = points.get(0);
        assertThat(point.namespace()).isEqualTo(APP);
        assertThat(point.metricName()).isEqualTo("RecordsProcessed");
        assertThat(point.dimensions())
                .containsExactly(Map.entry("Operation", "ProcessTask"), Map.entry("ShardId", "shardId-000000000000"));
        assertThat(point.timestamp()).isEqualTo(clock.instant());
        assertThat(point.arrival()).isEqualTo(clock.instant());
        assertThat(point.unit()).isEqualTo("Count");
        assertThat(point.value()).isEqualTo(new MetricValue.Statistics(1, 10, 10, 10));
    }

    @Test
    void aDatumWithATimestampKeepsIt() {
        Instant observed = clock.instant().minusSeconds(90);
        sink.put(
                REGION,
                APP,
                List.of(new MetricDatum(
                        "Latency", Map.of(), observed, "Milliseconds", List.of(new MetricValue.Single(3, 1)))));

        assertThat(sink.points(REGION, APP, MetricFilter.all(), Instant.EPOCH))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.timestamp()).isEqualTo(observed);
                    assertThat(p.arrival()).isEqualTo(clock.instant());
                });
    }

    @Test
    void valuesWithCountsBecomeOnePointEach() {
        sink.put(
                REGION,
                APP,
                List.of(new MetricDatum(
                        "Size",
                        Map.of(),
                        null,
                        "Bytes",
                        List.of(new MetricValue.Single(10, 2), new MetricValue.Single(20, 3)))));

        assertThat(sink.points(REGION, APP, MetricFilter.all(), Instant.EPOCH))
                .extracting(MetricPoint::value)
                .containsExactly(new MetricValue.Single(10, 2), new MetricValue.Single(20, 3));
        assertThat(sink.sum(REGION, APP, "Size", Map.of(), Duration.ofMinutes(1)))
                .isEqualTo(80);
    }

    @Test
    void dropsPointsOnceTheWindowHasPassedSinceTheyArrived() {
        sink.put(REGION, APP, List.of(single("A", 1)));
        clock.advance(Duration.ofMinutes(10));
        sink.put(REGION, APP, List.of(single("B", 2)));

        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(sink.points(REGION, APP, MetricFilter.all(), Instant.EPOCH))
                .extracting(MetricPoint::metricName)
                .containsExactly("A", "B");

        clock.advanceMillis(1);
        assertThat(sink.points(REGION, APP, MetricFilter.all(), Instant.EPOCH))
                .extracting(MetricPoint::metricName)
                .containsExactly("B");

        clock.advance(Duration.ofMinutes(10));
        assertThat(sink.points(REGION, APP, MetricFilter.all(), Instant.EPOCH)).isEmpty();
        assertThat(sink.namespaces(REGION)).isEmpty();
    }

    @Test
    void keepsAtMostTheBoundForAllRegionsTogetherDroppingTheFullestRegionsOldestFirst() {
        for (int i = 0; i < 150; i++) {
            sink.put(REGION, APP, List.of(single("M" + i, i)));
        }
        sink.put("eu-west-1", APP, List.of(single("Other", 1)));

        List<MetricPoint> kept = sink.points(REGION, APP, MetricFilter.all(), Instant.EPOCH);
        assertThat(kept).hasSize(99);
        assertThat(kept.get(0).metricName()).isEqualTo("M51");
        assertThat(kept.get(98).metricName()).isEqualTo("M149");
        assertThat(sink.points("eu-west-1", APP, MetricFilter.all(), Instant.EPOCH))
                .hasSize(1);
        for (int i = 0; i < 60; i++) {
            sink.put("ap-south-1", APP, List.of(single("Far" + i, i)));
        }
        int total = 0;
        for (String region : List.of(REGION, "eu-west-1", "ap-south-1")) {
            total += sink.points(region, APP, MetricFilter.all(), Instant.EPOCH).size();
        }
        assertThat(total).as("a client signing for many regions gets no more").isEqualTo(100);
        assertThat(sink.points("ap-south-1", APP, MetricFilter.all(), Instant.EPOCH))
                .as("the fullest region gives way, so the regions end up level")
                .hasSize(49);
        assertThat(sink.points(REGION, APP, MetricFilter.all(), Instant.EPOCH)).hasSize(50);
    }

    @Test
    void oneCallLargerThanTheBoundKeepsItsNewestPoints() {
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            data.add(single("M" + i, i));
        }
        sink.put(REGION, APP, data);

        List<MetricPoint> kept = sink.points(REGION, APP, MetricFilter.all(), Instant.EPOCH);
        assertThat(kept).hasSize(100);
        assertThat(kept.get(0).metricName()).isEqualTo("M30");
    }

    @Test
    void pointsOfOneSeriesShareTheirNamesAndDimensions() {
        sink.put(REGION, APP, List.of(processed("shardId-000000000000", 1)));
        sink.put(REGION, new String(APP), List.of(processed(new String("shardId-000000000000"), 2)));

        List<MetricPoint> points = sink.points(REGION, APP, MetricFilter.all(), Instant.EPOCH);
        assertThat(points).hasSize(2);
        assertThat(points.get(1).namespace()).isSameAs(points.get(0).namespace());
        assertThat(points.get(1).dimensions()).isSameAs(points.get(0).dimensions());
    }

    @Test
    void listsTheNamespacesOfARegionSorted() {
        sink.put(REGION, "zeta", List.of(single("A", 1)));
        sink.put(REGION, "alpha", List.of(single("A", 1)));
        sink.put("eu-west-1", "other", List.of(single("A", 1)));

        assertThat(sink.namespaces(REGION)).containsExactly("alpha", "zeta");
        assertThat(sink.namespaces("ap-south-1")).isEmpty();
    }

    @Test
    void filtersByMetricDimensionAndTimestamp() {
        sink.put(REGION, APP, List.of(processed("shardId-000000000000", 1), processed("shardId-000000000001", 2)));
        sink.put(REGION, "other-app", List.of(processed("shardId-000000000000", 3)));
        sink.put(REGION, APP, List.of(single("MillisBehindLatest", 7)));
        Instant later = clock.advance(Duration.ofMinutes(1));
        sink.put(REGION, APP, List.of(processed("shardId-000000000000", 4)));

        assertThat(sink.points(REGION, APP, MetricFilter.metric("RecordsProcessed"), Instant.EPOCH))
                .hasSize(3);
        assertThat(sink.points(
                        REGION,
                        APP,
                        MetricFilter.metric("RecordsProcessed").withDimension("ShardId", "shardId-000000000000"),
                        Instant.EPOCH))
                .extracting(p -> p.value().sum())
                .containsExactly(1.0, 4.0);
        assertThat(sink.points(REGION, APP, MetricFilter.all().withDimension("ShardId", null), Instant.EPOCH))
                .hasSize(3);
        assertThat(sink.points(REGION, APP, MetricFilter.all(), later))
                .extracting(p -> p.value().sum())
                .containsExactly(4.0);
        assertThat(sink.points(REGION, "nobody", MetricFilter.all(), Instant.EPOCH))
                .isEmpty();
    }

    @Test
    void sumsAMetricOverTheWindowWhoseDimensionsIncludeTheFilter() {
        sink.put(REGION, APP, List.of(processed("shardId-000000000000", 5), processed("shardId-000000000001", 7)));
        clock.advance(Duration.ofMinutes(3));
        sink.put(REGION, APP, List.of(processed("shardId-000000000000", 11)));

        assertThat(sink.sum(REGION, APP, "RecordsProcessed", Map.of("Operation", "ProcessTask"), Duration.ofMinutes(5)))
                .isEqualTo(23);
        assertThat(sink.sum(
                        REGION,
                        APP,
                        "RecordsProcessed",
                        Map.of("ShardId", "shardId-000000000000"),
                        Duration.ofMinutes(5)))
                .isEqualTo(16);
        assertThat(sink.sum(REGION, APP, "RecordsProcessed", Map.of(), Duration.ofMinutes(1)))
                .isEqualTo(11);
        assertThat(sink.sum(REGION, APP, "RecordsProcessed", Map.of("Operation", "Other"), Duration.ofMinutes(5)))
                .isZero();
        assertThat(sink.sum("eu-west-1", APP, "RecordsProcessed", Map.of(), Duration.ofMinutes(5)))
                .isZero();
    }

    @Test
    void takesItsBoundsFromTheKclSettings() {
        MetricSink fromSettings =
                MetricSink.of(new Kcl(true, 1, Kcl.DEFAULTS.maxStoredBytes(), Duration.ofSeconds(30), 2), clock);
        fromSettings.put(REGION, APP, List.of(single("A", 1), single("B", 1), single("C", 1)));
        assertThat(fromSettings.points(REGION, APP, MetricFilter.all(), Instant.EPOCH))
                .extracting(MetricPoint::metricName)
                .containsExactly("B", "C");
        clock.advance(Duration.ofSeconds(30));
        assertThat(fromSettings.points(REGION, APP, MetricFilter.all(), Instant.EPOCH))
                .isEmpty();
    }

    @Test
    void refusesImpossibleSettingsAndValues() {
        assertThatThrownBy(() -> new MetricSink(clock, Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricSink(clock, Duration.ofMinutes(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricValue.Single(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricValue.Single(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricValue.Statistics(1, Double.POSITIVE_INFINITY, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricDatum("A", Map.of(), null, "None", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricFilter(null, null, "value")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writersAndReadersOfOneRegionRunConcurrentlyWithinTheBound() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int writer = t;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        sink.put(REGION, APP, List.of(single("W" + writer, 1)));
                        assertThat(sink.points(REGION, APP, MetricFilter.all(), Instant.EPOCH)
                                        .size())
                                .isLessThanOrEqualTo(100);
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sink.points(REGION, APP, MetricFilter.all(), Instant.EPOCH)).hasSize(100);
        assertThat(sink.sum(REGION, APP, "W0", Map.of(), Duration.ofMinutes(1))
                        + sink.sum(REGION, APP, "W1", Map.of(), Duration.ofMinutes(1))
                        + sink.sum(REGION, APP, "W2", Map.of(), Duration.ofMinutes(1))
                        + sink.sum(REGION, APP, "W3", Map.of(), Duration.ofMinutes(1)))
                .isEqualTo(100);
    }
}
