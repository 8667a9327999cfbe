package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.core.error.Constraints;
import dev.runnel.streams.ChannelService;
import dev.runnel.streams.StreamService;
import org.springframework.stereotype.Component;

@Component
class DescribeLimits implements AwsOperation<DescribeLimits.Input> {

    /** Kinesis's default quota of ON_DEMAND streams per account and region. */
    static final int ON_DEMAND_STREAM_LIMIT = 50;

    record Input() implements AwsInput {
        @Override
        public void validate(Constraints check) {}
    }

    record Output(
            int shardLimit,
            long openShardCount,
            long onDemandStreamCount,
            int onDemandStreamCountLimit,
            int channelCount,
            int channelCountLimit) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        StreamService streams = context.streams();
        return new Output(
                streams.shardLimit(),
                streams.openShardCount(),
                streams.onDemandStreamCount(),
                ON_DEMAND_STREAM_LIMIT,
                context.channels().count(),
                ChannelService.CHANNEL_LIMIT);
    }
}
