package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Resources;
import dev.runnel.core.error.Constraints;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
class TagResource implements AwsOperation<TagResource.Input> {

    record Input(Map<String, String> tags, String resourceARN, String streamId) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            Resources.checkTags(check, tags);
            Resources.checkArn(check, resourceARN);
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        if (Resources.isChannel(input.resourceARN())) {
            context.channels().tag(Resources.channelName(context, input.resourceARN()), input.tags());
        } else if (Resources.isConsumer(input.resourceARN())) {
            context.consumers().addTags(Resources.consumer(context, input.resourceARN()), input.tags());
        } else {
            context.settings().addTags(Resources.stream(context, input.resourceARN()), input.tags());
        }
        return null;
    }
}
