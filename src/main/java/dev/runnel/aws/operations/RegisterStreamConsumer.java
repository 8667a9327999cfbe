package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Consumers;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.Tags;
import dev.runnel.streams.ConsumerService;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
class RegisterStreamConsumer implements AwsOperation<RegisterStreamConsumer.Input> {

    record Input(String streamARN, String consumerName, String streamId, Map<String, String> tags) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            if (check.required("streamARN", streamARN)) {
                AwsContext.checkStreamMembers(check, null, streamARN);
            }
            if (check.required("consumerName", consumerName)) {
                Consumers.checkName(check, consumerName);
            }
        }
    }

    record Output(Consumers.Consumer consumer) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        ConsumerService.Registered registered = context.consumers()
                .register(
                        context.streamOfArn(input.streamARN()),
                        input.consumerName(),
                        Tags.validated("tags", input.tags()));
        return new Output(Consumers.consumer(
                registered.consumer(), registered.streamArn(), context.streams().now()));
    }
}
