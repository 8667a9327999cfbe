package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.PageTokens;
import dev.runnel.aws.shapes.Consumers;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.Messages;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamConsumer;
import dev.runnel.core.stream.StreamName;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class ListStreamConsumers implements AwsOperation<ListStreamConsumers.Input> {

    private static final byte TOKEN_KIND = 'C';
    private static final int MAX_PAGE = 100;

    record Input(
            String streamARN, String nextToken, Integer maxResults, Instant streamCreationTimestamp, String streamId)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            if (check.required("streamARN", streamARN)) {
                AwsContext.checkStreamMembers(check, null, streamARN);
            }
            check.length("nextToken", nextToken, 1, 1048576);
            check.range("maxResults", maxResults, 1, 10000);
        }
    }

    record Output(List<Consumers.Consumer> consumers, String nextToken) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        StreamName name = context.streamOfArn(input.streamARN());
        Stream stream = context.consumers().stream(name);
        if (input.streamCreationTimestamp() != null
                && input.streamCreationTimestamp().toEpochMilli()
                        != stream.createdAt().toEpochMilli()) {
            throw Messages.streamNotFound(name.value(), context.account());
        }
        List<StreamConsumer> all = context.consumers().list(name);
        int from = input.nextToken() == null ? 0 : after(all, context, input.nextToken());
        int pageSize = Math.min(input.maxResults() == null ? MAX_PAGE : input.maxResults(), MAX_PAGE);
        List<StreamConsumer> page = all.subList(from, Math.min(all.size(), from + pageSize));
        String token = from + page.size() < all.size()
                ? PageTokens.issue(context, TOKEN_KIND, position(page.get(page.size() - 1)))
                : null;
        String streamArn = context.streams().arn(stream);
        Instant now = context.streams().now();
        return new Output(
                page.stream()
                        .map(consumer -> Consumers.consumer(consumer, streamArn, now))
                        .toList(),
                token);
    }

    /** A token holds the last listed consumer's registration time and name; the next page starts after it. */
    private static byte[] position(StreamConsumer last) {
        byte[] name = last.name().getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + name.length)
                .putLong(last.createdAt().toEpochMilli())
                .put(name)
                .array();
    }

    private static int after(List<StreamConsumer> all, AwsContext context, String token) {
        ByteBuffer position = PageTokens.open(context, TOKEN_KIND, token);
        if (position.remaining() < 8) {
            throw new InvalidArgumentException("Invalid NextToken.");
        }
        long createdMillis = position.getLong();
        byte[] name = new byte[position.remaining()];
        position.get(name);
        String lastName = new String(name, StandardCharsets.US_ASCII);
        for (int i = 0; i < all.size(); i++) {
            StreamConsumer consumer = all.get(i);
            long created = consumer.createdAt().toEpochMilli();
            if (created > createdMillis
                    || (created == createdMillis && consumer.name().compareTo(lastName) > 0)) {
                return i;
            }
        }
        return all.size();
    }
}
