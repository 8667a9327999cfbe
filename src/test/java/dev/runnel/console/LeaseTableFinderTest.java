package dev.runnel.console;

import static dev.runnel.console.LeaseItems.lease;
import static dev.runnel.console.LeaseItems.leaseTable;
import static dev.runnel.console.LeaseItems.multiStreamLease;
import static dev.runnel.console.LeaseItems.put;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.stream.Stream;
import dev.runnel.leasestore.RegionTables;
import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.support.CannedStreams;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which lease tables of a region belong to a stream, over a real lease store's tables. */
class LeaseTableFinderTest {

    private static final String SHARD_0 = "shardId-000000000000";
    private static final String SHARD_1 = "shardId-000000000001";
    private static final String SHARD_2 = "shardId-000000000002";

    private final RegionTables tables = LeaseItems.region();
    private final Stream orders = CannedStreams.active("orders", 2);
    private final Stream clicks = CannedStreams.active("clicks", 4);

    private List<LeaseTableFinder.Match> find(Stream stream, Stream... live) {
        return LeaseTableFinder.find(tables, stream, List.of(live), CannedStreams.NOW);
    }

    private static List<String> names(List<LeaseTableFinder.Match> matches) {
        return matches.stream().map(LeaseTableFinder.Match::tableName).toList();
    }

    private static List<String> leaseKeys(LeaseTableFinder.Match match) {
        return match.leases().stream().map(KclLease::leaseKey).toList();
    }

    /** A single-stream application's table with a lease on each of these shards. */
    private void singleStreamTable(String name, String... shardIds) {
        leaseTable(tables, name);
        for (String shardId : shardIds) {
            put(tables, name, lease(shardId, "worker-1", 1, "TRIM_HORIZON"));
        }
    }

    @Test
    void aSingleStreamTableBelongsToTheStreamThatHasEveryShardItLeases() {
        singleStreamTable("orders-app", SHARD_1, SHARD_0);

        List<LeaseTableFinder.Match> found = find(orders, orders);

        assertThat(found).hasSize(1);
        LeaseTableFinder.Match match = found.get(0);
        assertThat(match.tableName()).isEqualTo("orders-app");
        assertThat(match.multiStream()).isFalse();
        assertThat(match.matchedByShardIds()).isFalse();
        assertThat(leaseKeys(match)).as("by shard id").containsExactly(SHARD_0, SHARD_1);
    }

    @Test
    void aTableLeasingAShardTheStreamLacksIsNotItsAndNeitherIsAnEmptyOne() {
        singleStreamTable("wide-app", SHARD_0, SHARD_1, SHARD_2);
        leaseTable(tables, "empty-app");
        assertThat(find(orders, orders, clicks)).isEmpty();
        assertThat(names(find(clicks, orders, clicks))).containsExactly("wide-app");
    }

    @Test
    void closedShardsCountAsTheStreamsUntilTheyExpire() {
        Stream split = CannedStreams.split(
                CannedStreams.active("single", 1),
                0,
                BigInteger.ONE.shiftLeft(127).toString());
        leaseTable(tables, "split-app");
        put(tables, "split-app", lease(SHARD_0, null, 9, "SHARD_END"));
        put(tables, "split-app", lease(SHARD_1, "w", 2, "TRIM_HORIZON"));
        put(tables, "split-app", lease(SHARD_2, "w", 2, "TRIM_HORIZON"));
        assertThat(names(find(split, split))).containsExactly("split-app");
    }

    @Test
    void tablesWithAnotherKeyAndItemsThatAreNotLeasesAreLeftOut() {
        LeaseItems.table(tables, "orders-app-WorkerMetricStats", "wid", "S");
        put(tables, "orders-app-WorkerMetricStats", java.util.Map.of("wid", AttributeValue.s(SHARD_0)));
        LeaseItems.table(tables, "orders-app-CoordinatorState", "key", "S");
        LeaseItems.table(tables, "numbered", "leaseKey", "N");
        put(tables, "numbered", java.util.Map.of("leaseKey", AttributeValue.n(0)));
        leaseTable(tables, "marked");
        put(tables, "marked", LeaseItems.with(lease(SHARD_0, null, 0, null), "entityType", AttributeValue.s("x")));
        assertThat(find(orders, orders)).isEmpty();

        put(tables, "marked", lease(SHARD_1, "w", 1, "LATEST"));
        List<LeaseTableFinder.Match> found = find(orders, orders);
        assertThat(names(found)).containsExactly("marked");
        assertThat(leaseKeys(found.get(0))).as("the marked item is no lease").containsExactly(SHARD_1);
    }

    @Test
    void aMultiStreamTableShowsOnlyTheStreamsOwnLeasesWhateverTheAccountAndEpoch() {
        leaseTable(tables, "fleet");
        put(tables, "fleet", multiStreamLease("123456789012:orders:1", SHARD_1, "w", 1, "LATEST"));
        put(tables, "fleet", multiStreamLease("000000000000:orders:1764150930", SHARD_0, "w", 1, "LATEST"));
        put(tables, "fleet", multiStreamLease("000000000000:clicks:1764150930", SHARD_0, "w", 1, "LATEST"));
        put(tables, "fleet", multiStreamLease("000000000000:clicks:1764150930", SHARD_2, "w", 1, "LATEST"));

        List<LeaseTableFinder.Match> forOrders = find(orders, orders, clicks);
        assertThat(forOrders).hasSize(1);
        assertThat(forOrders.get(0).multiStream()).isTrue();
        assertThat(forOrders.get(0).matchedByShardIds()).isFalse();
        assertThat(forOrders.get(0).leases()).extracting(KclLease::shardId).containsExactly(SHARD_0, SHARD_1);
        assertThat(find(clicks, orders, clicks).get(0).leases())
                .extracting(KclLease::leaseKey)
                .containsExactly(
                        "000000000000:clicks:1764150930:" + SHARD_0, "000000000000:clicks:1764150930:" + SHARD_2);
        assertThat(find(CannedStreams.active("other", 1))).isEmpty();
    }

    @Test
    void aTableEveryMatchingStreamCouldOwnShowsUnderEachWithANote() {
        singleStreamTable("app", SHARD_0, SHARD_1);
        for (Stream stream : List.of(orders, clicks)) {
            List<LeaseTableFinder.Match> found = find(stream, orders, clicks);
            assertThat(names(found)).as("under %s", stream.name()).containsExactly("app");
            assertThat(found.get(0).matchedByShardIds()).isTrue();
        }
    }

    @Test
    void theStreamWithAConsumerNamedLikeTheTableTakesIt() {
        singleStreamTable("app", SHARD_0, SHARD_1);
        Stream clicksWithApp = CannedStreams.withConsumers(clicks, CannedStreams.consumer("app"));

        assertThat(find(orders, orders, clicksWithApp)).isEmpty();
        List<LeaseTableFinder.Match> found = find(clicksWithApp, orders, clicksWithApp);
        assertThat(names(found)).containsExactly("app");
        assertThat(found.get(0).matchedByShardIds()).isFalse();
    }

    @Test
    void whenSeveralMatchingStreamsHaveSuchAConsumerEachShowsItWithTheNote() {
        singleStreamTable("app", SHARD_0);
        Stream ordersWithApp = CannedStreams.withConsumers(orders, CannedStreams.consumer("app"));
        Stream clicksWithApp = CannedStreams.withConsumers(clicks, CannedStreams.consumer("app"));
        Stream third = CannedStreams.active("third", 1);

        assertThat(find(third, ordersWithApp, clicksWithApp, third)).isEmpty();
        List<LeaseTableFinder.Match> found = find(ordersWithApp, ordersWithApp, clicksWithApp, third);
        assertThat(names(found)).containsExactly("app");
        assertThat(found.get(0).matchedByShardIds()).isTrue();
    }

    @Test
    void aConsumerThatFinishedDeregisteringDoesNotCount() {
        singleStreamTable("app", SHARD_0);
        Stream clicksOnceWithApp = CannedStreams.withConsumers(
                clicks, CannedStreams.consumer("app").deregistering(CannedStreams.NOW.minusSeconds(1), Duration.ZERO));
        List<LeaseTableFinder.Match> found = find(orders, orders, clicksOnceWithApp);
        assertThat(names(found)).containsExactly("app");
        assertThat(found.get(0).matchedByShardIds()).isTrue();
    }
}
