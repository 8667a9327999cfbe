package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.PageTokens;
import dev.runnel.aws.shapes.AwsShapes.StreamModeDetails;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.streams.StreamPage;
import dev.runnel.streams.StreamService;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class ListStreams implements AwsOperation<ListStreams.Input> {

    private static final byte TOKEN_KIND = 'L';
    private static final int MAX_PAGE = 100;

    record Input(Integer limit, String exclusiveStartStreamName, String nextToken) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            check.range("limit", limit, 1, 10000);
            check.string("exclusiveStartStreamName", exclusiveStartStreamName, 1, 128, StreamName.PATTERN);
            check.length("nextToken", nextToken, 1, 1048576);
        }
    }

    record Output(
            List<String> streamNames, boolean hasMoreStreams, String nextToken, List<StreamSummary> streamSummaries) {}

    record StreamSummary(
            String streamName,
            String streamARN,
            String streamStatus,
            StreamModeDetails streamModeDetails,
            Instant streamCreationTimestamp) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        StreamService streams = context.streams();
        StreamName after = null;
        if (input.nextToken() != null) {
            if (input.exclusiveStartStreamName() != null) {
                throw new InvalidArgumentException(
                        "NextToken and ExclusiveStartStreamName cannot be provided together.");
            }
            ByteBuffer position = PageTokens.open(context, TOKEN_KIND, input.nextToken());
            byte[] name = new byte[position.remaining()];
            position.get(name);
            after = new StreamName(new String(name, StandardCharsets.US_ASCII));
        } else if (input.exclusiveStartStreamName() != null) {
            after = new StreamName(input.exclusiveStartStreamName());
        }
        int pageSize = Math.min(input.limit() == null ? MAX_PAGE : input.limit(), MAX_PAGE);
        StreamPage page = streams.list(after, pageSize);
        List<Stream> listed = page.streams();
        String token = page.hasMore()
                ? PageTokens.issue(
                        context,
                        TOKEN_KIND,
                        listed.get(listed.size() - 1).name().value().getBytes(StandardCharsets.US_ASCII))
                : null;
        return new Output(
                listed.stream().map(s -> s.name().value()).toList(),
                page.hasMore(),
                token,
                listed.stream()
                        .map(s -> new StreamSummary(
                                s.name().value(),
                                streams.arn(s),
                                streams.status(s).name(),
                                new StreamModeDetails(s.mode().name()),
                                s.createdAt()))
                        .toList());
    }
}
