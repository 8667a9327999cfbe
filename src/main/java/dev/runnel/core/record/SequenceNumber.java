package dev.runnel.core.record;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Kinesis sequence number that decodes to where its record lives: the stream incarnation, the shard index
 * and the record's position in the shard log. Looking a record up by sequence number is therefore a decode
 * and a seek, never a scan.
 *
 * <p>The decimal form is 56 digits, like AWS's. Its value is
 * {@code 2^184 + incarnation·2^120 + shardIndex·2^88 + position·2^24} with incarnation and position read as
 * unsigned 64-bit integers, so:
 * <ul>
 *   <li>within a shard, numbers grow strictly with position (write order);</li>
 *   <li>numbers are unique within a stream, and a child shard's numbers (a higher index) exceed its
 *       parents';</li>
 *   <li>every number is 56 digits, since 2^184 ≥ 10^55 and 2^185 &lt; 10^56, so string order equals numeric
 *       order.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public record SequenceNumber(long incarnation, int shardIndex, long position) implements Comparable<SequenceNumber> {

    /** What the service model accepts as a sequence number on the wire. */
    public static final Pattern WIRE_PATTERN = Pattern.compile("0|([1-9]\\d{0,128})");

    private static final int POSITION_SHIFT = 24;
    private static final int SHARD_SHIFT = 88;
    private static final int INCARNATION_SHIFT = 120;
    private static final BigInteger MARKER = BigInteger.ONE.shiftLeft(184);
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(185);
    private static final BigInteger LOW_BITS = BigInteger.ONE.shiftLeft(POSITION_SHIFT).subtract(BigInteger.ONE);
    private static final int DIGITS = 56;

    public SequenceNumber {
        if (shardIndex < 0) {
            throw new IllegalArgumentException("shard index must not be negative");
        }
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative");
        }
    }

    /**
     * Decodes a decimal sequence number; empty when the text is not one that Runnel issues.
     */
    public static Optional<SequenceNumber> parse(String text) {
        if (text == null || text.length() != DIGITS) {
            return Optional.empty();
        }
        for (int i = 0; i < DIGITS; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(MARKER) < 0 || value.compareTo(LIMIT) >= 0 || value.and(LOW_BITS).signum() != 0) {
            return Optional.empty();
        }
        BigInteger payload = value.subtract(MARKER);
        long incarnation = payload.shiftRight(INCARNATION_SHIFT).longValue();
        long shard = payload.shiftRight(SHARD_SHIFT).longValue() & 0xFFFF_FFFFL;
        long position = payload.shiftRight(POSITION_SHIFT).longValue();
        if (shard > Integer.MAX_VALUE || position < 0) {
            return Optional.empty();
        }
        return Optional.of(new SequenceNumber(incarnation, (int) shard, position));
    }

    public BigInteger toBigInteger() {
        return MARKER
                .add(unsigned(incarnation).shiftLeft(INCARNATION_SHIFT))
                .add(BigInteger.valueOf(shardIndex).shiftLeft(SHARD_SHIFT))
                .add(BigInteger.valueOf(position).shiftLeft(POSITION_SHIFT));
    }

    @Override
    public int compareTo(SequenceNumber other) {
        int c = Long.compareUnsigned(incarnation, other.incarnation);
        if (c == 0) {
            c = Integer.compare(shardIndex, other.shardIndex);
        }
        return c != 0 ? c : Long.compare(position, other.position);
    }

    /**
     * The 56-digit decimal form used on the wire. Written without {@link BigInteger}: the four parts occupy
     * disjoint bits (position 24–86, shard 88–118, incarnation 120–183, marker 184), so the value is laid out
     * as six 32-bit words and divided down by 10^9. GetRecords formats thousands of these per call.
     */
    @Override
    public String toString() {
        long[] words = new long[6];
        place(words, position, POSITION_SHIFT);
        place(words, shardIndex, SHARD_SHIFT);
        place(words, incarnation, INCARNATION_SHIFT);
        place(words, 1, 184);
        char[] digits = new char[DIGITS];
        for (int end = DIGITS; end > 0; end -= 9) {
            long remainder = 0;
            for (int i = words.length - 1; i >= 0; i--) {
                long current = (remainder << 32) | words[i];
                words[i] = current / 1_000_000_000L;
                remainder = current % 1_000_000_000L;
            }
            for (int d = end - 1; d >= Math.max(0, end - 9); d--) {
                digits[d] = (char) ('0' + remainder % 10);
                remainder /= 10;
            }
        }
        return new String(digits);
    }

    /** ORs the 64 unsigned bits of {@code value}, shifted left by {@code shift}, into little-endian 32-bit words. */
    private static void place(long[] words, long value, int shift) {
        for (int bit = 0; bit < 64; bit++) {
            if ((value >>> bit & 1) != 0) {
                int at = shift + bit;
                words[at >>> 5] |= 1L << (at & 31);
            }
        }
    }

    private static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }
}
