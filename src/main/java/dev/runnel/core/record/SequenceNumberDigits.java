package dev.runnel.core.record;

import java.math.BigInteger;

/**
 * Writes sequence numbers in their 56-digit decimal form as ASCII bytes, without {@link BigInteger} on the common
 * path. A number's value is {@code base + position·2^24}, where the base (marker, incarnation and shard) is the same
 * for every record of a shard; its base-10^9 limbs are computed once and cached per shard.
 *
 * <p>An instance remembers the last number it wrote, so that a run of one shard's numbers in position order (a
 * GetRecords page holds up to 10,000) costs, per number, adding {@code (position − previous)·2^24} to the limbs and
 * rendering the limbs that changed: mostly the lowest nine digits. Any other number is written from its shard's
 * base. Not thread-safe; the array {@link #of} returns is overwritten by its next call.
 */
public final class SequenceNumberDigits {

    /** Every sequence number has this many digits. */
    public static final int LENGTH = 56;

    private static final long BILLION = 1_000_000_000L;
    /** Base-10^9 limbs of a 56-digit number: six of nine digits and a top one of two. */
    private static final int LIMBS = 7;
    /** Larger steps are written from the base; below it {@code step·2^24} stays far from overflowing a long. */
    private static final long MAX_STEP = 1L << 30;
    /** "00" to "99", two bytes each. */
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /**
     * Bases of recently written shards, direct-mapped by shard and incarnation. A {@link Base} has only final
     * fields, so a racing reader sees a complete one or none; a collision at worst computes a base again.
     */
    private static final Base[] BASES = new Base[1024];

    private final byte[] digits = new byte[LENGTH];
    private final long[] limbs = new long[LIMBS];
    private long incarnation;
    private int shardIndex;
    private long position = -1;

    /** The digits of {@code number}, most significant first, in an array this instance reuses. */
    public byte[] of(SequenceNumber number) {
        long step = number.position() - position;
        if (position >= 0
                && number.incarnation() == incarnation
                && number.shardIndex() == shardIndex
                && step >= 0
                && step < MAX_STEP) {
            add(step << SequenceNumber.POSITION_SHIFT);
        } else {
            start(number);
        }
        position = number.position();
        return digits;
    }

    private void start(SequenceNumber number) {
        incarnation = number.incarnation();
        shardIndex = number.shardIndex();
        System.arraycopy(baseOf(incarnation, shardIndex).limbs, 0, limbs, 0, LIMBS);
        long high = number.position() / BILLION;
        long low = number.position() - high * BILLION;
        long lowShifted = low << SequenceNumber.POSITION_SHIFT; // < 10^9 · 2^24 < 1.7·10^16
        long upper = (high << SequenceNumber.POSITION_SHIFT) + lowShifted / BILLION; // < 1.6·10^17
        limbs[0] += lowShifted % BILLION;
        limbs[1] += upper % BILLION;
        limbs[2] += upper / BILLION;
        for (int i = 0; i < LIMBS - 1; i++) {
            if (limbs[i] >= BILLION) {
                limbs[i + 1] += limbs[i] / BILLION;
                limbs[i] %= BILLION;
            }
        }
        for (int i = 0; i < LIMBS; i++) {
            render(i);
        }
    }

    /** Adds {@code amount} (below 2^54) to the limbs, carrying, and renders each limb it changed. */
    private void add(long amount) {
        for (int i = 0; amount != 0 && i < LIMBS; i++) {
            long sum = limbs[i] + amount;
            amount = sum / BILLION;
            limbs[i] = sum - amount * BILLION;
            render(i);
        }
    }

    /** Writes limb {@code i}: digits {@code 47 − 9i} to {@code 55 − 9i} (the top limb: digits 0 and 1). */
    private void render(int i) {
        int end = LENGTH - 9 * i;
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

    private static Base baseOf(long incarnation, int shardIndex) {
        int slot = (shardIndex ^ (int) incarnation ^ (int) (incarnation >>> 32)) & (BASES.length - 1);
        Base base = BASES[slot];
        if (base == null || base.incarnation != incarnation || base.shardIndex != shardIndex) {
            base = new Base(incarnation, shardIndex);
            BASES[slot] = base;
        }
        return base;
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
}
