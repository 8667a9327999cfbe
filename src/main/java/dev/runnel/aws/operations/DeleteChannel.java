package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Resources;
import dev.runnel.core.error.Constraints;
import org.springframework.stereotype.Component;

@Component
class DeleteChannel implements AwsOperation<DeleteChannel.Input> {

    record Input(String channelARN) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            Resources.checkChannelArn(check, channelARN);
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        context.channels().delete(Resources.channelName(context, input.channelARN()));
        return null;
    }
}
