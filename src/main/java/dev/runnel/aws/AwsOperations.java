package dev.runnel.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every operation Runnel implements, by name, and the names of those it does not implement yet. */
@Component
public class AwsOperations {

    /** Every operation of the Kinesis API (SDK for Java 2.57.8). */
    public static final Set<String> KINESIS_OPERATIONS = Set.of(
            "AddTagsToStream", "CreateStream", "DecreaseStreamRetentionPeriod", "DeleteResourcePolicy",
            "DeleteStream", "DeregisterStreamConsumer", "DescribeAccountSettings", "DescribeLimits",
            "DescribeStream", "DescribeStreamConsumer", "DescribeStreamSummary", "DisableEnhancedMonitoring",
            "EnableEnhancedMonitoring", "GetRecords", "GetResourcePolicy", "GetShardIterator",
            "IncreaseStreamRetentionPeriod", "ListShards", "ListStreamConsumers", "ListStreams",
            "ListTagsForResource", "ListTagsForStream", "MergeShards", "PutRecord", "PutRecords",
            "PutResourcePolicy", "RegisterStreamConsumer", "RemoveTagsFromStream", "SplitShard",
            "StartStreamEncryption", "StopStreamEncryption", "SubscribeToShard", "TagResource", "UntagResource",
            "UpdateAccountSettings", "UpdateMaxRecordSize", "UpdateShardCount", "UpdateStreamMode",
            "UpdateStreamWarmThroughput", "UpdateStreamRecordDistributionStrategy", "CreateChannel",
            "DescribeChannel", "ListChannels", "UpdateChannel", "DeleteChannel");

    /** An operation with its request shape's class, resolved once. */
    public record Bound<I extends AwsInput>(AwsOperation<I> operation, Class<I> inputType) {

        static <I extends AwsInput> Bound<I> of(AwsOperation<I> operation) {
            return new Bound<>(operation, operation.inputType());
        }
    }

    private final Map<String, Bound<?>> byName;

    public AwsOperations(List<AwsOperation<?>> operations) {
        this.byName = operations.stream().collect(Collectors.toUnmodifiableMap(AwsOperation::name, Bound::of));
    }

    public Optional<Bound<?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
