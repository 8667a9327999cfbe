package dev.runnel.records;

import dev.runnel.core.error.Messages;
import dev.runnel.core.error.ValidationException;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.StreamName;
import dev.runnel.tokens.TokenSigner;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns {@link ShardIteratorToken}s into opaque, signed strings and back (see {@link TokenSigner}).
 * Thread-safe.
 */
public final class ShardIteratorCodec {

    private static final byte VERSION = 1;
    private static final int FIXED_BYTES = 1 + 8 + 4 + 8 + 8 + 1;

    private final TokenSigner signer;

    public ShardIteratorCodec(TokenSigner signer) {
        this.signer = signer;
    }

    public String encode(ShardIteratorToken token) {
        byte[] name = token.stream().value().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocate(FIXED_BYTES + name.length);
        buffer.put(VERSION)
                .putLong(token.incarnation())
                .putInt(token.shard().index())
                .putLong(token.position())
                .putLong(token.issuedAtMillis())
                .put((byte) name.length)
                .put(name);
        return signer.sign(buffer.array());
    }

    /**
     * @throws dev.runnel.core.error.InvalidArgumentException ("Invalid ShardIterator.") when the text was not
     *     made by a codec with the same secret, or was altered
     */
    public ShardIteratorToken decode(String text) {
        if (text == null || text.length() > 512) {
            throw Messages.invalidIterator();
        }
        byte[] bytes = signer.verify(text).orElseThrow(Messages::invalidIterator);
        if (bytes.length < FIXED_BYTES || bytes[0] != VERSION) {
            throw Messages.invalidIterator();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        long incarnation = buffer.getLong();
        int shard = buffer.getInt();
        long position = buffer.getLong();
        long issuedAt = buffer.getLong();
        int nameLength = buffer.get() & 0xFF;
        if (nameLength != buffer.remaining() || shard < 0 || position < 0) {
            throw Messages.invalidIterator();
        }
        try {
            StreamName name = new StreamName(new String(bytes, FIXED_BYTES, nameLength, StandardCharsets.US_ASCII));
            return new ShardIteratorToken(name, incarnation, new ShardId(shard), position, issuedAt);
        } catch (ValidationException e) {
            throw Messages.invalidIterator();
        }
    }
}
