package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Resources;
import dev.runnel.core.error.Constraints;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class RemoveTagsFromStream implements AwsOperation<RemoveTagsFromStream.Input> {

    record Input(String streamName, List<String> tagKeys, String streamARN, String streamId) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
            Resources.checkTagKeys(check, tagKeys);
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        context.settings().removeTags(context.stream(input.streamName(), input.streamARN()), input.tagKeys());
        return null;
    }
}
