package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.core.error.Constraints;
import org.springframework.stereotype.Component;

@Component
class DeleteStream implements AwsOperation<DeleteStream.Input> {

    record Input(String streamName, Boolean enforceConsumerDeletion, String streamARN, String streamId)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        context.streams()
                .delete(
                        context.stream(input.streamName(), input.streamARN()),
                        Boolean.TRUE.equals(input.enforceConsumerDeletion()));
        return null;
    }
}
