package dev.runnel.streams;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.LimitExceededException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.WarmThroughput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Kinesis's preconditions of the resharding calls, worded as AWS words them: which mode a call is for, the
 * bounds and daily quota of UpdateShardCount, the bounds of warm throughput, and how shards are named. Each
 * check throws or returns; none changes anything. Thread-safe.
 */
final class ReshardingRules {

    private static final Duration DAY = Duration.ofHours(24);

    private final StreamService streams;
    private final int onDemandMaxShards;

    /** @param onDemandMaxShards the most shards an ON_DEMAND stream has ({@code runnel.on-demand.max-shards}) */
    ReshardingRules(StreamService streams, int onDemandMaxShards) {
        this.streams = streams;
        this.onDemandMaxShards = onDemandMaxShards;
    }

    /** SplitShard, MergeShards and UpdateShardCount are for PROVISIONED streams; ON_DEMAND ones scale alone. */
    void provisionedOnly(Stream stream, String operation) {
        if (stream.mode() == StreamMode.ON_DEMAND) {
            throw new InvalidArgumentException(operation + " is not supported for stream " + stream.name()
                    + " under account " + account() + " because it is in ON_DEMAND mode.");
        }
    }

    /** Warm throughput is for ON_DEMAND streams only. */
    void onDemandOnly(Stream stream, String operation) {
        if (stream.mode() != StreamMode.ON_DEMAND) {
            throw new InvalidArgumentException(operation + " is only supported for ON_DEMAND streams; stream "
                    + stream.name() + " under account " + account() + " is in " + stream.mode() + " mode.");
        }
    }

    /** See {@link #warmShards(int, int)}, with this region's maximum. */
    int warmShards(int mibps) {
        return warmShards(mibps, onDemandMaxShards);
    }

    /**
     * Warm throughput of 0 … 10 GiB/s, and no more than {@code onDemandMaxShards} ({@code
     * runnel.on-demand.max-shards}) shards absorb.
     *
     * @return the open shards it takes
     * @throws LimitExceededException beyond either bound
     */
    static int warmShards(int mibps, int onDemandMaxShards) {
        if (mibps > WarmThroughput.MAX_MIBPS) {
            throw new LimitExceededException("WarmThroughputMiBps " + mibps + " exceeds the maximum of "
                    + WarmThroughput.MAX_MIBPS + " MiB/s for an on-demand stream.");
        }
        int shards = WarmThroughput.shardsFor(mibps);
        if (shards > onDemandMaxShards) {
            throw new LimitExceededException("WarmThroughputMiBps " + mibps + " needs " + shards + " shards, more "
                    + "than the " + onDemandMaxShards + " an ON_DEMAND stream may have here "
                    + "(runnel.on-demand.max-shards).");
        }
        return shards;
    }

    void checkShardCount(Stream stream, int current, int target, Instant now) {
        provisionedOnly(stream, "UpdateShardCount");
        if (target > 2 * current) {
            throw new InvalidArgumentException("UpdateShardCount cannot scale up over double your current open shard "
                    + "count. Current open shard count: " + current + " Target shard count: " + target);
        }
        if (target < (current + 1) / 2) {
            throw new InvalidArgumentException("UpdateShardCount cannot scale down below half your current open "
                    + "shard count. Current open shard count: " + current + " Target shard count: " + target);
        }
        if (target > ReshardingService.MAX_TARGET_SHARDS) {
            throw new InvalidArgumentException("UpdateShardCount cannot scale a stream above "
                    + ReshardingService.MAX_TARGET_SHARDS + " shards. Target shard count: " + target);
        }
        if (recent(stream.shardCountUpdates(), now).size() >= ReshardingService.SHARD_COUNT_UPDATES_PER_DAY) {
            throw new LimitExceededException("Stream " + stream.name() + " under account " + account()
                    + " has already been updated " + ReshardingService.SHARD_COUNT_UPDATES_PER_DAY
                    + " times with UpdateShardCount in the last 24 hours.");
        }
        if (target > current) {
            streams.checkShardLimit(target - current);
        }
    }

    void checkModeSwitch(Stream stream, StreamMode mode, Instant now) {
        if (stream.mode() == mode) {
            throw new InvalidArgumentException(
                    "Stream " + stream.name() + " under account " + account() + " is already in " + mode + " mode.");
        }
        if (recent(stream.modeUpdates(), now).size() >= ReshardingService.MODE_UPDATES_PER_DAY) {
            throw new LimitExceededException(
                    "Stream " + stream.name() + " under account " + account() + " has already switched its mode "
                            + ReshardingService.MODE_UPDATES_PER_DAY + " times in the last 24 hours.");
        }
        int channels = stream.features().liveChannels(now).size();
        if (mode == StreamMode.PROVISIONED && channels > 0) {
            throw new InvalidArgumentException("Stream " + stream.name() + " under account " + account() + " has "
                    + channels + " channel(s), which need ON_DEMAND mode; delete them before switching to "
                    + "PROVISIONED mode.");
        }
    }

    ShardId shardId(Stream stream, String text) {
        ShardId id = ShardId.parse(text).orElseThrow(() -> shardNotFound(stream, text));
        if (stream.shard(id).isEmpty()) {
            throw shardNotFound(stream, id.toString());
        }
        return id;
    }

    private ResourceNotFoundException shardNotFound(Stream stream, String shard) {
        return new ResourceNotFoundException(
                "Could not find shard " + shard + " in stream " + stream.name() + " under account " + account() + ".");
    }

    /** The instants of {@code history} within the last 24 hours, in a list the caller may extend. */
    static List<Instant> recent(List<Instant> history, Instant now) {
        Instant dayAgo = now.minus(DAY);
        return new ArrayList<>(history.stream().filter(at -> at.isAfter(dayAgo)).toList());
    }

    private String account() {
        return streams.account();
    }
}
