package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.StreamName;
import org.springframework.stereotype.Component;

@Component
class MergeShards implements AwsOperation<MergeShards.Input> {

    record Input(String streamName, String shardToMerge, String adjacentShardToMerge, String streamARN, String streamId)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
            if (check.required("shardToMerge", shardToMerge)) {
                check.string("shardToMerge", shardToMerge, 1, 128, StreamName.PATTERN);
            }
            if (check.required("adjacentShardToMerge", adjacentShardToMerge)) {
                check.string("adjacentShardToMerge", adjacentShardToMerge, 1, 128, StreamName.PATTERN);
            }
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        context.resharding()
                .merge(
                        context.stream(input.streamName(), input.streamARN()),
                        input.shardToMerge(),
                        input.adjacentShardToMerge());
        return null;
    }
}
