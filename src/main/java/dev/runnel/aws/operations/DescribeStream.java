package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.AwsShapes;
import dev.runnel.aws.shapes.AwsShapes.EnhancedMetrics;
import dev.runnel.aws.shapes.AwsShapes.ShardShape;
import dev.runnel.aws.shapes.AwsShapes.StreamModeDetails;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.core.stream.StreamStatus;
import dev.runnel.streams.StreamService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class DescribeStream implements AwsOperation<DescribeStream.Input> {

    private static final int MAX_PAGE = 100;

    record Input(String streamName, Integer limit, String exclusiveStartShardId, String streamARN, String streamId)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
            check.range("limit", limit, 1, 10000);
            check.string("exclusiveStartShardId", exclusiveStartShardId, 1, 128, StreamName.PATTERN);
        }
    }

    record Output(StreamDescription streamDescription) {}

    record StreamDescription(
            String streamName,
            String streamARN,
            String streamStatus,
            StreamModeDetails streamModeDetails,
            List<ShardShape> shards,
            boolean hasMoreShards,
            int retentionPeriodHours,
            Instant streamCreationTimestamp,
            List<EnhancedMetrics> enhancedMonitoring,
            String encryptionType,
            String keyId) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        StreamService streams = context.streams();
        Stream stream = streams.describe(context.stream(input.streamName(), input.streamARN()));
        StreamStatus status = streams.status(stream);
        int pageSize = Math.min(input.limit() == null ? MAX_PAGE : input.limit(), MAX_PAGE);
        int after = input.exclusiveStartShardId() == null
                ? -1
                : ShardId.parse(input.exclusiveStartShardId())
                        .map(ShardId::index)
                        .orElse(Integer.MAX_VALUE);
        List<ShardShape> page = new ArrayList<>();
        boolean hasMore = false;
        if (status != StreamStatus.CREATING) {
            for (Shard shard : stream.shards()) {
                if (shard.id().index() <= after) {
                    continue;
                }
                if (page.size() == pageSize) {
                    hasMore = true;
                    break;
                }
                page.add(AwsShapes.shard(stream, shard, streams));
            }
        }
        return new Output(new StreamDescription(
                stream.name().value(),
                streams.arn(stream),
                status.name(),
                new StreamModeDetails(stream.mode().name()),
                page,
                hasMore,
                stream.retentionHours(),
                stream.createdAt(),
                AwsShapes.enhancedMonitoring(stream),
                AwsShapes.encryptionType(stream),
                stream.encryptionKeyId()));
    }
}
