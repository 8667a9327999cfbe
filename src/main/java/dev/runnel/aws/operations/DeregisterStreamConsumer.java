package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Consumers;
import dev.runnel.core.error.Constraints;
import org.springframework.stereotype.Component;

@Component
class DeregisterStreamConsumer implements AwsOperation<DeregisterStreamConsumer.Input> {

    record Input(String streamARN, String consumerName, String consumerARN, String streamId) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            Consumers.checkConsumerMembers(check, streamARN, consumerName, consumerARN);
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        context.consumers().deregister(context.consumer(input.streamARN(), input.consumerName(), input.consumerARN()));
        return null;
    }
}
