package dev.runnel.throttling;

/**
 * Paces one enhanced fan-out subscription to its consumer's share of a shard: Kinesis pushes at most 2 MiB/s per
 * shard to each consumer ({@code runnel.limits.read-bytes-per-second}), by slowing delivery rather than failing
 * it. One subscription calls it from one thread at a time.
 */
public interface FanOutPacer {

    /** A pacer that never waits (limits off). */
    FanOutPacer NONE = bytes -> 0;

    /**
     * Charges the bytes just delivered (a large event may go into debt) and answers how long to wait before the
     * next delivery.
     *
     * @return nanoseconds to wait; 0 while within the budget
     */
    long charge(long bytes);
}
