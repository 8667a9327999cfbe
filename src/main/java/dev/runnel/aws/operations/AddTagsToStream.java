package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Resources;
import dev.runnel.core.error.Constraints;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
class AddTagsToStream implements AwsOperation<AddTagsToStream.Input> {

    record Input(String streamName, Map<String, String> tags, String streamARN, String streamId) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
            Resources.checkTags(check, tags);
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        context.settings().addTags(context.stream(input.streamName(), input.streamARN()), input.tags());
        return null;
    }
}
