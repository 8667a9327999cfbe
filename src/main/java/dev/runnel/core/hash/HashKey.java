package dev.runnel.core.hash;

import dev.runnel.core.error.InvalidArgumentException;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An unsigned 128-bit Kinesis hash key, 0 … 2^128−1, held as two longs so that routing compares without
 * allocation. Ordered as unsigned integers. Immutable and thread-safe.
 */
public record HashKey(long high, long low) implements Comparable<HashKey> {

    public static final HashKey MIN = new HashKey(0L, 0L);
    public static final HashKey MAX = new HashKey(-1L, -1L);
    /** 2^128, one past {@link #MAX}; used only for arithmetic on layouts. */
    public static final BigInteger KEY_SPACE = BigInteger.ONE.shiftLeft(128);
    /** What the service model accepts as a hash key on the wire (ExplicitHashKey, NewStartingHashKey). */
    public static final Pattern WIRE_PATTERN = Pattern.compile("0|([1-9]\\d{0,38})");

    private static final BigInteger LONG_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** Reads 16 big-endian bytes (an MD5 digest) as an unsigned integer. */
    public static HashKey fromBytes(byte[] sixteenBytes) {
        if (sixteenBytes.length != 16) {
            throw new IllegalArgumentException("a hash key is 16 bytes, got " + sixteenBytes.length);
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (sixteenBytes[i] & 0xFF);
            low = (low << 8) | (sixteenBytes[i + 8] & 0xFF);
        }
        return new HashKey(high, low);
    }

    /** Converts a value known to lie in 0 … 2^128−1. */
    public static HashKey of(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 128) {
            throw new IllegalArgumentException("hash key out of range: " + value);
        }
        return new HashKey(value.shiftRight(64).longValue(), value.longValue());
    }

    /**
     * Parses a decimal string; empty when it is not a plain decimal in 0 … 2^128−1 (leading zeros allowed).
     */
    public static Optional<HashKey> parse(String decimal) {
        if (decimal == null || decimal.isEmpty() || decimal.length() > 64) {
            return Optional.empty();
        }
        for (int i = 0; i < decimal.length(); i++) {
            char c = decimal.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        BigInteger value = new BigInteger(decimal);
        return value.bitLength() > 128 ? Optional.empty() : Optional.of(of(value));
    }

    /**
     * Parses an {@code ExplicitHashKey}. Anything that is not a decimal in range is rejected with AWS's
     * message.
     */
    public static HashKey parseExplicit(String decimal) {
        return parse(decimal)
                .orElseThrow(() -> new InvalidArgumentException(
                        "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was "
                                + decimal));
    }

    public BigInteger toBigInteger() {
        return new BigInteger(Long.toUnsignedString(high))
                .shiftLeft(64)
                .or(new BigInteger(Long.toUnsignedString(low)).and(LONG_MASK));
    }

    @Override
    public int compareTo(HashKey other) {
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    /** The decimal form used on the wire. */
    @Override
    public String toString() {
        return toBigInteger().toString();
    }
}
