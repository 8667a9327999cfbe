package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.AwsShapes;
import dev.runnel.aws.shapes.AwsShapes.Tag;
import dev.runnel.aws.shapes.Resources;
import dev.runnel.core.error.Constraints;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
class ListTagsForResource implements AwsOperation<ListTagsForResource.Input> {

    record Input(String resourceARN, String streamId) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            Resources.checkArn(check, resourceARN);
        }
    }

    record Output(List<Tag> tags) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        if (Resources.isChannel(input.resourceARN())) {
            return new Output(AwsShapes.tags(context.channels()
                    .describe(Resources.channelName(context, input.resourceARN()))
                    .channel()
                    .tags()));
        }
        Map<String, String> tags = Resources.isConsumer(input.resourceARN())
                ? context.consumers()
                        .describe(Resources.consumer(context, input.resourceARN()))
                        .consumer()
                        .tags()
                : context.streams()
                        .describe(Resources.stream(context, input.resourceARN()))
                        .tags();
        return new Output(AwsShapes.tags(tags));
    }
}
