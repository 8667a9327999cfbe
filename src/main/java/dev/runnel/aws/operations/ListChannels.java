package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.PageTokens;
import dev.runnel.aws.shapes.Channels;
import dev.runnel.aws.shapes.Channels.ChannelSummary;
import dev.runnel.aws.shapes.Channels.StreamIdentifier;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.Stream;
import dev.runnel.streams.ChannelService.ChannelPage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

@Component
class ListChannels implements AwsOperation<ListChannels.Input> {

    private static final byte TOKEN_KIND = 'C';
    private static final int MAX_PAGE = 100;

    record Input(List<StreamIdentifier> streamFilter, Integer maxResults, String nextToken) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            if (streamFilter != null) {
                check.size("streamFilter", "[...]", streamFilter.size(), 1, 10_000);
                for (int i = 0; i < streamFilter.size(); i++) {
                    String path = "streamFilter." + (i + 1);
                    if (check.required(path + ".member", streamFilter.get(i))
                            && check.required(
                                    path + ".streamARN", streamFilter.get(i).streamARN())) {
                        check.string(
                                path + ".streamARN",
                                streamFilter.get(i).streamARN(),
                                1,
                                2048,
                                AwsContext.STREAM_ARN_MODEL);
                    }
                }
            }
            check.range("maxResults", maxResults, 1, 10_000);
            check.length("nextToken", nextToken, 1, 1_048_576);
        }
    }

    record Output(List<ChannelSummary> channelSummaries, String nextToken) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        String after = null;
        if (input.nextToken() != null) {
            ByteBuffer position = PageTokens.open(context, TOKEN_KIND, input.nextToken());
            byte[] name = new byte[position.remaining()];
            position.get(name);
            after = new String(name, StandardCharsets.US_ASCII);
        }
        int pageSize = Math.min(input.maxResults() == null ? MAX_PAGE : input.maxResults(), MAX_PAGE);
        ChannelPage page = context.channels().list(after, pageSize, sources(input.streamFilter(), context));
        String token = page.hasMore()
                ? PageTokens.issue(
                        context,
                        TOKEN_KIND,
                        page.channels()
                                .get(page.channels().size() - 1)
                                .channel()
                                .name()
                                .getBytes(StandardCharsets.US_ASCII))
                : null;
        return new Output(
                page.channels().stream()
                        .map(located -> Channels.summarise(located, context))
                        .toList(),
                token);
    }

    /** Streams a filter names, by ARN and, when given, creation time (to the second when it has no fraction). */
    private static Predicate<Stream> sources(List<StreamIdentifier> filters, AwsContext context) {
        if (filters == null) {
            return stream -> true;
        }
        return stream -> filters.stream()
                .anyMatch(filter -> filter.streamARN().equals(context.streams().arn(stream))
                        && createdAt(filter.streamCreationTimestamp(), stream.createdAt()));
    }

    private static boolean createdAt(Instant asked, Instant created) {
        if (asked == null || asked.equals(created)) {
            return true;
        }
        return asked.getNano() == 0 && asked.getEpochSecond() == created.getEpochSecond();
    }
}
