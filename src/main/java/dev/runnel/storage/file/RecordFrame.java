package dev.runnel.storage.file;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk frame of one record in a segment file, big-endian:
 *
 * <pre>
 *  0  int   frame length: the bytes after this field
 *  4  int   CRC32C of every byte after this field (position through data)
 *  8  long  position
 * 16  long  arrival time, epoch milliseconds
 * 24  byte  flags (bit 0: encrypted)
 * 25  short partition-key length in UTF-8 bytes, unsigned
 * 27  ...   partition key, then data (the rest of the frame)
 * </pre>
 *
 * A frame is valid when its length fits the file, its CRC matches and its position is the one expected there.
 */
final class RecordFrame {

    /** Bytes before the partition key. */
    static final int HEADER_BYTES = 27;
    /** The frame-length value of a record with an empty key and no data. */
    static final int MIN_LENGTH = HEADER_BYTES - 4;

    static final int CRC_FROM = 8;
    static final int MAX_KEY_BYTES = 0x7FFF;
    private static final byte ENCRYPTED = 1;

    private RecordFrame() {}

    /**
     * The partition key's UTF-8 bytes.
     *
     * @throws IllegalArgumentException when they are more than {@link #MAX_KEY_BYTES}
     */
    static byte[] keyBytes(String partitionKey) {
        byte[] key = partitionKey.getBytes(StandardCharsets.UTF_8);
        if (key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("partition keys are at most " + MAX_KEY_BYTES + " bytes");
        }
        return key;
    }

    /** Bytes on disk of a record with this key and data, header included. */
    static int frameBytes(int keyBytes, int dataBytes) {
        return HEADER_BYTES + keyBytes + dataBytes;
    }

    /** Writes one frame at the buffer's position, advancing it. */
    static void encode(ByteBuffer out, long position, long arrivalMillis, boolean encrypted, byte[] key, byte[] data) {
        int start = out.position();
        out.putInt(MIN_LENGTH + key.length + data.length);
        out.putInt(0);
        out.putLong(position);
        out.putLong(arrivalMillis);
        out.put(encrypted ? ENCRYPTED : 0);
        out.putShort((short) key.length);
        out.put(key);
        out.put(data);
        out.putInt(start + 4, crc(out, start + CRC_FROM, out.position()));
    }

    /** CRC32C of the buffer's bytes from {@code from} (inclusive) to {@code to} (exclusive), absolute indexes. */
    static int crc(ByteBuffer buffer, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().limit(to).position(from));
        return (int) crc.getValue();
    }

    /** A decoded header, read at {@code offset} in its segment file. */
    record Header(
            long offset, int length, int crc, long position, long arrivalMillis, boolean encrypted, int keyBytes) {

        /** Reads the header at the buffer's absolute index {@code at}, which holds {@link #HEADER_BYTES} bytes. */
        static Header read(ByteBuffer buffer, int at, long offset) {
            return new Header(
                    offset,
                    buffer.getInt(at),
                    buffer.getInt(at + 4),
                    buffer.getLong(at + 8),
                    buffer.getLong(at + 16),
                    (buffer.get(at + 24) & ENCRYPTED) != 0,
                    buffer.getShort(at + 25) & 0xFFFF);
        }

        /** Bytes of the whole frame on disk. */
        long frameBytes() {
            return 4L + length;
        }

        int dataBytes() {
            return length - MIN_LENGTH - keyBytes;
        }

        /** Whether the lengths are consistent with each other (not whether the frame is complete on disk). */
        boolean sane() {
            return length >= MIN_LENGTH && keyBytes <= MAX_KEY_BYTES && dataBytes() >= 0;
        }

        /** The file offset just past this frame. */
        long nextOffset() {
            return offset + frameBytes();
        }
    }
}
