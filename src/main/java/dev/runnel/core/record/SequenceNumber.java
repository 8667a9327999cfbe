package dev.runnel.core.record;

import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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

    /** The number of the record at {@code position} of a shard of {@code stream}: the one factory services use. */
    public static SequenceNumber of(Stream stream, ShardId shard, long position) {
        return new SequenceNumber(stream.incarnation(), shard.index(), position);
    }

    /** The lowest number a shard of {@code stream} can hold. */
    public static SequenceNumber startOf(Stream stream, Shard shard) {
        return of(stream, shard.id(), 0);
    }

    /** For a closed shard, a number above every record in it; empty while it is open. */
    public static Optional<SequenceNumber> endOf(Stream stream, Shard shard) {
        return shard.isOpen() ? Optional.empty() : Optional.of(of(stream, shard.id(), shard.endPosition()));
    }

    /**
     * The number just below that of the record at {@code position}: above every earlier record's number and
     * below this one's, so that reading AT or AFTER it starts at {@code position}. An enhanced fan-out
     * subscription that delivered nothing yet reports it as its continuation (KCL resumes AFTER it), also at
     * position 0 where no earlier record exists. It never names a record.
     */
    public static String before(Stream stream, ShardId shard, long position) {
        return of(stream, shard, position)
                .toBigInteger()
                .subtract(BigInteger.ONE)
                .toString();
    }

    /** Decodes a number made by {@link #before}: the number of the record it precedes; empty for any other. */
    public static Optional<SequenceNumber> parseBefore(String text) {
        if (text == null || text.length() != DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        BigInteger next = new BigInteger(text).add(BigInteger.ONE);
        return next.and(LOW_BITS).signum() == 0 ? parse(next.toString()) : Optional.empty();
    }

    /** What the service model accepts as a sequence number on the wire. */
    public static final Pattern WIRE_PATTERN = Pattern.compile("0|([1-9]\\d{0,128})");

    private static final int POSITION_SHIFT = 24;
    private static final int SHARD_SHIFT = 88;
    private static final int INCARNATION_SHIFT = 120;
    private static final BigInteger MARKER = BigInteger.ONE.shiftLeft(184);
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(185);
    private static final BigInteger LOW_BITS =
            BigInteger.ONE.shiftLeft(POSITION_SHIFT).subtract(BigInteger.ONE);
    private static final int DIGITS = 56;
    private static final long BILLION = 1_000_000_000L;
    /** "00" to "99", two bytes each. */
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /** Base-10^9 limbs of a 56-digit number: six of nine digits and a top one of two. */
    private static final int LIMBS = 7;
    /**
     * Bases of recently formatted shards, direct-mapped by shard and incarnation. A {@link Base} has only final
     * fields, so a racing reader sees a complete one or none; a collision at worst computes a base again.
     */
    private static final Base[] BASES = new Base[1024];

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
        if (value.compareTo(MARKER) < 0
                || value.compareTo(LIMIT) >= 0
                || value.and(LOW_BITS).signum() != 0) {
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
        return MARKER.add(unsigned(incarnation).shiftLeft(INCARNATION_SHIFT))
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
     * The 56-digit decimal form used on the wire. GetRecords formats thousands of these per call, so this avoids
     * {@link BigInteger} on the common path: the value is {@code base + position·2^24}, where the base (marker,
     * incarnation and shard) is the same for every record of a shard. The base's decimal limbs are computed once
     * and cached per shard; {@code position·2^24} (below 2^87) is split into three base-10^9
     * limbs with four long divisions and added.
     */
    @Override
    public String toString() {
        int slot = (shardIndex ^ (int) incarnation ^ (int) (incarnation >>> 32)) & (BASES.length - 1);
        Base base = BASES[slot];
        if (base == null || base.incarnation != incarnation || base.shardIndex != shardIndex) {
            base = new Base(incarnation, shardIndex);
            BASES[slot] = base;
        }
        long high = position / BILLION;
        long low = position - high * BILLION;
        long lowShifted = low << POSITION_SHIFT; // < 10^9 · 2^24 < 1.7·10^16
        long upper = (high << POSITION_SHIFT) + lowShifted / BILLION; // < 1.6·10^17
        long[] limbs = base.limbs.clone();
        limbs[0] += lowShifted % BILLION;
        limbs[1] += upper % BILLION;
        limbs[2] += upper / BILLION;
        for (int i = 0; i < LIMBS - 1; i++) {
            if (limbs[i] >= BILLION) {
                limbs[i + 1] += limbs[i] / BILLION;
                limbs[i] %= BILLION;
            }
        }
        byte[] digits = new byte[DIGITS];
        for (int i = 0, end = DIGITS; i < LIMBS; i++, end -= 9) {
            int chunk = (int) limbs[i];
            for (int d = end - 2; d >= Math.max(0, end - 8); d -= 2) {
                int next = chunk / 100;
                int pair = (chunk - next * 100) * 2;
                digits[d] = DIGIT_PAIRS[pair];
                digits[d + 1] = DIGIT_PAIRS[pair + 1];
                chunk = next;
            }
            if (end - 9 >= 0) {
                digits[end - 9] = (byte) ('0' + chunk);
            }
        }
        return new String(digits, StandardCharsets.ISO_8859_1);
    }

    /** {@code 2^184 + incarnation·2^120 + shardIndex·2^88} in base-10^9 limbs, least significant first. */
    private static final class Base {
        final long incarnation;
        final int shardIndex;
        final long[] limbs = new long[LIMBS];

        Base(long incarnation, int shardIndex) {
            this.incarnation = incarnation;
            this.shardIndex = shardIndex;
            BigInteger value = new SequenceNumber(incarnation, shardIndex, 0).toBigInteger();
            BigInteger billion = BigInteger.valueOf(BILLION);
            for (int i = 0; i < LIMBS; i++) {
                BigInteger[] qr = value.divideAndRemainder(billion);
                limbs[i] = qr[1].longValue();
                value = qr[0];
            }
        }
    }

    private static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }
}
