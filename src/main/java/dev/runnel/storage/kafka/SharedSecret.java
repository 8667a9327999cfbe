package dev.runnel.storage.kafka;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The iterator secret of a cluster whose settings give none: the first node to start stores a random one in the
 * metadata log ({@code secrets/iterators}, written only if absent), and every node uses whatever is stored, so
 * shard iterators and pagination tokens from one node verify on every other.
 */
public final class SharedSecret {

    static final String KEY = "secrets/iterators";

    private SharedSecret() {}

    /** The stored secret, stored first if there is none; blocks for a round trip or two of the metadata log. */
    public static String of(MetadataLog metadata) {
        metadata.barrier();
        return metadata.get(KEY).map(SharedSecret::text).orElseGet(() -> {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            byte[] secret = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
            metadata.propose(KEY, MetadataLog.ABSENT, secret);
            metadata.barrier(); // another node's secret may have won
            return metadata.get(KEY)
                    .map(SharedSecret::text)
                    .orElseThrow(() -> new IllegalStateException("the shared iterator secret was not stored"));
        });
    }

    private static String text(MetadataLog.Entry entry) {
        return new String(entry.value(), StandardCharsets.US_ASCII);
    }
}
