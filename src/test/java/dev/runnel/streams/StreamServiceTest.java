package dev.runnel.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.LimitExceededException;
import dev.runnel.core.error.ResourceInUseException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.error.ValidationException;
import dev.runnel.core.hash.HashKeyRange;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.record.ShardIteratorType;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.core.stream.StreamStatus;
import dev.runnel.support.RunnelFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamServiceTest {

    private static final String ACCOUNT = RunnelFixture.ACCOUNT;

    private final RunnelFixture f = new RunnelFixture();
    private final StreamService streams = f.streams;
    private final StreamSettingsService settings = f.settings;

    private static StreamName name(String value) {
        return StreamName.of(value);
    }

    @Test
    void aNewStreamIsCreatingUntilTheDelayHasPassed() {
        Stream created = streams.create(CreateStreamCommand.of("s", 3, null, null, null));
        assertThat(streams.status(created)).isEqualTo(StreamStatus.CREATING);
        assertThat(streams.describe(name("s")).openShardCount()).isEqualTo(3);
        assertThat(created.retentionHours()).isEqualTo(24);
        assertThat(created.maxRecordSizeKiB()).isEqualTo(1024);
        f.clock.advanceMillis(499);
        assertThat(streams.status(streams.describe(name("s")))).isEqualTo(StreamStatus.CREATING);
        f.clock.advanceMillis(1);
        assertThat(streams.status(streams.describe(name("s")))).isEqualTo(StreamStatus.ACTIVE);
    }

    @Test
    void aNewStreamKeepsTheCommandsSettingsOverUniformShards() {
        Stream created = streams.create(CreateStreamCommand.of("s", 2, 48, 2048, Map.of("team", "data")));
        assertThat(created.mode()).isEqualTo(StreamMode.PROVISIONED);
        assertThat(created.retentionHours()).isEqualTo(48);
        assertThat(created.maxRecordSizeKiB()).isEqualTo(2048);
        assertThat(created.tags()).containsExactly(Map.entry("team", "data"));
        assertThat(created.createdAt()).isEqualTo(f.clock.instant());
        assertThat(created.shards()).extracting(Shard::id).containsExactly(new ShardId(0), new ShardId(1));
        assertThat(created.shards()).extracting(Shard::hashKeyRange).containsExactlyElementsOf(HashKeyRange.uniform(2));
        assertThat(created.shards())
                .allMatch(Shard::isOpen)
                .allMatch(shard -> shard.parentShardId().isEmpty());
        assertThat(created.scalingEvents()).isEmpty();
    }

    @Test
    void anOnDemandStreamStartsWithFourUniformShards() {
        Stream created = streams.create(CreateStreamCommand.of("od", StreamMode.ON_DEMAND, null, null, null, null));
        assertThat(created.mode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(created.openShardCount())
                .isEqualTo(CreateStreamCommand.ON_DEMAND_SHARDS)
                .isEqualTo(4);
        assertThat(created.shards())
                .extracting(Shard::id)
                .containsExactly(new ShardId(0), new ShardId(1), new ShardId(2), new ShardId(3));
        assertThat(created.shards()).extracting(Shard::hashKeyRange).containsExactlyElementsOf(HashKeyRange.uniform(4));
        f.clock.advance(f.properties.streams().createDelay());
        assertThat(streams.status(streams.describe(name("od")))).isEqualTo(StreamStatus.ACTIVE);
        assertThat(streams.onDemandStreamCount()).isEqualTo(1);
        assertThatThrownBy(() -> CreateStreamCommand.of("od2", StreamMode.ON_DEMAND, 7, null, null, null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("An ON_DEMAND stream takes no shardCount: it starts with 4 shards");
    }

    @Test
    void aZeroCreateDelayMakesStreamsActiveAtOnce() {
        RunnelFixture quick =
                RunnelFixture.builder().delays(Duration.ZERO, Duration.ZERO).build();
        Stream created = quick.streams.create(CreateStreamCommand.of("s", 1, null, null, null));
        assertThat(quick.streams.status(created)).isEqualTo(StreamStatus.ACTIVE);
        quick.streams.delete(name("s"));
        assertThatThrownBy(() -> quick.streams.describe(name("s"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void describeOfAnUnknownStreamFails() {
        assertThatThrownBy(() -> streams.describe(name("nope")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Stream nope under account " + ACCOUNT + " not found.");
    }

    @Test
    void aDeletedStreamIsDeletingThenGone() {
        f.createActive("s", 1);
        Stream deleting = streams.delete(name("s"));
        assertThat(streams.status(deleting)).isEqualTo(StreamStatus.DELETING);
        assertThat(streams.status(streams.describe(name("s")))).isEqualTo(StreamStatus.DELETING);
        assertThat(streams.list(null, 10).streams())
                .extracting(s -> s.name().value())
                .containsExactly("s");
        assertThat(streams.delete(name("s")).goneAt())
                .as("deleting twice keeps the first deadline")
                .isEqualTo(deleting.goneAt());
        f.clock.advanceMillis(499);
        assertThat(streams.describe(name("s"))).isNotNull();
        f.clock.advanceMillis(1);
        assertThatThrownBy(() -> streams.describe(name("s")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Stream s under account " + ACCOUNT + " not found.");
        assertThat(streams.list(null, 10).streams()).isEmpty();
        assertThatThrownBy(() -> streams.delete(name("s"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aNameCanBeReusedOnceTheOldStreamIsGoneButNotWhileItIsDeleting() {
        Stream first = f.createActive("s", 1);
        f.put("s", "pk", "old");
        streams.delete(name("s"));
        assertThatThrownBy(() -> streams.create(CreateStreamCommand.of("s", 1, null, null, null)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Stream s under account " + ACCOUNT + " already exists.");
        f.clock.advanceMillis(500);
        Stream second = f.createActive("s", 2);
        assertThat(second.incarnation()).isNotEqualTo(first.incarnation());
        assertThat(streams.describe(name("s")).openShardCount()).isEqualTo(2);
        assertThat(f.store.find(first.incarnation(), new ShardId(0)))
                .as("old records dropped")
                .isEmpty();
        assertThat(f.drain(f.iterator("s", 0, ShardIteratorType.TRIM_HORIZON))).isEmpty();
    }

    @Test
    void aDuplicateNameIsRejected() {
        f.createActive("s", 1);
        assertThatThrownBy(() -> streams.create(CreateStreamCommand.of("s", 5, null, null, null)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Stream s under account " + ACCOUNT + " already exists.");
        assertThat(streams.describe(name("s")).openShardCount()).isEqualTo(1);
    }

    @Test
    void theShardLimitCountsOpenShardsOfLiveStreams() {
        RunnelFixture limited = RunnelFixture.builder().shardLimit(10).build();
        limited.createActive("a", 4);
        limited.createActive("b", 4);
        assertThatThrownBy(() -> limited.streams.create(CreateStreamCommand.of("c", 3, null, null, null)))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("This request would exceed the shard limit for the account " + ACCOUNT + " in "
                        + RunnelFixture.REGION + ". Current shard count for the account: 8. Limit: 10. Number of "
                        + "additional shards that would have resulted from this request: 3. Refer to the AWS Service "
                        + "Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for "
                        + "current limits and how to request higher limits.");
        assertThatThrownBy(() -> limited.streams.describe(name("c"))).isInstanceOf(ResourceNotFoundException.class);
        limited.streams.create(CreateStreamCommand.of("c", 2, null, null, null));
        limited.streams.delete(name("a"));
        limited.clock.advanceMillis(500);
        limited.streams.create(CreateStreamCommand.of("d", 4, null, null, null));
        assertThat(limited.streams.list(null, 10).streams())
                .extracting(s -> s.name().value())
                .containsExactly("b", "c", "d");
    }

    @Test
    void createRejectsImpossibleValues() {
        assertThatThrownBy(() -> CreateStreamCommand.of("s", 0, null, null, null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '0' at 'shardCount' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
        assertThatThrownBy(() -> CreateStreamCommand.of("s", null, null, null, null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining(
                        "Value null at 'shardCount' failed to satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> CreateStreamCommand.of("s", 1, 23, null, null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(
                        "Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.");
        assertThatThrownBy(() -> CreateStreamCommand.of("s", 1, null, 1023, null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at 'maxRecordSizeInKiB'");
        assertThat(CreateStreamCommand.of("s", 1, 48, 2048, Map.of("b", "2", "a", "1")))
                .satisfies(c -> {
                    assertThat(c.retentionPeriodHours()).isEqualTo(48);
                    assertThat(c.maxRecordSizeInKiB()).isEqualTo(2048);
                    assertThat(c.tags().keySet()).containsExactly("a", "b");
                });
    }

    @Test
    void listPagesInNameOrderAndSkipsGoneStreams() {
        List<String> names = List.of("e", "a", "c", "b", "d", "f", "g");
        for (String n : names) {
            streams.create(CreateStreamCommand.of(n, 1, null, null, null));
        }
        streams.delete(name("c"));
        streams.delete(name("d"));
        f.clock.advanceMillis(500);

        StreamPage first = streams.list(null, 2);
        assertThat(first.streams()).extracting(s -> s.name().value()).containsExactly("a", "b");
        assertThat(first.hasMore()).isTrue();
        StreamPage second = streams.list(name("b"), 2);
        assertThat(second.streams()).extracting(s -> s.name().value()).containsExactly("e", "f");
        assertThat(second.hasMore()).isTrue();
        StreamPage third = streams.list(name("f"), 2);
        assertThat(third.streams()).extracting(s -> s.name().value()).containsExactly("g");
        assertThat(third.hasMore()).isFalse();
        StreamPage exact = streams.list(name("e"), 2);
        assertThat(exact.streams()).extracting(s -> s.name().value()).containsExactly("f", "g");
        assertThat(exact.hasMore()).isFalse();
        assertThat(streams.list(null, 100).streams())
                .extracting(s -> s.name().value())
                .containsExactly("a", "b", "e", "f", "g");

        List<String> paged = new ArrayList<>();
        StreamName after = null;
        for (int i = 0; i < 10; i++) {
            StreamPage page = streams.list(after, 1);
            page.streams().forEach(s -> paged.add(s.name().value()));
            if (!page.hasMore()) {
                break;
            }
            after = page.streams().get(page.streams().size() - 1).name();
        }
        assertThat(paged).containsExactly("a", "b", "e", "f", "g");
    }

    @Test
    void listStartsAfterANameThatIsNoStream() {
        for (String n : List.of("page-c", "page-a", "page-b")) {
            streams.create(CreateStreamCommand.of(n, 1, null, null, null));
        }
        StreamPage first = streams.list(name("page-"), 2);
        assertThat(first.streams()).extracting(s -> s.name().value()).containsExactly("page-a", "page-b");
        assertThat(first.hasMore()).isTrue();
        StreamPage rest = streams.list(name("page-b"), 2);
        assertThat(rest.streams()).extracting(s -> s.name().value()).containsExactly("page-c");
        assertThat(rest.hasMore()).isFalse();
        assertThat(streams.list(name("page-d"), 2).streams()).isEmpty();
    }

    @Test
    void listSkipsMoreGoneStreamsThanFitInOnePage() {
        for (int i = 0; i < 10; i++) {
            streams.create(CreateStreamCommand.of("s" + i, 1, null, null, null));
        }
        for (int i = 1; i < 9; i++) {
            streams.delete(name("s" + i));
        }
        f.clock.advanceMillis(500);
        StreamPage page = streams.list(null, 1);
        assertThat(page.streams()).extracting(s -> s.name().value()).containsExactly("s0");
        assertThat(page.hasMore()).isTrue();
        StreamPage next = streams.list(name("s0"), 1);
        assertThat(next.streams()).extracting(s -> s.name().value()).containsExactly("s9");
        assertThat(next.hasMore()).isFalse();
    }

    @Test
    void retentionFollowsTheIncreaseAndDecreaseRules() {
        f.createActive("s", 1);
        assertThat(settings.increaseRetention(name("s"), 48).retentionHours()).isEqualTo(48);
        assertThat(streams.describe(name("s")).retentionHours()).isEqualTo(48);
        assertThatThrownBy(() -> settings.increaseRetention(name("s"), 24))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Requested retention period (24 hours) for stream s can not be shorter than existing "
                        + "retention period (48 hours). Use DecreaseRetentionPeriod API.");
        assertThatThrownBy(() -> settings.decreaseRetention(name("s"), 72))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Requested retention period (72 hours) for stream s can not be longer than existing "
                        + "retention period (48 hours). Use IncreaseRetentionPeriod API.");
        assertThatThrownBy(() -> settings.decreaseRetention(name("s"), 23))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(
                        "Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.");
        assertThatThrownBy(() -> settings.increaseRetention(name("s"), 8761))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(
                        "Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long.");
        assertThat(settings.decreaseRetention(name("s"), 24).retentionHours()).isEqualTo(24);
        assertThat(settings.setRetention(name("s"), 8760).retentionHours()).isEqualTo(8760);
        assertThat(settings.setRetention(name("s"), 100).retentionHours()).isEqualTo(100);
        assertThat(streams.describe(name("s")).retentionHours()).isEqualTo(100);
        assertThatThrownBy(() -> settings.setRetention(name("s"), 8761))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(
                        "Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long.");
        assertThatThrownBy(() -> settings.setRetention(name("s"), 23))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(
                        "Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.");
        assertThat(streams.describe(name("s")).retentionHours()).isEqualTo(100);
    }

    @Test
    void retentionChangesNeedAnActiveStream() {
        streams.create(CreateStreamCommand.of("s", 1, null, null, null));
        assertThatThrownBy(() -> settings.increaseRetention(name("s"), 48))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Stream s under account " + ACCOUNT + " not ACTIVE, instead in state CREATING");
        f.clock.advanceMillis(500);
        streams.delete(name("s"));
        assertThatThrownBy(() -> settings.decreaseRetention(name("s"), 24))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Stream s under account " + ACCOUNT + " not ACTIVE, instead in state DELETING");
        assertThatThrownBy(() -> settings.increaseRetention(name("missing"), 48))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> settings.setRetention(name("missing"), 48))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Stream missing under account " + ACCOUNT + " not found.");
        streams.create(CreateStreamCommand.of("young", 1, null, null, null));
        assertThatThrownBy(() -> settings.setRetention(name("young"), 48))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Stream young under account " + ACCOUNT + " not ACTIVE, instead in state CREATING");
    }

    @Test
    void housekeepingTrimsExpiredRecords() {
        Stream stream = f.createActive("s", 1);
        for (int i = 0; i < 1_000; i++) {
            f.put("s", "pk" + i, "x".repeat(100));
        }
        long used = f.store.usedBytes();
        assertThat(used).isPositive();
        assertThat(streams.housekeeping()).as("nothing expired yet").isZero();
        assertThat(streams.retainedRecordCount(stream, stream.shards().get(0))).isEqualTo(1_000);

        f.clock.advance(Duration.ofHours(25));
        assertThat(streams.retainedRecordCount(stream, stream.shards().get(0))).isZero();
        long freed = streams.housekeeping();
        assertThat(freed).isPositive();
        assertThat(f.store.usedBytes()).isEqualTo(used - freed).isLessThan(used);
        assertThat(f.drain(f.iterator("s", 0, ShardIteratorType.TRIM_HORIZON))).isEmpty();
        assertThat(f.put("s", "pk", "new").sequenceNumber().position())
                .as("positions continue")
                .isEqualTo(1_000);
        assertThat(f.drain(f.iterator("s", 0, ShardIteratorType.TRIM_HORIZON))).containsExactly("new");
    }

    @Test
    void housekeepingKeepsRecordsOfALongerRetention() {
        f.createActive("s", 1);
        settings.increaseRetention(name("s"), 48);
        f.put("s", "pk", "kept");
        f.clock.advance(Duration.ofHours(25));
        assertThat(streams.housekeeping()).isZero();
        assertThat(f.drain(f.iterator("s", 0, ShardIteratorType.TRIM_HORIZON))).containsExactly("kept");
    }

    @Test
    void housekeepingRemovesDeletedStreamsAndFreesTheirStorage() {
        Stream stream = f.createActive("s", 2);
        for (int i = 0; i < 100; i++) {
            f.put("s", "pk" + i, "data");
        }
        assertThat(f.store.usedBytes()).isPositive();
        streams.delete(name("s"));
        streams.housekeeping();
        assertThat(f.catalog.find(name("s"))).as("still DELETING").isPresent();
        f.clock.advanceMillis(500);
        streams.housekeeping();
        assertThat(f.catalog.find(name("s"))).isEmpty();
        assertThat(f.store.find(stream.incarnation(), new ShardId(0))).isEmpty();
        assertThat(f.store.find(stream.incarnation(), new ShardId(1))).isEmpty();
        assertThat(f.store.usedBytes()).isZero();
    }

    @Test
    void arnsAndSequenceNumberRanges() {
        Stream stream = f.createActive("s", 2);
        assertThat(streams.arn(stream))
                .isEqualTo("arn:aws:kinesis:" + RunnelFixture.REGION + ":" + ACCOUNT + ":stream/s");
        assertThat(SequenceNumber.startOf(stream, stream.shards().get(1)).toString())
                .hasSize(56);
        assertThat(SequenceNumber.startOf(stream, stream.shards().get(1)).position())
                .isZero();
        assertThat(SequenceNumber.endOf(stream, stream.shards().get(0))).isEmpty();
        var put = f.records.put(new dev.runnel.records.PutRecordCommand(
                name("s"), new dev.runnel.records.RecordInput("pk", new byte[1], "0"), null));
        assertThat(put.sequenceNumber())
                .isGreaterThanOrEqualTo(
                        SequenceNumber.startOf(stream, stream.shards().get(0)));
    }
}
