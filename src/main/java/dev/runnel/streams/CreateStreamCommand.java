package dev.runnel.streams;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.stream.RecordDistribution;
import dev.runnel.core.stream.Retention;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamFeatures;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.core.stream.Tags;
import java.util.Map;
import java.util.Objects;

/**
 * A request to create a stream; the constructor rejects impossible values.
 *
 * @param name the new stream's name
 * @param mode PROVISIONED, or ON_DEMAND (which starts with {@link #ON_DEMAND_SHARDS} shards)
 * @param shardCount at least 1
 * @param retentionPeriodHours 24 … 8760
 * @param maxRecordSizeInKiB 1024 … 10240
 * @param tags validated, sorted by key
 * @param features warm throughput and record distribution (only ON_DEMAND streams may set either); no policies or
 *     channels
 */
public record CreateStreamCommand(
        StreamName name,
        StreamMode mode,
        int shardCount,
        int retentionPeriodHours,
        int maxRecordSizeInKiB,
        Map<String, String> tags,
        StreamFeatures features) {

    /** ON_DEMAND streams start with this many shards (4 MiB/s of writes). */
    public static final int ON_DEMAND_SHARDS = 4;

    public CreateStreamCommand {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(features, "features");
        if (mode != StreamMode.ON_DEMAND && features.recordDistribution() == RecordDistribution.AUTO) {
            throw new InvalidArgumentException(
                    "The AUTO record distribution strategy is only supported for streams " + "in ON_DEMAND mode.");
        }
        if (mode != StreamMode.ON_DEMAND && features.warmThroughputMiBps() > 0) {
            throw new InvalidArgumentException("WarmThroughputMiBps can only be set for ON_DEMAND streams in an "
                    + "account with MinimumThroughputBillingCommitment enabled.");
        }
        Constraints check = Constraints.check();
        check.range("shardCount", shardCount, 1, Integer.MAX_VALUE);
        check.range(
                "maxRecordSizeInKiB",
                maxRecordSizeInKiB,
                Stream.DEFAULT_MAX_RECORD_SIZE_KIB,
                Stream.MAX_MAX_RECORD_SIZE_KIB);
        check.throwIfInvalid();
        Retention.checkRange(retentionPeriodHours);
        tags = Tags.validated("tags", tags);
    }

    /** A stream with none of the newer features. */
    public CreateStreamCommand(
            StreamName name,
            StreamMode mode,
            int shardCount,
            int retentionPeriodHours,
            int maxRecordSizeInKiB,
            Map<String, String> tags) {
        this(name, mode, shardCount, retentionPeriodHours, maxRecordSizeInKiB, tags, StreamFeatures.DEFAULTS);
    }

    /** A PROVISIONED stream with Kinesis's defaults for the optional values. */
    public static CreateStreamCommand of(
            String name,
            Integer shardCount,
            Integer retentionPeriodHours,
            Integer maxRecordSizeInKiB,
            Map<String, String> tags) {
        return of(name, StreamMode.PROVISIONED, shardCount, retentionPeriodHours, maxRecordSizeInKiB, tags);
    }

    /**
     * Fills in Kinesis's defaults for the optional values; an ON_DEMAND stream takes no shard count and
     * starts with {@link #ON_DEMAND_SHARDS}.
     *
     * @throws dev.runnel.core.error.InvalidArgumentException when an ON_DEMAND stream is given a shard count
     */
    public static CreateStreamCommand of(
            String name,
            StreamMode mode,
            Integer shardCount,
            Integer retentionPeriodHours,
            Integer maxRecordSizeInKiB,
            Map<String, String> tags) {
        Constraints check = Constraints.check();
        if (mode == StreamMode.PROVISIONED) {
            check.required("shardCount", shardCount);
        }
        StreamName streamName = new StreamName(name);
        check.throwIfInvalid();
        if (mode == StreamMode.ON_DEMAND && shardCount != null) {
            throw new InvalidArgumentException("An ON_DEMAND stream takes no shardCount: it starts with "
                    + ON_DEMAND_SHARDS + " shards and adds more under load. Leave shardCount out, or create a "
                    + "PROVISIONED stream.");
        }
        if (mode == StreamMode.ON_DEMAND) {
            shardCount = ON_DEMAND_SHARDS;
        }
        return new CreateStreamCommand(
                streamName,
                mode,
                shardCount,
                retentionPeriodHours == null ? Retention.DEFAULT_HOURS : retentionPeriodHours,
                maxRecordSizeInKiB == null ? Stream.DEFAULT_MAX_RECORD_SIZE_KIB : maxRecordSizeInKiB,
                tags);
    }
}
