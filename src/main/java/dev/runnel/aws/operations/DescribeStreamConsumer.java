package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Consumers;
import dev.runnel.core.error.Constraints;
import org.springframework.stereotype.Component;

@Component
class DescribeStreamConsumer implements AwsOperation<DescribeStreamConsumer.Input> {

    record Input(String streamARN, String consumerName, String consumerARN, String streamId) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            Consumers.checkConsumerMembers(check, streamARN, consumerName, consumerARN);
        }
    }

    record Output(Consumers.ConsumerDescription consumerDescription) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        return new Output(Consumers.description(
                context.consumers()
                        .describe(context.consumer(input.streamARN(), input.consumerName(), input.consumerARN())),
                context.streams().now()));
    }
}
