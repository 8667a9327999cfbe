package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.AwsShapes.StreamModeDetails;
import dev.runnel.aws.shapes.Modes;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.stream.Retention;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamFeatures;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.streams.CreateStreamCommand;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
class CreateStream implements AwsOperation<CreateStream.Input> {

    record Input(
            String streamName,
            Integer shardCount,
            StreamModeDetails streamModeDetails,
            Map<String, String> tags,
            Integer warmThroughputMiBps,
            Integer maxRecordSizeInKiB,
            String recordDistributionStrategy)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            if (check.required("streamName", streamName)) {
                check.string("streamName", streamName, 1, 128, StreamName.PATTERN);
            }
            check.range("shardCount", shardCount, 1, Integer.MAX_VALUE);
            Modes.check(check, "streamModeDetails", streamModeDetails);
            check.range("warmThroughputMiBps", warmThroughputMiBps, 0, Integer.MAX_VALUE);
            check.range(
                    "maxRecordSizeInKiB",
                    maxRecordSizeInKiB,
                    Stream.DEFAULT_MAX_RECORD_SIZE_KIB,
                    Stream.MAX_MAX_RECORD_SIZE_KIB);
            if (tags != null) {
                check.size("tags", "{...}", tags.size(), 1, 200);
            }
            Modes.checkDistribution(check, recordDistributionStrategy);
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        StreamMode mode = Modes.of(input.streamModeDetails());
        Integer warm = input.warmThroughputMiBps();
        if (warm != null) {
            if (mode != StreamMode.ON_DEMAND) {
                throw new InvalidArgumentException(
                        "WarmThroughputMiBps can only be set for ON_DEMAND streams in an account "
                                + "with MinimumThroughputBillingCommitment enabled.");
            }
            context.accountSettings().requireCommitment();
        }
        int shards;
        if (mode == StreamMode.ON_DEMAND) {
            shards = Math.max(
                    CreateStreamCommand.ON_DEMAND_SHARDS,
                    warm == null ? 0 : context.resharding().warmShards(warm));
        } else if (input.shardCount() == null) {
            throw new InvalidArgumentException("ShardCount is required for a stream in PROVISIONED mode.");
        } else {
            shards = input.shardCount();
        }
        int maxRecordSize =
                input.maxRecordSizeInKiB() == null ? Stream.DEFAULT_MAX_RECORD_SIZE_KIB : input.maxRecordSizeInKiB();
        context.streams()
                .create(new CreateStreamCommand(
                        new StreamName(input.streamName()),
                        mode,
                        shards,
                        Retention.DEFAULT_HOURS,
                        maxRecordSize,
                        input.tags(),
                        StreamFeatures.DEFAULTS
                                .withWarmThroughput(warm == null ? 0 : warm)
                                .withRecordDistribution(Modes.distribution(input.recordDistributionStrategy()))));
        return null;
    }
}
