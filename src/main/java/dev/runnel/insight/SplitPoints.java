package dev.runnel.insight;

import dev.runnel.core.hash.HashKey;
import dev.runnel.core.hash.HashKeyRange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Where to split a shard: the hash keys the advice of {@link Insights} suggests. */
final class SplitPoints {

    private SplitPoints() {}

    /** The hash key below which half of the tracked records fall, strictly inside the shard's split range. */
    static HashKey weightedMedian(HeavyHitters keys, HashKeyRange range) {
        List<HeavyHitters.Hitter> hitters = new ArrayList<>(keys.top());
        if (hitters.size() < 2) {
            return null;
        }
        hitters.sort((a, b) -> a.hashKey().compareTo(b.hashKey()));
        long total = hitters.stream().mapToLong(HeavyHitters.Hitter::count).sum();
        long running = 0;
        for (HeavyHitters.Hitter hitter : hitters) {
            running += hitter.count();
            if (running * 2 >= total) {
                return splitPoint(hitter.hashKey().toBigInteger().add(BigInteger.ONE), range);
            }
        }
        return null;
    }

    /**
     * The split that leaves the key's hash in the smaller child: at the key itself when the key lies in the
     * upper half of the range (the upper child starts with it), just after it otherwise.
     */
    static HashKey isolating(HashKey key, HashKeyRange range) {
        BigInteger hash = key.toBigInteger();
        BigInteger below = hash.subtract(range.start().toBigInteger());
        BigInteger above = range.end().toBigInteger().subtract(hash);
        return splitPoint(below.compareTo(above) > 0 ? hash : hash.add(BigInteger.ONE), range);
    }

    /** The key, moved inside the range a split may start its upper child in; null when the range is too small. */
    private static HashKey splitPoint(BigInteger key, HashKeyRange range) {
        BigInteger low = range.start().toBigInteger().add(BigInteger.TWO);
        BigInteger high = range.end().toBigInteger().subtract(BigInteger.ONE);
        if (low.compareTo(high) > 0) {
            return null;
        }
        return HashKey.of(key.max(low).min(high));
    }
}
