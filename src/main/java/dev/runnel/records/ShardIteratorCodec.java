package dev.runnel.records;

import dev.runnel.core.error.Messages;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.StreamName;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns {@link ShardIteratorToken}s into opaque, tamper-proof strings and back. The token is a small binary
 * record followed by a truncated HMAC-SHA256 over it, in URL-safe Base64 without padding (safe in a query
 * string). Nodes that share the secret accept each other's iterators. Thread-safe.
 */
public final class ShardIteratorCodec {

    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;
    private static final int FIXED_BYTES = 1 + 8 + 4 + 8 + 8 + 1;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    /** @param secret the shared key; when blank a random key is used, valid for this process only */
    public ShardIteratorCodec(String secret) {
        byte[] keyBytes;
        if (secret == null || secret.isBlank()) {
            keyBytes = new byte[32];
            new SecureRandom().nextBytes(keyBytes);
        } else {
            keyBytes = secret.getBytes(StandardCharsets.UTF_8);
        }
        this.key = new SecretKeySpec(keyBytes, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String encode(ShardIteratorToken token) {
        byte[] name = token.stream().value().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocate(FIXED_BYTES + name.length + MAC_BYTES);
        buffer.put(VERSION)
                .putLong(token.incarnation())
                .putInt(token.shard().index())
                .putLong(token.position())
                .putLong(token.issuedAtMillis())
                .put((byte) name.length)
                .put(name);
        byte[] bytes = buffer.array();
        byte[] mac = mac(bytes, bytes.length - MAC_BYTES);
        System.arraycopy(mac, 0, bytes, bytes.length - MAC_BYTES, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * @throws dev.runnel.core.error.InvalidArgumentException ("Invalid ShardIterator.") when the text was not
     *     made by a codec with the same secret, or was altered
     */
    public ShardIteratorToken decode(String text) {
        if (text == null || text.isEmpty() || text.length() > 512) {
            throw Messages.invalidIterator();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw Messages.invalidIterator();
        }
        if (bytes.length < FIXED_BYTES + MAC_BYTES || bytes[0] != VERSION) {
            throw Messages.invalidIterator();
        }
        int signedLength = bytes.length - MAC_BYTES;
        byte[] expected = Arrays.copyOf(mac(bytes, signedLength), MAC_BYTES);
        byte[] actual = Arrays.copyOfRange(bytes, signedLength, bytes.length);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw Messages.invalidIterator();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, signedLength - 1);
        long incarnation = buffer.getLong();
        int shard = buffer.getInt();
        long position = buffer.getLong();
        long issuedAt = buffer.getLong();
        int nameLength = buffer.get() & 0xFF;
        if (nameLength != buffer.remaining() || shard < 0 || position < 0) {
            throw Messages.invalidIterator();
        }
        String name = new String(bytes, FIXED_BYTES, nameLength, StandardCharsets.US_ASCII);
        return new ShardIteratorToken(new StreamName(name), incarnation, new ShardId(shard), position, issuedAt);
    }

    private byte[] mac(byte[] bytes, int length) {
        Mac mac = macs.get();
        mac.update(bytes, 0, length);
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides " + ALGORITHM, e);
        }
    }
}
