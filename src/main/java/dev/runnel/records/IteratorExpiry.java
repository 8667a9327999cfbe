package dev.runnel.records;

import dev.runnel.core.error.ExpiredIteratorException;
import dev.runnel.core.error.Messages;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How long a shard iterator is valid: from its issue time until {@code runnel.iterators.ttl} after it, as Kinesis's
 * are for five minutes. An issue time later than now by more than {@link #MAX_CLOCK_SKEW_MILLIS} (the clock
 * difference tolerated between nodes that share the signing secret) was never issued, so it is invalid. The
 * bounds are compared, never the difference of an issue time and now, which a forged issue time far in the past
 * or future made overflow into "never expires". Stateless.
 */
final class IteratorExpiry {

    /** How far ahead of this node's clock another node's may run. */
    static final long MAX_CLOCK_SKEW_MILLIS = 5_000;

    private static final DateTimeFormatter AWS_TIME = DateTimeFormatter.ofPattern(
                    "EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final long ttlMillis;

    IteratorExpiry(long ttlMillis) {
        this.ttlMillis = ttlMillis;
    }

    /**
     * @throws dev.runnel.core.error.InvalidArgumentException ("Invalid ShardIterator.") for an issue time in the
     *     future beyond the tolerated skew
     * @throws ExpiredIteratorException for an issue time more than the ttl before {@code now}, in Kinesis's words
     */
    void check(long issuedAtMillis, Instant now) {
        long nowMillis = now.toEpochMilli();
        if (issuedAtMillis > nowMillis + MAX_CLOCK_SKEW_MILLIS) {
            throw Messages.invalidIterator();
        }
        if (issuedAtMillis < nowMillis - ttlMillis) {
            throw new ExpiredIteratorException("Iterator expired. The iterator was created at time "
                    + AWS_TIME.format(Instant.ofEpochMilli(issuedAtMillis)) + " while right now it is "
                    + AWS_TIME.format(now) + " which is further in the future than the tolerated delay of "
                    + ttlMillis + " milliseconds.");
        }
    }
}
