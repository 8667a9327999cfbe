package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.hash.HashKey;
import dev.runnel.core.stream.StreamName;
import org.springframework.stereotype.Component;

@Component
class SplitShard implements AwsOperation<SplitShard.Input> {

    record Input(String streamName, String shardToSplit, String newStartingHashKey, String streamARN, String streamId)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
            if (check.required("shardToSplit", shardToSplit)) {
                check.string("shardToSplit", shardToSplit, 1, 128, StreamName.PATTERN);
            }
            if (check.required("newStartingHashKey", newStartingHashKey)) {
                check.pattern("newStartingHashKey", newStartingHashKey, HashKey.WIRE_PATTERN);
            }
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        context.resharding()
                .split(
                        context.stream(input.streamName(), input.streamARN()),
                        input.shardToSplit(),
                        input.newStartingHashKey());
        return null;
    }
}
