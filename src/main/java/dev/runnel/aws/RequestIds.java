package dev.runnel.aws;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids for {@code x-amzn-RequestId}: version-4 UUIDs, as AWS sends, drawn from the calling thread's
 * {@link ThreadLocalRandom}. They only need to be unique enough to find a call in a log;
 * {@link UUID#randomUUID()} would take every request through one shared, locked {@code SecureRandom}.
 */
public final class RequestIds {

    private RequestIds() {}

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
