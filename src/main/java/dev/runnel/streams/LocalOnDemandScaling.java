package dev.runnel.streams;

import dev.runnel.core.error.KinesisException;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardCapacity;
import dev.runnel.core.stream.ScalingEvent;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamStatus;
import dev.runnel.core.stream.WarmThroughput;
import dev.runnel.insight.ShardTraffic;
import dev.runnel.insight.TrafficMeter;
import dev.runnel.settings.RunnelProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-demand scaling of a single process, from its own traffic meters. Grows ON_DEMAND streams: when a stream's write rate, averaged over the last
 * {@code runnel.on-demand.sustained-for}, reaches {@code scale-up-at} of its capacity, its open shards double
 * (never more in one step), no sooner than {@code cooldown} after its previous step. The rate counts every
 * shard of the stream, open or just closed, from the same traffic windows throttling and insights use.
 *
 * <p>Warm throughput sets a floor: while the account's throughput commitment holds, a stream never has fewer
 * open shards than its warm throughput takes (1 MiB/s a shard). UpdateStreamWarmThroughput scales up to it at
 * once; should a stream still be below it (the shard limit refused that step), the next look raises it to the
 * floor whatever its traffic. Scaling never goes down, so nothing else can take a stream below its floor.
 */
public final class LocalOnDemandScaling implements OnDemandScaling {

    private static final Logger log = LoggerFactory.getLogger(LocalOnDemandScaling.class);

    private final StreamService streams;
    private final ReshardingService resharding;
    private final TrafficMeter traffic;
    private final InstantSource clock;
    private final RunnelProperties.OnDemand settings;
    private final AccountSettingsService account;

    /** @param account the region's account settings: warm throughput floors hold while its commitment does */
    public LocalOnDemandScaling(
            StreamService streams,
            ReshardingService resharding,
            TrafficMeter traffic,
            InstantSource clock,
            RunnelProperties.OnDemand settings,
            AccountSettingsService account) {
        this.account = account;
        this.streams = streams;
        this.resharding = resharding;
        this.traffic = traffic;
        this.clock = clock;
        this.settings = settings;
    }

    /** The write rate of a stream over the sustained window. */
    record WriteRate(double bytesPerSecond, double recordsPerSecond) {}

    @Override
    public List<ScalingEvent> scaleUp() {
        List<ScalingEvent> taken = new ArrayList<>();
        Instant now = clock.instant();
        for (Stream stream : streams.live()) {
            if (stream.mode() != StreamMode.ON_DEMAND || stream.statusAt(now) != StreamStatus.ACTIVE) {
                continue;
            }
            int open = stream.openShardCount();
            Step step = step(stream, open, now);
            if (step == null) {
                continue;
            }
            int target = step.target();
            String reason = step.reason();
            try {
                Stream scaled = resharding.scaleOnDemand(stream.name(), target, reason);
                ScalingEvent event =
                        scaled.scalingEvents().get(scaled.scalingEvents().size() - 1);
                log.info("ON_DEMAND stream {} scaled from {} to {} shards: {}", stream.name(), open, target, reason);
                taken.add(event);
            } catch (KinesisException e) {
                log.warn(
                        "ON_DEMAND stream {} could not scale from {} to {} shards: {}",
                        stream.name(),
                        open,
                        target,
                        e.getMessage());
            }
        }
        return taken;
    }

    /** A scaling step to take: the open shards to reach, and why. */
    private record Step(int target, String reason) {}

    /** Up to the warm throughput's floor, or a doubling when the writes call for it; null for no step. */
    private Step step(Stream stream, int open, Instant now) {
        int floor = warmFloor(stream);
        if (open < floor) {
            return new Step(floor, "warm throughput of " + stream.features().warmThroughputMiBps() + " MiB/s");
        }
        if (coolingDown(stream, now)) {
            return null;
        }
        WriteRate rate = writeRate(stream, now);
        double byBytes = rate.bytesPerSecond() / (open * (double) ShardCapacity.WRITE_BYTES_PER_SECOND);
        double byRecords = rate.recordsPerSecond() / (open * (double) ShardCapacity.WRITE_RECORDS_PER_SECOND);
        double utilisation = Math.max(byBytes, byRecords);
        int target = Math.min(open * 2, settings.maxShards());
        if (utilisation < settings.scaleUpAt() || target <= open) {
            return null;
        }
        return new Step(
                target,
                String.format(
                        Locale.ROOT,
                        "writes at %.0f%% of capacity over %ds (%.0f records/s, %.0f bytes/s on %d shards)",
                        utilisation * 100,
                        settings.sustainedFor().getSeconds(),
                        rate.recordsPerSecond(),
                        rate.bytesPerSecond(),
                        open));
    }

    /** The fewest open shards the stream may have: those of its warm throughput while the commitment holds. */
    int warmFloor(Stream stream) {
        int mibps = stream.features().warmThroughputMiBps();
        if (mibps == 0 || !account.commitmentActive()) {
            return 0;
        }
        return Math.min(WarmThroughput.shardsFor(mibps), settings.maxShards());
    }

    /** The stream's average write rate over the whole seconds of the sustained window. */
    WriteRate writeRate(Stream stream, Instant now) {
        int seconds = (int) settings.sustainedFor().getSeconds();
        long second = now.getEpochSecond();
        long bytes = 0;
        long records = 0;
        for (Shard shard : stream.shards()) {
            ShardTraffic shardTraffic = traffic.shard(stream.incarnation(), shard.id());
            bytes += shardTraffic.sum(second, seconds, ShardTraffic.Measure.WRITE_BYTES);
            records += shardTraffic.sum(second, seconds, ShardTraffic.Measure.WRITE_RECORDS);
        }
        return new WriteRate(bytes / (double) seconds, records / (double) seconds);
    }

    private boolean coolingDown(Stream stream, Instant now) {
        List<ScalingEvent> events = stream.scalingEvents();
        Instant since = events.isEmpty()
                ? stream.activeAt()
                : events.get(events.size() - 1).at();
        Duration wait = events.isEmpty() ? settings.sustainedFor() : settings.cooldown();
        return now.isBefore(since.plus(wait));
    }
}
