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

    static final int POSITION_SHIFT = 24;
    private static final int SHARD_SHIFT = 88;
    private static final int INCARNATION_SHIFT = 120;
    private static final BigInteger MARKER = BigInteger.ONE.shiftLeft(184);
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(185);
    private static final BigInteger LOW_BITS =
            BigInteger.ONE.shiftLeft(POSITION_SHIFT).subtract(BigInteger.ONE);
    private static final int DIGITS = SequenceNumberDigits.LENGTH;

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

    /** The 56-digit decimal form used on the wire (see {@link SequenceNumberDigits}). */
    @Override
    public String toString() {
        return new String(new SequenceNumberDigits().of(this), StandardCharsets.ISO_8859_1);
    }

    private static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }
}
