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

    /**
     * One digest per thread, each a copy of one made at start: looking the algorithm up through the providers
     * costs more than hashing a key, and a request on a virtual thread makes a new copy (a thread lives one request).
     */
    private static final MessageDigest PROTOTYPE;

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    }

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(PartitionKeys::copy);

    private static MessageDigest copy() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's MD5 can be copied", e);
        }
    }

    public static HashKey hashKey(String partitionKey) {
        return HashKey.fromBytes(MD5.get().digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
    }
}
