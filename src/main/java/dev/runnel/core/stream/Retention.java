package dev.runnel.core.stream;

import dev.runnel.core.error.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;

/**
 * The retention rules of Kinesis: periods run from 24 to 8760 hours (365 days); Increase may not shorten and
 * Decrease may not lengthen; an equal value is a no-op. Stateless.
 */
public final class Retention {

    public static final int DEFAULT_HOURS = 24;
    public static final int MIN_HOURS = 24;
    public static final int MAX_HOURS = 8760;

    private Retention() {}

    /** Checks a period given at creation or by either update call. */
    public static int checkRange(int hours) {
        if (hours < MIN_HOURS) {
            throw new InvalidArgumentException("Minimum allowed retention period is " + MIN_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too short.");
        }
        if (hours > MAX_HOURS) {
            throw new InvalidArgumentException("Maximum allowed retention period is " + MAX_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too long.");
        }
        return hours;
    }

    /** IncreaseStreamRetentionPeriod's rule. */
    public static int checkIncrease(String stream, int currentHours, int requestedHours) {
        checkRange(requestedHours);
        if (requestedHours < currentHours) {
            throw new InvalidArgumentException("Requested retention period (" + requestedHours + " hours) for stream "
                    + stream + " can not be shorter than existing retention period (" + currentHours
                    + " hours). Use DecreaseRetentionPeriod API.");
        }
        return requestedHours;
    }

    /** DecreaseStreamRetentionPeriod's rule. */
    public static int checkDecrease(String stream, int currentHours, int requestedHours) {
        checkRange(requestedHours);
        if (requestedHours > currentHours) {
            throw new InvalidArgumentException("Requested retention period (" + requestedHours + " hours) for stream "
                    + stream + " can not be longer than existing retention period (" + currentHours
                    + " hours). Use IncreaseRetentionPeriod API.");
        }
        return requestedHours;
    }

    /** The oldest arrival time, epoch ms, still readable at {@code nowMillis}: the one rule for what has expired. */
    public static long cutoffMillis(long nowMillis, int hours) {
        return nowMillis - Duration.ofHours(hours).toMillis();
    }

    /** The trim horizon at {@code now}: {@link #cutoffMillis} as an instant. */
    public static Instant trimHorizon(Instant now, int hours) {
        return Instant.ofEpochMilli(cutoffMillis(now.toEpochMilli(), hours));
    }
}
