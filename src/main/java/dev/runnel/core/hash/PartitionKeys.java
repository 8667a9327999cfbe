package dev.runnel.core.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Kinesis routing: a partition key's hash key is the MD5 digest of its UTF-8 bytes read as an unsigned
 * 128-bit integer. Stateless and thread-safe.
 */
public final class PartitionKeys {

    private PartitionKeys() {}

    /** One digest per thread: looking the algorithm up through the providers cost more than hashing a key. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    });

    public static HashKey hashKey(String partitionKey) {
        return HashKey.fromBytes(MD5.get().digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
    }
}
