package dev.runnel.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.hash.HashKeyRange;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.shard.ShardMap;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks of the resharding invariants of a stream version, shared by the resharding tests. The per-shard
 * checks are plain conditions (failing with a message naming the shard), since the property test runs them on
 * thousands of shards per step.
 */
public final class Lineage {

    private Lineage() {}

    /**
     * The open shards tile the key space; every closed shard present was either split (two children with it
     * as only parent, tiling its range) or merged (one child naming it and a hash-adjacent partner, covering
     * their union); ids are unique, in order and below the next index; every shard has at most two distinct
     * parents, each with a lower id and, when still present, closed no later than the child opened.
     */
    public static void assertConsistent(Stream stream, String context) {
        List<Shard> shards = stream.shards();
        Map<ShardId, Shard> byId = new HashMap<>();
        Map<ShardId, List<Shard>> childrenOf = new HashMap<>();
        ShardId previous = null;
        for (Shard shard : shards) {
            ShardId id = shard.id();
            check(byId.put(id, shard) == null, () -> context + ": duplicate id " + id);
            check(id.index() < stream.nextShardIndex(), () -> context + ": " + id + " not below the next index");
            ShardId before = previous;
            check(before == null || before.compareTo(id) < 0, () -> context + ": shards not in id order at " + id);
            previous = id;
            shard.parentShardId()
                    .ifPresent(p -> childrenOf
                            .computeIfAbsent(p, k -> new ArrayList<>())
                            .add(shard));
            shard.adjacentParentShardId()
                    .ifPresent(p -> childrenOf
                            .computeIfAbsent(p, k -> new ArrayList<>())
                            .add(shard));
        }

        List<Shard> open = shards.stream().filter(Shard::isOpen).toList();
        new ShardMap(open);
        assertTiles(open.stream().map(Shard::hashKeyRange).toList(), HashKeyRange.ALL, context + ": open shards");
        assertThat(stream.openShardCount()).as(context).isEqualTo(open.size());

        // Stream.children is a linear scan; compare it with the map for the most recent closed shards only.
        List<Shard> closed = shards.stream().filter(s -> !s.isOpen()).toList();
        for (Shard shard : closed.subList(Math.max(0, closed.size() - 8), closed.size())) {
            assertThat(stream.children(shard.id()))
                    .as(context + ": children of " + shard.id())
                    .containsExactlyElementsOf(childrenOf.getOrDefault(shard.id(), List.of()));
        }

        for (Shard shard : shards) {
            ShardId id = shard.id();
            check(
                    shard.adjacentParent() == null || !shard.adjacentParent().equals(shard.parent()),
                    () -> context + ": " + id + " names one parent twice");
            for (ShardId parent : new ShardId[] {shard.parent(), shard.adjacentParent()}) {
                if (parent == null) {
                    continue;
                }
                check(parent.compareTo(id) < 0, () -> context + ": parent " + parent + " of " + id + " is newer");
                Shard p = byId.get(parent);
                if (p != null) {
                    check(!p.isOpen(), () -> context + ": parent " + parent + " of " + id + " is open");
                    check(
                            !p.closedAt().isAfter(shard.openedAt()),
                            () -> context + ": parent " + parent + " closed after " + id + " opened");
                }
            }
            List<Shard> children = childrenOf.getOrDefault(id, List.of());
            if (shard.isOpen()) {
                check(children.isEmpty(), () -> context + ": open " + id + " has children " + children);
                continue;
            }
            check(!children.isEmpty(), () -> context + ": closed " + id + " has no children");
            if (children.size() == 2) {
                Shard first = children.get(0);
                Shard second = children.get(1);
                check(
                        id.equals(first.parent())
                                && first.adjacentParent() == null
                                && id.equals(second.parent())
                                && second.adjacentParent() == null,
                        () -> context + ": children of split " + id + " name other parents: " + children);
                check(
                        second.id().index() == first.id().index() + 1,
                        () -> context + ": split children of " + id + " have non-consecutive ids");
                check(
                        tiles(List.of(first.hashKeyRange(), second.hashKeyRange()), shard.hashKeyRange()),
                        () -> context + ": children of split " + id + " do not tile its range: " + children);
            } else {
                check(children.size() == 1, () -> context + ": " + id + " has " + children.size() + " children");
                Shard child = children.get(0);
                check(
                        child.adjacentParent() != null,
                        () -> context + ": merge child " + child.id() + " of " + id + " has one parent");
                ShardId other = child.parent().equals(id) ? child.adjacentParent() : child.parent();
                Shard partner = byId.get(other);
                if (partner != null) {
                    check(
                            adjacent(shard.hashKeyRange(), partner.hashKeyRange()),
                            () -> context + ": merge parents " + id + " and " + other + " are not hash-adjacent");
                    check(
                            tiles(List.of(shard.hashKeyRange(), partner.hashKeyRange()), child.hashKeyRange()),
                            () -> context + ": merged child " + child.id() + " is not the union of its parents");
                } else {
                    check(
                            child.hashKeyRange().contains(shard.hashKeyRange().start())
                                    && child.hashKeyRange()
                                            .contains(shard.hashKeyRange().end()),
                            () -> context + ": merged child " + child.id() + " does not cover " + id);
                }
            }
        }
    }

    /** The ranges, in any order, cover {@code whole} exactly with no gap or overlap. */
    public static void assertTiles(List<HashKeyRange> ranges, HashKeyRange whole, String context) {
        assertThat(tiles(ranges, whole))
                .as(context + ": " + ranges + " tile " + whole)
                .isTrue();
    }

    public static boolean tiles(List<HashKeyRange> ranges, HashKeyRange whole) {
        if (ranges.isEmpty()) {
            return false;
        }
        List<HashKeyRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(HashKeyRange::start));
        if (!sorted.get(0).start().equals(whole.start())
                || !sorted.get(sorted.size() - 1).end().equals(whole.end())) {
            return false;
        }
        for (int i = 1; i < sorted.size(); i++) {
            BigInteger previousEnd = sorted.get(i - 1).end().toBigInteger();
            if (!sorted.get(i).start().toBigInteger().equals(previousEnd.add(BigInteger.ONE))) {
                return false;
            }
        }
        return true;
    }

    public static boolean adjacent(HashKeyRange a, HashKeyRange b) {
        BigInteger one = BigInteger.ONE;
        return a.end().toBigInteger().add(one).equals(b.start().toBigInteger())
                || b.end().toBigInteger().add(one).equals(a.start().toBigInteger());
    }

    /** The open shards' ranges in hash-key order. */
    public static List<HashKeyRange> openRanges(Stream stream) {
        return stream.openShardsByHashKey().stream().map(Shard::hashKeyRange).toList();
    }

    private static void check(boolean condition, Supplier<String> message) {
        if (!condition) {
            throw new AssertionError(message.get());
        }
    }
}
