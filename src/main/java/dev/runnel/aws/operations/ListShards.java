package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.PageTokens;
import dev.runnel.aws.shapes.AwsShapes;
import dev.runnel.aws.shapes.AwsShapes.ShardShape;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.Messages;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardFilter;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.core.stream.StreamStatus;
import dev.runnel.streams.StreamService;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class ListShards implements AwsOperation<ListShards.Input> {

    private static final byte TOKEN_KIND = 'S';
    private static final int MAX_PAGE = 1000;

    record ShardFilterShape(String type, String shardId, Instant timestamp) {}

    record Input(
            String streamName,
            String nextToken,
            String exclusiveStartShardId,
            Integer maxResults,
            Instant streamCreationTimestamp,
            ShardFilterShape shardFilter,
            String streamARN,
            String streamId)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
            check.length("nextToken", nextToken, 1, 1048576);
            check.string("exclusiveStartShardId", exclusiveStartShardId, 1, 128, StreamName.PATTERN);
            check.range("maxResults", maxResults, 1, 10000);
            if (shardFilter != null && check.required("shardFilter.type", shardFilter.type())) {
                check.violation(
                        "shardFilter.type",
                        shardFilter.type(),
                        isType(shardFilter.type()),
                        "Member must satisfy enum value set: " + Arrays.toString(ShardFilter.Type.values()));
                check.string("shardFilter.shardId", shardFilter.shardId(), 1, 128, StreamName.PATTERN);
            }
        }

        private static boolean isType(String value) {
            return Arrays.stream(ShardFilter.Type.values())
                    .anyMatch(type -> type.name().equals(value));
        }
    }

    record Output(List<ShardShape> shards, String nextToken) {}

    /** Where a listing stands: the stream, the last shard listed and the filter. */
    private record Position(StreamName stream, long incarnation, int afterShard, ShardFilter filter) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        StreamService streams = context.streams();
        int pageSize = Math.min(input.maxResults() == null ? MAX_PAGE : input.maxResults(), MAX_PAGE);
        Position position = input.nextToken() != null ? fromToken(input, context) : fromRequest(input, context);
        Stream stream = streams.find(position.stream(), streams.now())
                .filter(s -> s.incarnation() == position.incarnation())
                .orElseThrow(() -> Messages.streamNotFound(position.stream().value(), context.account()));
        List<ShardShape> page = new ArrayList<>();
        int last = position.afterShard();
        for (Shard shard : streams.shards(stream, position.filter())) {
            if (shard.id().index() <= position.afterShard()) {
                continue;
            }
            if (page.size() == pageSize) {
                Position next = new Position(position.stream(), position.incarnation(), last, position.filter());
                return new Output(page, PageTokens.issue(context, TOKEN_KIND, encode(next)));
            }
            page.add(AwsShapes.shard(stream, shard, streams));
            last = shard.id().index();
        }
        return new Output(page, null);
    }

    private static Position fromRequest(Input input, AwsContext context) {
        if (input.streamName() == null && input.streamARN() == null) {
            throw new InvalidArgumentException("Either NextToken or StreamName should be provided.");
        }
        StreamService streams = context.streams();
        StreamName name = context.stream(input.streamName(), input.streamARN());
        Stream stream = streams.describe(name);
        if (input.streamCreationTimestamp() != null
                && input.streamCreationTimestamp().toEpochMilli()
                        != stream.createdAt().toEpochMilli()) {
            throw Messages.streamNotFound(name.value(), context.account());
        }
        StreamStatus status = streams.status(stream);
        if (status == StreamStatus.CREATING) {
            throw Messages.streamNotActive(name.value(), context.account(), status.name());
        }
        int after = input.exclusiveStartShardId() == null
                ? -1
                : ShardId.parse(input.exclusiveStartShardId())
                        .map(ShardId::index)
                        .orElse(Integer.MAX_VALUE);
        return new Position(name, stream.incarnation(), after, filter(input.shardFilter()));
    }

    private static ShardFilter filter(ShardFilterShape shape) {
        if (shape == null) {
            return ShardFilter.ALL;
        }
        ShardId shardId = null;
        if (shape.shardId() != null) {
            shardId = ShardId.parse(shape.shardId())
                    .orElseThrow(() ->
                            new InvalidArgumentException("Invalid ShardId in ShardFilter: " + shape.shardId() + "."));
        }
        return new ShardFilter(ShardFilter.Type.valueOf(shape.type()), shardId, shape.timestamp());
    }

    private static Position fromToken(Input input, AwsContext context) {
        rejectWithToken("StreamName", input.streamName());
        rejectWithToken("StreamARN", input.streamARN());
        rejectWithToken("ExclusiveStartShardId", input.exclusiveStartShardId());
        rejectWithToken("StreamCreationTimestamp", input.streamCreationTimestamp());
        ByteBuffer buffer = PageTokens.open(context, TOKEN_KIND, input.nextToken());
        long incarnation = buffer.getLong();
        int after = buffer.getInt();
        ShardFilter.Type type = ShardFilter.Type.values()[buffer.get()];
        int filterShard = buffer.getInt();
        long filterTime = buffer.getLong();
        byte[] name = new byte[buffer.remaining()];
        buffer.get(name);
        ShardFilter filter = new ShardFilter(
                type,
                filterShard < 0 ? null : new ShardId(filterShard),
                filterTime == Long.MIN_VALUE ? null : Instant.ofEpochMilli(filterTime));
        return new Position(new StreamName(new String(name, StandardCharsets.US_ASCII)), incarnation, after, filter);
    }

    private static byte[] encode(Position position) {
        byte[] name = position.stream().value().getBytes(StandardCharsets.US_ASCII);
        ShardFilter filter = position.filter();
        return ByteBuffer.allocate(8 + 4 + 1 + 4 + 8 + name.length)
                .putLong(position.incarnation())
                .putInt(position.afterShard())
                .put((byte) filter.type().ordinal())
                .putInt(filter.shardId() == null ? -1 : filter.shardId().index())
                .putLong(
                        filter.timestamp() == null
                                ? Long.MIN_VALUE
                                : filter.timestamp().toEpochMilli())
                .put(name)
                .array();
    }

    private static void rejectWithToken(String member, Object value) {
        if (value != null) {
            throw new InvalidArgumentException("NextToken and " + member + " cannot be provided together.");
        }
    }
}
