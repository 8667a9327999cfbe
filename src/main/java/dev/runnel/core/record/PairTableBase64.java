package dev.runnel.core.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Standard Base64 with padding (RFC 4648, section 4), what {@link java.util.Base64#getEncoder()} writes, encoded
 * into the caller's array: GetRecords answers in JSON carry every payload this way. Each 6 bytes become 8
 * characters through four lookups in a table of every 12-bit value's two characters and one 8-byte store: about
 * twice as fast as the JDK's encoder where that has no vectorised intrinsic (x86 without AVX-512), and without its
 * copies of a read-only buffer.
 */
final class PairTableBase64 {

    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.ISO_8859_1);
    /** For each 12-bit value, its two characters: the first in the high byte. */
    private static final char[] PAIRS = new char[1 << 12];

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    static {
        for (int i = 0; i < PAIRS.length; i++) {
            PAIRS[i] = (char) (ALPHABET[i >>> 6] << 8 | ALPHABET[i & 0x3F]);
        }
    }

    private PairTableBase64() {}

    /** The number of characters {@code length} bytes encode to. */
    static int encodedLength(int length) {
        return (length + 2) / 3 * 4;
    }

    /**
     * Writes the Base64 of {@code length} bytes of {@code source} from {@code from} into {@code target} at
     * {@code at}; returns the index after the last character written.
     *
     * @throws IndexOutOfBoundsException when a range is not inside its array
     */
    static int encode(byte[] source, int from, int length, byte[] target, int at) {
        int end = from + length / 6 * 6;
        for (; from < end; from += 6, at += 8) {
            int high = (source[from] & 0xFF) << 16 | (source[from + 1] & 0xFF) << 8 | (source[from + 2] & 0xFF);
            int low = (source[from + 3] & 0xFF) << 16 | (source[from + 4] & 0xFF) << 8 | (source[from + 5] & 0xFF);
            LONG.set(
                    target,
                    at,
                    (long) PAIRS[high >>> 12] << 48
                            | (long) PAIRS[high & 0xFFF] << 32
                            | (long) PAIRS[low >>> 12] << 16
                            | (long) PAIRS[low & 0xFFF]);
        }
        if (length % 6 >= 3) {
            int bits = (source[from] & 0xFF) << 16 | (source[from + 1] & 0xFF) << 8 | (source[from + 2] & 0xFF);
            INT.set(target, at, PAIRS[bits >>> 12] << 16 | PAIRS[bits & 0xFFF]);
            from += 3;
            at += 4;
        }
        switch (length % 3) {
            case 1 -> {
                int bits = source[from] & 0xFF;
                target[at++] = ALPHABET[bits >>> 2];
                target[at++] = ALPHABET[(bits & 0x3) << 4];
                target[at++] = '=';
                target[at++] = '=';
            }
            case 2 -> {
                int bits = (source[from] & 0xFF) << 8 | (source[from + 1] & 0xFF);
                target[at++] = ALPHABET[bits >>> 10];
                target[at++] = ALPHABET[(bits >>> 4) & 0x3F];
                target[at++] = ALPHABET[(bits & 0xF) << 2];
                target[at++] = '=';
            }
            default -> {}
        }
        return at;
    }
}
