package dev.runnel.core.account;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An account's minimum throughput billing commitment in one region (Kinesis's "On-demand Advantage", which
 * unlocks warm throughput). A commitment lasts at least {@link #MINIMUM_DURATION}: ending it earlier schedules
 * its end for the earliest allowed time, and enabling it again before then cancels that. Like a stream's, its
 * status is a pure function of the clock, so a scheduled end needs no timer. Immutable; instants to the
 * millisecond.
 *
 * @param startedAt when the current (or last) commitment started; null if there never was one
 * @param earliestAllowedEndAt when it may end at the earliest; null if there never was one
 * @param endedAt when it ended or is scheduled to end; null while it runs without an end in sight
 */
public record ThroughputCommitment(Instant startedAt, Instant earliestAllowedEndAt, Instant endedAt) {

    /** The shortest a commitment lasts. */
    public static final Duration MINIMUM_DURATION = Duration.ofHours(24);

    /** An account that never committed. */
    public static final ThroughputCommitment NONE = new ThroughputCommitment(null, null, null);

    public CommitmentStatus statusAt(Instant now) {
        if (startedAt == null || (endedAt != null && !now.isBefore(endedAt))) {
            return CommitmentStatus.DISABLED;
        }
        return endedAt == null ? CommitmentStatus.ENABLED : CommitmentStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END;
    }

    /** Whether the commitment holds at {@code now}, ending or not (warm throughput is available). */
    public boolean isActiveAt(Instant now) {
        return statusAt(now) != CommitmentStatus.DISABLED;
    }

    /** UpdateAccountSettings ENABLED: starts a commitment, or cancels the scheduled end of the current one. */
    public ThroughputCommitment enabledAt(Instant now) {
        if (isActiveAt(now)) {
            return new ThroughputCommitment(startedAt, earliestAllowedEndAt, null);
        }
        Instant start = now.truncatedTo(ChronoUnit.MILLIS);
        return new ThroughputCommitment(start, start.plus(MINIMUM_DURATION), null);
    }

    /**
     * UpdateAccountSettings DISABLED: ends the commitment now if its minimum duration has passed, and otherwise
     * schedules its end for the earliest allowed time. Ending one that is not active changes nothing.
     */
    public ThroughputCommitment disabledAt(Instant now) {
        if (!isActiveAt(now)) {
            return this;
        }
        Instant end = now.isBefore(earliestAllowedEndAt) ? earliestAllowedEndAt : now.truncatedTo(ChronoUnit.MILLIS);
        return new ThroughputCommitment(startedAt, earliestAllowedEndAt, end);
    }

    /** When the commitment ended, if it has by {@code now}; a scheduled end is not reported before it comes. */
    public Instant endedAt(Instant now) {
        return endedAt != null && !now.isBefore(endedAt) ? endedAt : null;
    }
}
