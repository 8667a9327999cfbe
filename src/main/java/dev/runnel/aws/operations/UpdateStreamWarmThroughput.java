package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.AwsShapes;
import dev.runnel.aws.shapes.AwsShapes.WarmThroughputObject;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.Stream;
import org.springframework.stereotype.Component;

@Component
class UpdateStreamWarmThroughput implements AwsOperation<UpdateStreamWarmThroughput.Input> {

    record Input(String streamARN, String streamName, String streamId, Integer warmThroughputMiBps)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
            if (check.required("warmThroughputMiBps", warmThroughputMiBps)) {
                check.range("warmThroughputMiBps", warmThroughputMiBps, 0, Integer.MAX_VALUE);
            }
        }
    }

    record Output(String streamARN, String streamName, WarmThroughputObject warmThroughput) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        Stream stream = context.resharding()
                .updateWarmThroughput(
                        context.stream(input.streamName(), input.streamARN()), input.warmThroughputMiBps());
        return new Output(
                context.streams().arn(stream), stream.name().value(), AwsShapes.warmThroughput(stream, context));
    }
}
