package dev.runnel.core.shard;

import java.util.Optional;

/**
 * A shard's identity within its stream: an index allocated in creation order and never reused, printed as
 * {@code shardId-} plus twelve zero-padded digits.
 */
public record ShardId(int index) implements Comparable<ShardId> {

    private static final String PREFIX = "shardId-";

    public ShardId {
        if (index < 0) {
            throw new IllegalArgumentException("shard index must not be negative: " + index);
        }
    }

    /**
     * Reads a shard id the way Kinesis does: the digits after the last {@code -}, or the whole string when it
     * is all digits ({@code shardId-0}, {@code 0} and {@code abc-7} name shards 0, 0 and 7). Empty when no
     * shard could be named by it (not numeric, or above 2147483647).
     */
    public static Optional<ShardId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String digits = text.substring(text.lastIndexOf('-') + 1);
        if (digits.isEmpty() || digits.length() > 40) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            value = value * 10 + (c - '0');
            if (value > Integer.MAX_VALUE) {
                return Optional.empty();
            }
        }
        return Optional.of(new ShardId((int) value));
    }

    @Override
    public int compareTo(ShardId other) {
        return Integer.compare(index, other.index);
    }

    @Override
    public String toString() {
        String digits = Integer.toString(index);
        return PREFIX + "000000000000".substring(digits.length()) + digits;
    }
}
