package dev.runnel.core.record;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record's payload as a read-only view: a range of a byte array that a shard log stores many records in, so
 * that reading a record copies none of its bytes. Readers stream it ({@link #stream()}, {@link #buffer()}) or
 * copy what they need ({@link #toByteArray()}, {@link #prefix}); nothing can change it through this view.
 *
 * <p>Memory: a view keeps its whole backing array alive (a storage segment, up to its size or one large record)
 * for as long as the view is reachable, even after the log trimmed or dropped that segment, so readers hold views
 * only while they answer one request. Immutable and thread-safe; equality is by content.
 */
public final class RecordData {

    private static final RecordData EMPTY = new RecordData(new byte[0], 0, 0);

    private final byte[] bytes;
    private final int offset;
    private final int length;

    private RecordData(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    /** A view of a copy of {@code data}, which the caller may then change freely. */
    public static RecordData copyOf(byte[] data) {
        return data.length == 0 ? EMPTY : new RecordData(data.clone(), 0, data.length);
    }

    /**
     * A view of {@code length} bytes of {@code bytes} from {@code offset}, without a copy: for stores whose
     * bytes never change once written. The caller must never change that range afterwards.
     *
     * @throws IndexOutOfBoundsException when the range is not inside the array
     */
    public static RecordData view(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return length == 0 ? EMPTY : new RecordData(bytes, offset, length);
    }

    /** The payload's size in bytes. */
    public int length() {
        return length;
    }

    /** A stream of the payload's bytes that copies only what each read asks for. */
    public InputStream stream() {
        return new ByteArrayInputStream(bytes, offset, length);
    }

    /** A read-only buffer over the payload (position 0, limit {@link #length()}), shared with no other caller. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes, offset, length).slice().asReadOnlyBuffer();
    }

    /** The length of the payload's Base64 text (standard alphabet, padded). */
    public int base64Length() {
        return PairTableBase64.encodedLength(length);
    }

    /**
     * Writes the payload's Base64 text (standard alphabet, padded, as {@link java.util.Base64#getEncoder()} writes
     * it) into {@code target} at {@code at}, without copying the payload; returns the index after the text.
     *
     * @throws IndexOutOfBoundsException when {@code target} has less than {@link #base64Length()} bytes from
     *     {@code at}
     */
    public int base64Into(byte[] target, int at) {
        Objects.checkFromIndexSize(at, base64Length(), target.length);
        return PairTableBase64.encode(bytes, offset, length, target, at);
    }

    /** A copy of the whole payload. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /** A copy of the first {@code min(maxBytes, length())} bytes. */
    public byte[] prefix(int maxBytes) {
        return Arrays.copyOfRange(bytes, offset, offset + Math.min(Math.max(0, maxBytes), length));
    }

    /** Whether the payload holds exactly these bytes. */
    public boolean contentEquals(byte[] other) {
        return Arrays.equals(bytes, offset, offset + length, other, 0, other.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordData that
                && Arrays.equals(bytes, offset, offset + length, that.bytes, that.offset, that.offset + that.length);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash;
    }

    @Override
    public String toString() {
        return "RecordData[" + length + " bytes]";
    }
}
