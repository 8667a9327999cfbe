package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.AwsShapes;
import dev.runnel.aws.shapes.AwsShapes.EnhancedMetrics;
import dev.runnel.aws.shapes.AwsShapes.StreamModeDetails;
import dev.runnel.aws.shapes.AwsShapes.WarmThroughputObject;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.streams.StreamService;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class DescribeStreamSummary implements AwsOperation<DescribeStreamSummary.Input> {

    record Input(String streamName, String streamARN, String streamId) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
        }
    }

    record Output(StreamDescriptionSummary streamDescriptionSummary) {}

    record StreamDescriptionSummary(
            String streamName,
            String streamARN,
            String streamStatus,
            StreamModeDetails streamModeDetails,
            int retentionPeriodHours,
            Instant streamCreationTimestamp,
            List<EnhancedMetrics> enhancedMonitoring,
            String encryptionType,
            String keyId,
            int openShardCount,
            int consumerCount,
            WarmThroughputObject warmThroughput,
            int maxRecordSizeInKiB,
            int channelCount,
            String recordDistributionStrategy) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        StreamService streams = context.streams();
        Stream stream = streams.describe(context.stream(input.streamName(), input.streamARN()));
        return new Output(new StreamDescriptionSummary(
                stream.name().value(),
                streams.arn(stream),
                streams.status(stream).name(),
                new StreamModeDetails(stream.mode().name()),
                stream.retentionHours(),
                stream.createdAt(),
                AwsShapes.enhancedMonitoring(stream),
                AwsShapes.encryptionType(stream),
                stream.encryptionKeyId(),
                stream.openShardCount(),
                context.consumers().count(stream),
                AwsShapes.warmThroughput(stream, context),
                stream.maxRecordSizeKiB(),
                stream.features().liveChannels(streams.now()).size(),
                stream.mode() == StreamMode.ON_DEMAND
                        ? stream.features().recordDistribution().name()
                        : null));
    }
}
