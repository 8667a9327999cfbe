package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Resources;
import dev.runnel.core.error.Constraints;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class UntagResource implements AwsOperation<UntagResource.Input> {

    record Input(List<String> tagKeys, String resourceARN, String streamId) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            Resources.checkTagKeys(check, tagKeys);
            Resources.checkArn(check, resourceARN);
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        if (Resources.isChannel(input.resourceARN())) {
            context.channels().untag(Resources.channelName(context, input.resourceARN()), input.tagKeys());
        } else if (Resources.isConsumer(input.resourceARN())) {
            context.consumers().removeTags(Resources.consumer(context, input.resourceARN()), input.tagKeys());
        } else {
            context.settings().removeTags(Resources.stream(context, input.resourceARN()), input.tagKeys());
        }
        return null;
    }
}
