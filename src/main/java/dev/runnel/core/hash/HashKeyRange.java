package dev.runnel.core.hash;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An inclusive range [start, end] of hash keys, start ≤ end. Immutable. */
public record HashKeyRange(HashKey start, HashKey end) {

    public static final HashKeyRange ALL = new HashKeyRange(HashKey.MIN, HashKey.MAX);

    public HashKeyRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.compareTo(end) > 0) {
            throw new IllegalArgumentException("start " + start + " is after end " + end);
        }
    }

    public boolean contains(HashKey key) {
        return start.compareTo(key) <= 0 && key.compareTo(end) <= 0;
    }

    /** The number of keys in the range, end − start + 1. */
    public BigInteger size() {
        return end.toBigInteger().subtract(start.toBigInteger()).add(BigInteger.ONE);
    }

    /**
     * Splits the whole key space into {@code count} contiguous ranges as Kinesis lays out a new stream:
     * {@code step = floor(2^128 / count)}, range i = [step·i, step·(i+1) − 1], the last ending at 2^128 − 1.
     */
    public static List<HashKeyRange> uniform(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        BigInteger step = HashKey.KEY_SPACE.divide(BigInteger.valueOf(count));
        List<HashKeyRange> ranges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BigInteger first = step.multiply(BigInteger.valueOf(i));
            HashKey end =
                    i == count - 1 ? HashKey.MAX : HashKey.of(first.add(step).subtract(BigInteger.ONE));
            ranges.add(new HashKeyRange(HashKey.of(first), end));
        }
        return List.copyOf(ranges);
    }
}
