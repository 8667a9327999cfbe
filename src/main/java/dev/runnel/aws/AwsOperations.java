package dev.runnel.aws;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every operation Runnel implements, by name, and the names of all the Kinesis API has (Runnel implements each). */
@Component
public class AwsOperations {

    /** Every operation of the Kinesis API (SDK for Java 2.57.8). */
    public static final Set<String> KINESIS_OPERATIONS = Set.of(
            "AddTagsToStream",
            "CreateStream",
            "DecreaseStreamRetentionPeriod",
            "DeleteResourcePolicy",
            "DeleteStream",
            "DeregisterStreamConsumer",
            "DescribeAccountSettings",
            "DescribeLimits",
            "DescribeStream",
            "DescribeStreamConsumer",
            "DescribeStreamSummary",
            "DisableEnhancedMonitoring",
            "EnableEnhancedMonitoring",
            "GetRecords",
            "GetResourcePolicy",
            "GetShardIterator",
            "IncreaseStreamRetentionPeriod",
            "ListShards",
            "ListStreamConsumers",
            "ListStreams",
            "ListTagsForResource",
            "ListTagsForStream",
            "MergeShards",
            "PutRecord",
            "PutRecords",
            "PutResourcePolicy",
            "RegisterStreamConsumer",
            "RemoveTagsFromStream",
            "SplitShard",
            "StartStreamEncryption",
            "StopStreamEncryption",
            "SubscribeToShard",
            "TagResource",
            "UntagResource",
            "UpdateAccountSettings",
            "UpdateMaxRecordSize",
            "UpdateShardCount",
            "UpdateStreamMode",
            "UpdateStreamWarmThroughput",
            "UpdateStreamRecordDistributionStrategy",
            "CreateChannel",
            "DescribeChannel",
            "ListChannels",
            "UpdateChannel",
            "DeleteChannel");

    /**
     * An operation with its request shape's class, resolved once, and the way to read the stream a request
     * names (its {@code StreamName}, or the name in its {@code StreamARN}), for fault rules.
     */
    public record Bound<I extends AwsInput>(
            AwsOperation<I> operation, Class<I> inputType, Function<I, String> streamOf) {

        static <I extends AwsInput> Bound<I> of(AwsOperation<I> operation) {
            Class<I> type = operation.inputType();
            Method name = accessor(type, "streamName");
            Method arn = accessor(type, "streamARN");
            Function<I, String> streamOf = input -> {
                String value = read(name, input);
                if (value == null) {
                    String fromArn = read(arn, input);
                    value = fromArn == null ? null : fromArn.substring(fromArn.lastIndexOf('/') + 1);
                }
                return value;
            };
            return new Bound<>(operation, type, streamOf);
        }

        private static Method accessor(Class<?> type, String component) {
            if (type.getRecordComponents() == null) {
                return null;
            }
            for (RecordComponent candidate : type.getRecordComponents()) {
                if (candidate.getName().equals(component) && candidate.getType() == String.class) {
                    Method accessor = candidate.getAccessor();
                    accessor.setAccessible(true);
                    return accessor;
                }
            }
            return null;
        }

        private static String read(Method accessor, Object input) {
            try {
                return accessor == null ? null : (String) accessor.invoke(input);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
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
