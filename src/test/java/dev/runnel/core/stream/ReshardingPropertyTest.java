package dev.runnel.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.hash.HashKey;
import dev.runnel.core.hash.HashKeyRange;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of splits, merges and uniform scalings (seeded, so a failure names its seed and step), with
 * the lineage invariants checked after every step.
 */
class ReshardingPropertyTest {

    private static final String ACCOUNT = "123456789012";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final int RUNS = 200;
    private static final int MAX_STEPS = 30;
    private static final int MAX_TARGET = 64;

    @Test
    void randomReshardingKeepsTheLineageConsistent() {
        int splits = 0;
        int merges = 0;
        int scalings = 0;
        for (long seed = 1; seed <= RUNS; seed++) {
            Random random = new Random(seed);
            int initial = 1 + random.nextInt(8);
            Stream stream = Stream.create(
                    StreamName.of("s"), seed, StreamMode.PROVISIONED, initial, 24, 1024, Map.of(), T0, Duration.ZERO);
            Lineage.assertConsistent(stream, "seed " + seed + " initial");
            int steps = 1 + random.nextInt(MAX_STEPS);
            Instant now = T0;
            for (int step = 0; step < steps; step++) {
                now = now.plusMillis(1 + random.nextInt(1_000));
                String context = "seed " + seed + " step " + step;
                Stream before = stream;
                Map<ShardId, Long> ends = new HashMap<>();
                int op = random.nextInt(3);
                if (op == 0) {
                    Stream next = randomSplit(stream, random, now, ends);
                    if (next == null) {
                        op = 1;
                    } else {
                        stream = next;
                        splits++;
                        context += " split";
                        assertThat(stream.nextShardIndex()).as(context).isEqualTo(before.nextShardIndex() + 2);
                        assertThat(stream.openShardCount()).as(context).isEqualTo(before.openShardCount() + 1);
                    }
                }
                if (op == 1) {
                    Stream next = randomMerge(stream, random, now, ends);
                    if (next == null) {
                        op = 2;
                    } else {
                        stream = next;
                        merges++;
                        context += " merge";
                        assertThat(stream.nextShardIndex()).as(context).isEqualTo(before.nextShardIndex() + 1);
                        assertThat(stream.openShardCount()).as(context).isEqualTo(before.openShardCount() - 1);
                    }
                }
                if (op == 2) {
                    int n = stream.openShardCount();
                    int low = (n + 1) / 2;
                    int high = Math.max(low, Math.min(2 * n, MAX_TARGET));
                    int target = low + random.nextInt(high - low + 1);
                    Set<ShardId> closing = Resharding.closedByUniformScaling(stream, target);
                    for (ShardId id : closing) {
                        ends.put(id, (long) random.nextInt(1_000_000));
                    }
                    stream = Resharding.scaleUniformly(stream, target, ends::get, now);
                    scalings++;
                    context += " scale " + n + "->" + target;
                    assertThat(Lineage.openRanges(stream))
                            .as(context)
                            .containsExactlyElementsOf(HashKeyRange.uniform(target));
                    Set<ShardId> stillOpen = new java.util.HashSet<>();
                    stream.openShardsByHashKey().forEach(shard -> stillOpen.add(shard.id()));
                    for (Shard shard : before.openShardsByHashKey()) {
                        assertThat(stillOpen.contains(shard.id()))
                                .as(context + " keeps or closes " + shard.id())
                                .isEqualTo(!closing.contains(shard.id()));
                    }
                }
                Lineage.assertConsistent(stream, context);
                checkStep(before, stream, ends, now, context);
            }
        }
        assertThat(splits).as("splits exercised").isGreaterThan(500);
        assertThat(merges).as("merges exercised").isGreaterThan(500);
        assertThat(scalings).as("scalings exercised").isGreaterThan(500);
    }

    /** What a step may and must change: shards only close (at the given ends) or appear with new ids. */
    private static void checkStep(Stream before, Stream after, Map<ShardId, Long> ends, Instant now, String context) {
        assertThat(after.nextShardIndex()).as(context).isGreaterThanOrEqualTo(before.nextShardIndex());
        Map<ShardId, Shard> afterById = new HashMap<>();
        after.shards().forEach(shard -> afterById.put(shard.id(), shard));
        for (Shard old : before.shards()) {
            Shard current = afterById.get(old.id());
            check(current != null, () -> context + ": lost " + old.id());
            if (!old.isOpen() || current.isOpen()) {
                check(current.equals(old), () -> context + ": " + old.id() + " changed without closing");
            } else {
                check(
                        current.equals(old.closedAt(ends.get(old.id()), now)),
                        () -> context + ": " + old.id() + " closed as " + current + ", ends " + ends);
            }
        }
        for (Shard shard : after.shards()) {
            if (shard.id().index() >= before.nextShardIndex()) {
                check(
                        shard.openedAt().equals(now) && shard.parent() != null,
                        () -> context + ": new shard " + shard + " opened now with a parent");
                check(
                        shard.isOpen()
                                || (shard.endPosition() == 0 && shard.closedAt().equals(now)),
                        () -> context + ": a shard born and closed in one step is empty: " + shard);
            }
        }
        assertThat(after.shards().size())
                .as(context + ": ids are allocated without gaps")
                .isEqualTo(after.nextShardIndex());
    }

    private static void check(boolean condition, java.util.function.Supplier<String> message) {
        if (!condition) {
            throw new AssertionError(message.get());
        }
    }

    private static Stream randomSplit(Stream stream, Random random, Instant now, Map<ShardId, Long> ends) {
        List<Shard> candidates = new ArrayList<>();
        for (Shard shard : stream.openShardsByHashKey()) {
            if (shard.hashKeyRange().size().compareTo(BigInteger.valueOf(4)) >= 0) {
                candidates.add(shard);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        Shard shard = candidates.get(random.nextInt(candidates.size()));
        BigInteger s = shard.hashKeyRange().start().toBigInteger();
        BigInteger e = shard.hashKeyRange().end().toBigInteger();
        BigInteger lowest = s.add(BigInteger.TWO);
        BigInteger highest = e.subtract(BigInteger.ONE);
        BigInteger key = switch (random.nextInt(6)) {
            case 0 -> lowest;
            case 1 -> highest;
            case 2 -> nearUniformBoundary(random, lowest, highest);
            default -> lowest.add(randomBelow(random, highest.subtract(lowest).add(BigInteger.ONE)));
        };
        long end = random.nextInt(1_000_000);
        ends.put(shard.id(), end);
        return Resharding.split(stream, shard.id(), HashKey.of(key), end, now, ACCOUNT);
    }

    /** A key one off a boundary of some uniform layout, when one lies in [lowest, highest]; else the middle. */
    private static BigInteger nearUniformBoundary(Random random, BigInteger lowest, BigInteger highest) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int count = 2 + random.nextInt(MAX_TARGET - 1);
            BigInteger step = HashKey.KEY_SPACE.divide(BigInteger.valueOf(count));
            BigInteger boundary = step.multiply(BigInteger.valueOf(1 + random.nextInt(count - 1)))
                    .add(BigInteger.valueOf(random.nextInt(3) - 1));
            if (boundary.compareTo(lowest) >= 0 && boundary.compareTo(highest) <= 0) {
                return boundary;
            }
        }
        return lowest.add(highest).shiftRight(1);
    }

    private static Stream randomMerge(Stream stream, Random random, Instant now, Map<ShardId, Long> ends) {
        List<Shard> open = stream.openShardsByHashKey();
        if (open.size() < 2) {
            return null;
        }
        int i = random.nextInt(open.size() - 1);
        Shard a = open.get(i);
        Shard b = open.get(i + 1);
        long aEnd = random.nextInt(1_000_000);
        long bEnd = random.nextInt(1_000_000);
        ends.put(a.id(), aEnd);
        ends.put(b.id(), bEnd);
        Stream merged = Resharding.merge(stream, a.id(), b.id(), aEnd, bEnd, now, ACCOUNT);
        Shard child = merged.shard(new ShardId(stream.nextShardIndex())).orElseThrow();
        assertThat(child.parent()).isEqualTo(a.id());
        assertThat(child.adjacentParent()).isEqualTo(b.id());
        return merged;
    }

    private static BigInteger randomBelow(Random random, BigInteger bound) {
        BigInteger value;
        do {
            value = new BigInteger(bound.bitLength(), random);
        } while (value.compareTo(bound) >= 0);
        return value;
    }
}
