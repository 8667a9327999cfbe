package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.AwsShapes;
import dev.runnel.aws.shapes.AwsShapes.Tag;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.Tags;
import java.util.List;
import java.util.SortedMap;
import org.springframework.stereotype.Component;

@Component
class ListTagsForStream implements AwsOperation<ListTagsForStream.Input> {

    record Input(String streamName, String exclusiveStartTagKey, Integer limit, String streamARN, String streamId)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
            check.length("exclusiveStartTagKey", exclusiveStartTagKey, 1, 128);
            check.range("limit", limit, 1, Tags.MAX_TAGS);
        }
    }

    record Output(List<Tag> tags, boolean hasMoreTags) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        Stream stream = context.streams().describe(context.stream(input.streamName(), input.streamARN()));
        SortedMap<String, String> tags = input.exclusiveStartTagKey() == null
                ? stream.tags()
                : stream.tags().tailMap(input.exclusiveStartTagKey() + "\0");
        List<Tag> all = AwsShapes.tags(tags);
        int limit = input.limit() == null ? Tags.MAX_TAGS : input.limit();
        return all.size() > limit ? new Output(all.subList(0, limit), true) : new Output(all, false);
    }
}
