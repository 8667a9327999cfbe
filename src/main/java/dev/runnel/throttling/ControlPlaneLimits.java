package dev.runnel.throttling;

import dev.runnel.core.error.LimitExceededException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kinesis's control-plane call rates (per account and region; ListShards and the consumer calls but
 * RegisterStreamConsumer per stream), enforced with
 * {@link LimitExceededException} when {@code runnel.limits.control-plane} is on. Off by default: KCL's
 * start-up and test suites would trip them. Thread-safe.
 */
public final class ControlPlaneLimits {

    /** Calls per second by operation, from the Kinesis quotas page. */
    static final Map<String, Integer> CALLS_PER_SECOND = Map.ofEntries(
            Map.entry("CreateStream", 5),
            Map.entry("DeleteStream", 5),
            Map.entry("ListStreams", 5),
            Map.entry("AddTagsToStream", 5),
            Map.entry("RemoveTagsFromStream", 5),
            Map.entry("ListTagsForStream", 5),
            Map.entry("TagResource", 5),
            Map.entry("UntagResource", 5),
            Map.entry("ListTagsForResource", 5),
            Map.entry("DescribeStream", 10),
            Map.entry("DescribeStreamSummary", 20),
            Map.entry("ListShards", 1000),
            Map.entry("MergeShards", 5),
            Map.entry("SplitShard", 5),
            Map.entry("UpdateShardCount", 10),
            Map.entry("DescribeLimits", 1),
            Map.entry("UpdateStreamMode", 5),
            Map.entry("UpdateMaxRecordSize", 5),
            Map.entry("RegisterStreamConsumer", 5),
            Map.entry("DescribeStreamConsumer", 20),
            Map.entry("ListStreamConsumers", 5),
            Map.entry("DeregisterStreamConsumer", 5),
            Map.entry("UpdateStreamWarmThroughput", 5),
            Map.entry("DescribeAccountSettings", 5),
            Map.entry("UpdateAccountSettings", 5),
            Map.entry("CreateChannel", 5),
            Map.entry("DescribeChannel", 5),
            Map.entry("ListChannels", 5),
            Map.entry("UpdateChannel", 5),
            Map.entry("DeleteChannel", 5));

    /** Operations whose rate Kinesis counts per stream rather than per account and region. */
    static final Set<String> PER_STREAM =
            Set.of("ListShards", "DescribeStreamConsumer", "ListStreamConsumers", "DeregisterStreamConsumer");

    private final boolean enabled;
    private final TimeMeter time;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ControlPlaneLimits(boolean enabled, InstantSource clock) {
        this.enabled = enabled;
        this.time = new ClockTimeMeter(clock);
    }

    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Counts one call, or refuses it when the operation's rate is used up.
     *
     * @param stream the stream named, for the per-stream ListShards rate and the message; may be null
     * @throws LimitExceededException over the rate
     */
    public void acquire(String account, String region, String operation, String stream) {
        Integer perSecond = CALLS_PER_SECOND.get(operation);
        if (!enabled || perSecond == null) {
            return;
        }
        String key = region + "/" + operation + (PER_STREAM.contains(operation) ? "/" + stream : "");
        Bucket bucket = buckets.computeIfAbsent(
                key,
                k -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
                        .withCustomTimePrecision(time)
                        .build());
        if (!bucket.tryConsume(1)) {
            throw new LimitExceededException(
                    stream == null
                            ? "Rate exceeded for " + operation + " under account " + account + "."
                            : "Rate exceeded for stream " + stream + " under account " + account + ".");
        }
    }
}
