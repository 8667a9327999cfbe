package dev.runnel.storage.kafka;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The bytes of the metadata log's three topics. Stateless and thread-safe.
 *
 * <ul>
 *   <li>A proposal (value in the proposals topic; its Kafka key is the proposal id): a format byte, the expected
 *       revision (8 bytes), the key (length-prefixed UTF-8), a presence byte and, when present, the new value.
 *   <li>A decision (value in the decisions topic; its Kafka key is the proposal id): an accepted byte and a revision
 *       (8 bytes): the accepted write's revision, or the key's current one when rejected.
 *   <li>A state record (the state topic; its Kafka key is the metadata key): the value itself, or no value (a
 *       tombstone, so compaction drops a deleted key), with the revision in the {@value #REVISION_HEADER} header.
 * </ul>
 */
final class MetadataCodec {

    /** The header of a state record that carries its revision. */
    static final String REVISION_HEADER = "revision";

    private static final byte PROPOSAL_FORMAT = 1;

    /** A proposed change, as the arbiter reads it. */
    record Proposal(String key, long expectedRevision, byte[] value) {}

    /** A decision, as proposers read it. */
    record Decision(boolean accepted, long revision) {}

    private MetadataCodec() {}

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] proposal(String key, long expectedRevision, byte[] value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + (value == null ? 0 : value.length));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(PROPOSAL_FORMAT);
            out.writeLong(expectedRevision);
            byte[] keyBytes = utf8(key);
            out.writeInt(keyBytes.length);
            out.write(keyBytes);
            out.writeBoolean(value != null);
            if (value != null) {
                out.writeInt(value.length);
                out.write(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException when the bytes are no proposal this class wrote
     */
    static Proposal proposal(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("a proposal without a value");
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != PROPOSAL_FORMAT) {
                throw new IllegalArgumentException("unknown proposal format " + format);
            }
            long expected = in.readLong();
            String key = string(bytes(in, bytes.length));
            byte[] value = in.readBoolean() ? bytes(in, bytes.length) : null;
            if (in.available() > 0) {
                throw new IllegalArgumentException("a proposal with " + in.available() + " bytes too many");
            }
            return new Proposal(key, expected, value);
        } catch (IOException e) {
            throw new IllegalArgumentException("a truncated proposal", e);
        }
    }

    /** A length-prefixed byte string; {@code readFully} throws EOFException (an IOException) when it is cut short. */
    private static byte[] bytes(DataInputStream in, int limit) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > limit) {
            throw new IllegalArgumentException("a proposal with a length of " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    static byte[] decision(Decision decision) {
        return ByteBuffer.allocate(9)
                .put((byte) (decision.accepted() ? 1 : 0))
                .putLong(decision.revision())
                .array();
    }

    /**
     * @throws IllegalArgumentException when the bytes are no decision this class wrote
     */
    static Decision decision(byte[] bytes) {
        if (bytes == null || bytes.length != 9) {
            throw new IllegalArgumentException("a decision of " + (bytes == null ? "no" : bytes.length) + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new Decision(buffer.get() == 1, buffer.getLong());
    }

    static byte[] revision(long revision) {
        return ByteBuffer.allocate(8).putLong(revision).array();
    }

    /** The revision in a state record's headers, or -1 when it carries none (not written by an arbiter). */
    static long revision(Headers headers) {
        Header header = headers.lastHeader(REVISION_HEADER);
        if (header == null || header.value() == null || header.value().length != 8) {
            return -1;
        }
        return ByteBuffer.wrap(header.value()).getLong();
    }
}
