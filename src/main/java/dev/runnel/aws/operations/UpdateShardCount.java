package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.core.error.Constraints;
import dev.runnel.streams.ReshardingService;
import org.springframework.stereotype.Component;

@Component
class UpdateShardCount implements AwsOperation<UpdateShardCount.Input> {

    record Input(String streamName, Integer targetShardCount, String scalingType, String streamARN, String streamId)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
            if (check.required("targetShardCount", targetShardCount)) {
                check.range("targetShardCount", targetShardCount, 1, Integer.MAX_VALUE);
            }
            if (check.required("scalingType", scalingType)) {
                check.violation(
                        "scalingType",
                        scalingType,
                        scalingType.equals("UNIFORM_SCALING"),
                        "Member must satisfy enum value set: [UNIFORM_SCALING]");
            }
        }
    }

    record Output(String streamName, int currentShardCount, int targetShardCount, String streamARN) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        ReshardingService.ShardCountUpdate update = context.resharding()
                .updateShardCount(context.stream(input.streamName(), input.streamARN()), input.targetShardCount());
        return new Output(
                update.stream().name().value(),
                update.currentShardCount(),
                update.targetShardCount(),
                context.streams().arn(update.stream()));
    }
}
