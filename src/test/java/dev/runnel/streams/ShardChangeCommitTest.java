package dev.runnel.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InternalFailureException;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Resharding;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.storage.ShardLogStore;
import dev.runnel.storage.memory.InMemoryShardLogStore;
import dev.runnel.storage.memory.InMemoryStreamCatalog;
import dev.runnel.support.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recovery rule's grace on a store that several nodes share (the single-process rule is in ReshardingServiceTest). */
class ShardChangeCommitTest {

    private static final Duration GRACE = Duration.ofMinutes(1);
    private static final List<ShardId> BOTH = List.of(new ShardId(0), new ShardId(1));

    private final ManualClock clock = new ManualClock();
    private final InMemoryStreamCatalog catalog = new InMemoryStreamCatalog();
    private final ShardLogStore logs = new InMemoryShardLogStore(1 << 20, 1 << 16, 1024);
    private final StreamLookup lookup = new StreamLookup(catalog, logs, "123456789012");
    private final ShardChangeCommit commit =
            new ShardChangeCommit(catalog, logs, lookup, Duration.ofMillis(500), GRACE, clock);
    private final Stream stream = Stream.create(
            new StreamName("s"), 7, StreamMode.PROVISIONED, 2, 24, 1024, Map.of(), clock.instant(), Duration.ZERO);

    ShardChangeCommitTest() {
        logs.createAll(
                stream.incarnation(), stream.shards().stream().map(Shard::id).toList());
        catalog.add(stream);
    }

    @Test
    void aSealUnderAnOpenShardIsUndoneOnlyAfterItWasSeenForTheWholeGrace() {
        logs.find(7, new ShardId(1)).orElseThrow().seal(); // another node's change under way, or one that died

        assertThat(commit.repairAll()).as("first seen").isZero();
        clock.advance(GRACE.minusSeconds(1));
        assertThat(commit.repairAll()).as("within the grace").isZero();
        assertThat(logs.find(7, new ShardId(1)).orElseThrow().isSealed()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(commit.repairAll()).as("seen sealed for the whole grace").isEqualTo(1);
        assertThat(logs.find(7, new ShardId(1)).orElseThrow().isSealed()).isFalse();
    }

    @Test
    void aSealThatWasPublishedMeanwhileIsForgotten() {
        logs.find(7, new ShardId(1)).orElseThrow().seal();
        assertThat(commit.repairAll()).isZero();
        logs.find(7, new ShardId(1)).orElseThrow().unseal(); // the change failed and unsealed it itself
        clock.advance(GRACE);
        assertThat(commit.repairAll()).isZero();
        logs.find(7, new ShardId(1)).orElseThrow().seal(); // a later change
        assertThat(commit.repairAll()).as("a new suspect starts its own grace").isZero();
    }

    @Test
    void aChangeThatTookMoreThanHalfTheGraceAfterSealingGivesUpAndUnseals() {
        assertThatThrownBy(() -> commit.sealAndPublish(stream, BOTH, clock.instant(), ends -> {
                    clock.advance(GRACE.dividedBy(2).plusMillis(1)); // a long pause between the seal and the publish
                    return latest -> merged(latest, ends);
                }))
                .isInstanceOf(InternalFailureException.class);
        assertThat(catalog.find(new StreamName("s")).orElseThrow().version())
                .as("nothing published")
                .isEqualTo(stream.version());
        assertThat(logs.find(7, new ShardId(0)).orElseThrow().isSealed())
                .as("unsealed by the failing change")
                .isFalse();

        Stream published = commit.sealAndPublish(stream, BOTH, clock.instant(), ends -> latest -> merged(latest, ends));
        assertThat(published.openShardCount()).as("a prompt change publishes").isEqualTo(1);
    }

    private Stream merged(Stream latest, Map<ShardId, Long> ends) {
        ShardId first = new ShardId(0);
        ShardId second = new ShardId(1);
        return Resharding.merge(
                latest, first, second, ends.get(first), ends.get(second), clock.instant(), "123456789012");
    }
}
