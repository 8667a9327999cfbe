package dev.runnel.support;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.runnel.core.hash.HashKey;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Resharding;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamConsumer;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.insight.Insights;
import dev.runnel.insight.StreamInsights;
import dev.runnel.streams.StreamService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Canned answers for controller slices, whose services are mocks: streams as the services would return them at
 * a fixed instant ({@link #NOW}), quiet insights for them, and the small views of {@link StreamService} that the
 * controllers render a stream with.
 */
public final class CannedStreams {

    /** What the mocked services answer for "now". */
    public static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");
    /** When the canned streams were created: an hour before {@link #NOW}, in whole seconds. */
    public static final Instant CREATED = NOW.minus(Duration.ofHours(1));

    public static final String ACCOUNT = "000000000000";
    public static final String REGION = "us-east-1";
    public static final long INCARNATION = 42;
    /** How long a canned change keeps a stream CREATING, UPDATING or DELETING after {@link #NOW}. */
    public static final Duration DELAY = Duration.ofMillis(500);

    private CannedStreams() {}

    /** An ACTIVE PROVISIONED stream of uniform shards, 24 hours' retention, no tags. */
    public static Stream active(String name, int shards) {
        return active(name, StreamMode.PROVISIONED, shards, 24, Map.of());
    }

    public static Stream active(
            String name, StreamMode mode, int shards, int retentionHours, Map<String, String> tags) {
        return Stream.create(
                StreamName.of(name),
                INCARNATION,
                mode,
                shards,
                retentionHours,
                Stream.DEFAULT_MAX_RECORD_SIZE_KIB,
                tags,
                CREATED,
                Duration.ZERO);
    }

    /** A stream created at {@link #NOW}: still CREATING. */
    public static Stream creating(String name, int shards) {
        return Stream.create(
                StreamName.of(name),
                INCARNATION,
                StreamMode.PROVISIONED,
                shards,
                24,
                Stream.DEFAULT_MAX_RECORD_SIZE_KIB,
                Map.of(),
                NOW,
                DELAY);
    }

    /** The stream after a change that keeps it UPDATING past {@link #NOW}. */
    public static Stream updating(Stream stream) {
        return stream.with(c -> c.updatingUntil = NOW.plus(DELAY));
    }

    /** The stream as DeleteStream answers it: DELETING. */
    public static Stream deleting(Stream stream) {
        return stream.deleting(NOW, DELAY);
    }

    /** As SplitShard answers: the shard closed at {@link #NOW} after six records, two children, UPDATING. */
    public static Stream split(Stream stream, int shard, String newStartingHashKey) {
        HashKey key = HashKey.parse(newStartingHashKey).orElseThrow();
        return updating(Resharding.split(stream, new ShardId(shard), key, 6, NOW, ACCOUNT));
    }

    /** As MergeShards answers: both shards closed at {@link #NOW} after three records each, one child, UPDATING. */
    public static Stream merge(Stream stream, int shard, int adjacentShard) {
        return updating(Resharding.merge(stream, new ShardId(shard), new ShardId(adjacentShard), 3, 3, NOW, ACCOUNT));
    }

    /** The stream with these consumers registered (as its metadata keeps them, gone ones included). */
    public static Stream withConsumers(Stream stream, StreamConsumer... consumers) {
        return stream.with(c -> c.consumers = List.of(consumers));
    }

    /** A consumer registered a minute after {@link #CREATED}: ACTIVE at {@link #NOW}. */
    public static StreamConsumer consumer(String name) {
        return StreamConsumer.register(name, Map.of(), CREATED.plus(Duration.ofMinutes(1)), Duration.ZERO);
    }

    /** Insights of a stream without traffic: every shard cold, no advice. */
    public static StreamInsights quiet(Stream stream) {
        StreamInsights.Rates none = new StreamInsights.Rates(0, 0, 0, 0);
        return new StreamInsights(
                stream.name().value(),
                stream.openShardCount(),
                10,
                none,
                stream.shards().stream().map(shard -> cold(shard, none)).toList(),
                List.of());
    }

    /** Stubs a mocked {@link Insights} to find every stream {@link #quiet}. */
    public static void answerQuietly(Insights insights) {
        when(insights.analyze(any(), any())).thenAnswer(call -> quiet(call.getArgument(0)));
    }

    private static StreamInsights.ShardInsight cold(Shard shard, StreamInsights.Rates none) {
        return new StreamInsights.ShardInsight(
                shard.id().toString(), shard.isOpen(), none, 0, 0, 0, false, List.of(), List.of());
    }

    /**
     * Stubs what the controllers ask a mocked {@link StreamService} besides the call under test: the time
     * ({@link #NOW}), a stream's status at that time, its ARN, the region and account. Retained record counts
     * stay 0 unless a test stubs them.
     */
    public static void answerViews(StreamService streams) {
        when(streams.now()).thenReturn(NOW);
        when(streams.status(any()))
                .thenAnswer(call -> call.<Stream>getArgument(0).statusAt(NOW));
        when(streams.arn(any()))
                .thenAnswer(call -> arn(call.<Stream>getArgument(0).name().value()));
        when(streams.region()).thenReturn(REGION);
        when(streams.account()).thenReturn(ACCOUNT);
    }

    public static String arn(String stream) {
        return "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + stream;
    }
}
