package dev.runnel.records;

import static dev.runnel.core.record.ShardIteratorType.TRIM_HORIZON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.error.ValidationException;
import dev.runnel.core.hash.PartitionKeys;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.record.StartingPosition;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.insight.Insights;
import dev.runnel.insight.StreamInsights;
import dev.runnel.streams.CreateStreamCommand;
import dev.runnel.support.RunnelFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordServiceTest {

    private static final String ACCOUNT = RunnelFixture.ACCOUNT;
    private static final String MAX_HASH = "340282366920938463463374607431768211455";
    private static final String TWO_128 = "340282366920938463463374607431768211456";

    private final RunnelFixture f = new RunnelFixture();

    private static RecordInput record(String key, String data) {
        return new RecordInput(key, data.getBytes(StandardCharsets.UTF_8), null);
    }

    private static PutRecordsCommand putRecords(String stream, List<RecordInput> records) {
        return new PutRecordsCommand(StreamName.of(stream), records);
    }

    private long endOf(Stream stream, int shard) {
        return f.store
                .find(stream.incarnation(), new ShardId(shard))
                .map(l -> l.endPosition())
                .orElse(0L);
    }

    // ---- PutRecord ----------------------------------------------------------------------------------------

    @Test
    void putRecordRoutesByPartitionKeyAndExplicitHashKey() {
        Stream stream = f.createActive("s", 4);
        PutResult userKey = f.put("s", "user-42", "x");
        assertThat(userKey.shardId()).isEqualTo(new ShardId(1));
        PutResult ete = f.put("s", "\u00e9t\u00e9", "x");
        assertThat(ete.shardId()).isEqualTo(new ShardId(3));
        PutResult explicitZero = f.records.put(
                new PutRecordCommand(StreamName.of("s"), new RecordInput("\u00e9t\u00e9", new byte[0], "0"), null));
        assertThat(explicitZero.shardId()).isEqualTo(new ShardId(0));
        PutResult explicitMax = f.records.put(
                new PutRecordCommand(StreamName.of("s"), new RecordInput("a", new byte[0], MAX_HASH), null));
        assertThat(explicitMax.shardId()).isEqualTo(new ShardId(3));
        assertThat(explicitMax.sequenceNumber().incarnation()).isEqualTo(stream.incarnation());
        assertThat(explicitMax.sequenceNumber().shardIndex()).isEqualTo(3);
        assertThat(explicitMax.sequenceNumber().position()).isEqualTo(1);
        assertThat(stream.route(PartitionKeys.hashKey("user-42")).id()).isEqualTo(userKey.shardId());
    }

    @Test
    void putRecordRejectsAHashKeyOutOfRangeAndUnknownStreams() {
        Stream stream = f.createActive("s", 1);
        assertThatThrownBy(() -> f.records.put(
                        new PutRecordCommand(StreamName.of("s"), new RecordInput("a", new byte[0], TWO_128), null)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(
                        "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was "
                                + TWO_128);
        assertThat(endOf(stream, 0)).isZero();
        assertThatThrownBy(() -> f.put("nope", "pk", "x"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Stream nope under account " + ACCOUNT + " not found.");
    }

    @Test
    void recordsLargerThanTheStreamsMaximumAreRejected() {
        Stream stream = f.createActive("s", 1);
        byte[] exact = new byte[1024 * 1024 - 1];
        assertThat(f.put("s", "k", exact).sequenceNumber().position()).isZero();
        assertThatThrownBy(() -> f.put("s", "kk", exact))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Record size 1048577 bytes");
        assertThat(endOf(stream, 0)).isEqualTo(1);

        f.streams.create(CreateStreamCommand.of("big", 1, null, 2048, null));
        f.clock.advanceMillis(500);
        assertThat(f.put("big", "k", new byte[2 * 1024 * 1024 - 1]).shardId()).isEqualTo(new ShardId(0));
    }

    @Test
    void putRecordValidatesTheServiceModel() {
        f.createActive("s", 1);
        assertThatThrownBy(() -> f.put("s", "", "x"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
        assertThatThrownBy(() -> f.put("s", "k".repeat(257), "x"))
                .isInstanceOf(ValidationException.class)
                .hasMessageEndingWith("Member must have length less than or equal to 256");
        assertThat(f.put("s", "\ud83d\ude00".repeat(256), "x").shardId())
                .as("256 code points")
                .isNotNull();
        assertThatThrownBy(() -> new PutRecordCommand(StreamName.of("s"), new RecordInput("k", null, "01"), null))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("2 validation errors detected: ");
    }

    @Test
    void sequenceNumberForOrderingGivesAGreaterNumber() {
        f.createActive("s", 1);
        SequenceNumber previous = f.put("s", "pk", "a").sequenceNumber();
        for (int i = 0; i < 5; i++) {
            PutResult next =
                    f.records.put(new PutRecordCommand(StreamName.of("s"), record("pk", "b" + i), previous.toString()));
            assertThat(next.sequenceNumber()).isGreaterThan(previous);
            assertThat(next.sequenceNumber().toBigInteger()).isGreaterThan(previous.toBigInteger());
            previous = next.sequenceNumber();
        }
    }

    @Test
    void garbageSequenceNumberForOrderingIsInvalid() {
        Stream stream = f.createActive("s", 1);
        for (String bad : new String[] {"12345", "0", "49546986683135544286507457936321625675700192471156785154"}) {
            assertThatThrownBy(() -> f.records.put(new PutRecordCommand(StreamName.of("s"), record("pk", "x"), bad)))
                    .as(bad)
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("ExclusiveMinimumSequenceNumber " + bad
                            + " used in PutRecord on stream s under account " + ACCOUNT + " is invalid.");
        }
        assertThatThrownBy(() -> new PutRecordCommand(StreamName.of("s"), record("pk", "x"), "abc"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining(
                        "at 'sequenceNumberForOrdering' failed to satisfy constraint: Member must satisfy regular expression pattern");
        assertThat(endOf(stream, 0)).isZero();
    }

    // ---- PutRecords ---------------------------------------------------------------------------------------

    @Test
    void putRecordsStoresEveryRecordAndReportsResultsInRequestOrder() {
        f.createActive("s", 4);
        List<RecordInput> input = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            input.add(record("key-" + i, "data-" + i));
        }
        PutRecordsResult result = f.records.putAll(putRecords("s", input));
        assertThat(result.failedRecordCount()).isZero();
        assertThat(result.entries()).hasSize(500).noneMatch(PutRecordsResult.Entry::isFailure);
        List<String> readBack = new ArrayList<>();
        for (int shard = 0; shard < 4; shard++) {
            readBack.addAll(f.drain(f.iterator("s", shard, TRIM_HORIZON)));
        }
        assertThat(readBack).hasSize(500);
        Stream stream = f.streams.describe(StreamName.of("s"));
        for (int i = 0; i < 500; i++) {
            assertThat(result.entries().get(i).shardId())
                    .isEqualTo(stream.route(PartitionKeys.hashKey("key-" + i)).id());
        }
    }

    @Test
    void putRecordsFailsLaterEntriesWhenStorageRunsOutAndKeepsEarlierOnes() {
        RunnelFixture tiny = RunnelFixture.builder().storageBytes(2_000).build();
        tiny.createActive("s", 1);
        List<RecordInput> input = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            input.add(record("k", i + ":" + "x".repeat(298)));
        }
        PutRecordsResult result = tiny.records.putAll(putRecords("s", input));
        List<PutRecordsResult.Entry> entries = result.entries();
        assertThat(entries).hasSize(10);
        int succeeded = (int) entries.stream().filter(e -> !e.isFailure()).count();
        assertThat(succeeded).as("some succeed").isPositive();
        assertThat(result.failedRecordCount()).as("some fail").isPositive().isEqualTo(10 - succeeded);
        for (int i = 0; i < 10; i++) {
            PutRecordsResult.Entry entry = entries.get(i);
            if (i < succeeded) {
                assertThat(entry.isFailure()).as("entry %d", i).isFalse();
                assertThat(entry.shardId()).isEqualTo(new ShardId(0));
                assertThat(entry.sequenceNumber().position()).isEqualTo(i);
                assertThat(entry.errorCode()).isNull();
                assertThat(entry.errorMessage()).isNull();
            } else {
                assertThat(entry.isFailure()).as("entry %d", i).isTrue();
                assertThat(entry.errorCode()).isEqualTo("LimitExceededException");
                assertThat(entry.errorMessage()).isNotBlank();
                assertThat(entry.shardId()).isNull();
                assertThat(entry.sequenceNumber()).isNull();
            }
        }
        List<String> stored = tiny.drain(tiny.iterator("s", 0, TRIM_HORIZON));
        assertThat(stored).hasSize(succeeded);
        for (int i = 0; i < succeeded; i++) {
            assertThat(stored.get(i)).startsWith(i + ":");
        }
    }

    @Test
    void putRecordsRejectsTheWholeRequestForAHashKeyOutOfRange() {
        Stream stream = f.createActive("s", 1);
        List<RecordInput> input =
                List.of(record("a", "ok"), new RecordInput("b", new byte[1], TWO_128), record("c", "ok"));
        assertThatThrownBy(() -> f.records.putAll(putRecords("s", input)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(
                        "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was "
                                + TWO_128);
        assertThat(endOf(stream, 0)).as("nothing written").isZero();
    }

    @Test
    void putRecordsRejectsTheWholeRequestForARecordTooLarge() {
        Stream stream = f.createActive("s", 1);
        List<RecordInput> input = List.of(record("a", "ok"), new RecordInput("b", new byte[1024 * 1024], null));
        assertThatThrownBy(() -> f.records.putAll(putRecords("s", input)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Record size 1048577 bytes");
        assertThat(endOf(stream, 0)).isZero();
    }

    @Test
    void putRecordsRejectsRequestsOverTenMebibytes() {
        Stream stream = f.createActive("s", 1);
        byte[] almostOneMiB = new byte[1024 * 1024 - 1];
        List<RecordInput> input = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            input.add(new RecordInput("k", almostOneMiB, null));
        }
        assertThatThrownBy(() -> f.records.putAll(putRecords("s", input)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("10485760");
        assertThat(endOf(stream, 0)).isZero();
    }

    @Test
    void putRecordsAcceptsOneToFiveHundredRecords() {
        List<RecordInput> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(record("k", "x"));
        }
        assertThatThrownBy(() -> putRecords("s", tooMany))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("1 validation error detected: Value ")
                .hasMessageEndingWith(
                        "at 'records' failed to satisfy constraint: Member must have length less than or equal to 500");
        assertThatThrownBy(() -> putRecords("s", List.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessageEndingWith(
                        "at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1");
        assertThatThrownBy(() -> putRecords("s", null))
                .isInstanceOf(ValidationException.class)
                .hasMessage(
                        "1 validation error detected: Value null at 'records' failed to satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> putRecords("s", List.of(record("a", "x"), record("", "x"))))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '' at 'records.2.partitionKey' failed to satisfy "
                        + "constraint: Member must have length greater than or equal to 1");
        assertThat(putRecords("s", tooMany.subList(0, 500)).records()).hasSize(500);
    }

    // ---- GetRecords ---------------------------------------------------------------------------------------

    @Test
    void getRecordsLimitMustBeOneToTenThousand() {
        f.createActive("s", 1);
        for (int i = 0; i < 5; i++) {
            f.put("s", "pk", "r" + i);
        }
        String it = f.iterator("s", 0, TRIM_HORIZON);
        assertThatThrownBy(() -> f.records.getRecords(it, 0))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
        assertThatThrownBy(() -> f.records.getRecords(it, 10_001))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 10000");
        assertThatThrownBy(() -> f.records.getRecords(it, 100_000))
                .hasMessage("1 validation error detected: Value '100000' at 'limit' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 10000");
        assertThatThrownBy(() -> f.records.getRecords(null, 1))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value null at 'shardIterator' failed to satisfy constraint: "
                        + "Member must not be null");
        assertThat(f.records.getRecords(it, 1).records()).hasSize(1);
        assertThat(f.records.getRecords(it, 3).records()).hasSize(3);
        assertThat(f.records.getRecords(it, 10_000).records()).hasSize(5);
        assertThat(f.records.getRecords(it, null).records()).hasSize(5);
    }

    @Test
    void getRecordsReturnsNumbersTimestampsAndAContinuingIterator() {
        Stream stream = f.createActive("s", 1);
        List<PutResult> puts = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            puts.add(f.put("s", "pk" + i, "r" + i));
            f.clock.advanceMillis(3);
        }
        List<RecordView> all = new ArrayList<>();
        String it = f.iterator("s", 0, TRIM_HORIZON);
        for (int page = 0; page < 10; page++) {
            GetRecordsResult result = f.records.getRecords(it, 7);
            assertThat(result.nextShardIterator()).isNotNull();
            all.addAll(result.records());
            it = result.nextShardIterator();
        }
        assertThat(all).hasSize(25);
        for (int i = 0; i < 25; i++) {
            RecordView view = all.get(i);
            assertThat(view.sequenceNumber()).isEqualTo(puts.get(i).sequenceNumber());
            assertThat(view.partitionKey()).isEqualTo("pk" + i);
            assertThat(RunnelFixture.text(view)).isEqualTo("r" + i);
            assertThat(view.approximateArrivalTimestamp())
                    .isEqualTo(stream.activeAt().plusMillis(3L * i));
        }
        GetRecordsResult atTip = f.records.getRecords(it, null);
        assertThat(atTip.records()).isEmpty();
        assertThat(atTip.nextShardIterator()).as("open shards always continue").isNotNull();
        f.put("s", "pk", "later");
        assertThat(RunnelFixture.texts(f.records.getRecords(atTip.nextShardIterator(), null)))
                .containsExactly("later");
    }

    @Test
    void getRecordsStopsAtTenMebibytesButReturnsOneLargerRecord() {
        f.streams.create(CreateStreamCommand.of("big", 1, null, 10240, null));
        f.clock.advanceMillis(500);
        byte[] fourMiB = new byte[4 * 1024 * 1024];
        for (int i = 0; i < 3; i++) {
            f.put("big", "k", fourMiB);
        }
        f.put("big", "k", new byte[10 * 1024 * 1024 - 1]);
        String it = f.iterator("big", 0, TRIM_HORIZON);
        GetRecordsResult first = f.records.getRecords(it, null);
        assertThat(first.records()).hasSize(2);
        GetRecordsResult second = f.records.getRecords(first.nextShardIterator(), null);
        assertThat(second.records()).hasSize(1);
        GetRecordsResult third = f.records.getRecords(second.nextShardIterator(), null);
        assertThat(third.records())
                .hasSize(1)
                .first()
                .satisfies(r -> assertThat(r.data().length()).isEqualTo(10 * 1024 * 1024 - 1));
    }

    @Test
    void millisBehindLatestIsZeroWhenCaughtUpAndPositiveWhenBehind() {
        f.createActive("s", 1);
        for (int i = 0; i < 3; i++) {
            f.put("s", "pk", "r" + i);
        }
        f.clock.advanceMillis(1_000);
        String it = f.iterator("s", 0, TRIM_HORIZON);
        GetRecordsResult behind = f.records.getRecords(it, 1);
        assertThat(behind.millisBehindLatest()).isPositive().isEqualTo(1_000);
        GetRecordsResult caughtUp = f.records.getRecords(behind.nextShardIterator(), null);
        assertThat(caughtUp.records()).hasSize(2);
        assertThat(caughtUp.millisBehindLatest()).isZero();
        GetRecordsResult empty = f.records.getRecords(caughtUp.nextShardIterator(), null);
        assertThat(empty.records()).isEmpty();
        assertThat(empty.millisBehindLatest()).isZero();
    }

    @Test
    void expiredRecordsAreNotReturnedBeforeHousekeepingAndOldIteratorsResumeAtTheHorizon() {
        f.createActive("s", 1);
        f.put("s", "pk", "old1");
        f.put("s", "pk", "old2");
        f.clock.advance(Duration.ofHours(23).plusMinutes(59));
        f.put("s", "pk", "new1");
        f.put("s", "pk", "new2");
        String fromStart = f.iterator("s", 0, TRIM_HORIZON);
        assertThat(RunnelFixture.texts(f.records.getRecords(fromStart, 1))).containsExactly("old1");

        f.clock.advance(Duration.ofMinutes(2));
        // old1 and old2 are now past the 24h retention; housekeeping has not run.
        GetRecordsResult page = f.records.getRecords(fromStart, 1);
        assertThat(RunnelFixture.texts(page)).containsExactly("new1");
        assertThat(RunnelFixture.texts(f.records.getRecords(page.nextShardIterator(), null)))
                .containsExactly("new2");
        assertThat(f.drain(f.iterator("s", 0, TRIM_HORIZON))).containsExactly("new1", "new2");
    }

    @Test
    void aShardWhoseRecordsAllExpiredReadsEmptyAndContinuesAtTheTip() {
        f.createActive("s", 1);
        f.clock.advance(Duration.ofHours(23).plusMinutes(58));
        f.put("s", "pk", "old");
        f.clock.advance(Duration.ofMinutes(2));
        String it = f.iterator("s", 0, TRIM_HORIZON);
        f.clock.advance(Duration.ofHours(24));
        assertThatThrownBy(() -> f.records.getRecords(it, null))
                .isInstanceOf(dev.runnel.core.error.ExpiredIteratorException.class);
        String horizon = f.iterator("s", 0, TRIM_HORIZON);
        GetRecordsResult empty = f.records.getRecords(horizon, null);
        assertThat(empty.records()).isEmpty();
        f.put("s", "pk", "fresh");
        assertThat(RunnelFixture.texts(f.records.getRecords(empty.nextShardIterator(), null)))
                .containsExactly("fresh");
    }

    @Test
    void anIteratorWithOnlyExpiredRecordsAheadSkipsToTheHorizon() {
        f.createActive("s", 1);
        f.put("s", "pk", "a");
        f.put("s", "pk", "b");
        f.clock.advance(Duration.ofHours(23).plusMinutes(58));
        String it = f.iterator("s", 0, TRIM_HORIZON);
        f.clock.advance(Duration.ofMinutes(3));
        GetRecordsResult page = f.records.getRecords(it, null);
        assertThat(page.records()).isEmpty();
        f.put("s", "pk", "c");
        assertThat(RunnelFixture.texts(f.records.getRecords(page.nextShardIterator(), null)))
                .containsExactly("c");
        assertThat(RunnelFixture.texts(f.records.getRecords(it, null))).containsExactly("c");
    }

    @Test
    void getRecordsRefusesAnIteratorOfAnotherStreamThanTheCallerNames() {
        f.createActive("s", 1);
        f.createActive("other", 1);
        f.put("s", "pk", "x");
        String it = f.iterator("s", 0, TRIM_HORIZON);
        assertThatThrownBy(() -> f.records.getRecords(it, null, StreamName.of("other")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("The shard iterator reads stream s, not stream other.");
        assertThat(RunnelFixture.texts(f.records.getRecords(it, null, StreamName.of("s"))))
                .containsExactly("x");
    }

    // ---- the console's reads ------------------------------------------------------------------------------

    private List<String> browse(String stream, int shard, StartingPosition start, int limit) {
        return f.records.browse(StreamName.of(stream), "shardId-" + shard, start, limit).records().stream()
                .map(RunnelFixture::text)
                .toList();
    }

    @Test
    void browseReadsAPageFromEachKindOfStart() {
        f.createActive("s", 1);
        List<String> seq = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            seq.add(f.put("s", "1", "test" + i).sequenceNumber().toString());
        }
        assertThat(browse("s", 0, new StartingPosition.TrimHorizon(), 25))
                .containsExactly("test1", "test2", "test3", "test4", "test5", "test6");
        assertThat(browse("s", 0, new StartingPosition.AtSequenceNumber(seq.get(5)), 25))
                .containsExactly("test6");
        assertThat(browse("s", 0, new StartingPosition.AfterSequenceNumber(seq.get(3)), 25))
                .containsExactly("test5", "test6");
        assertThat(browse("s", 0, new StartingPosition.Latest(), 25)).isEmpty();
        Instant between = f.clock.advanceMillis(1);
        f.put("s", "1", "test7");
        assertThat(browse("s", 0, new StartingPosition.AtTimestamp(between), 25))
                .containsExactly("test7");

        RecordsBrowsed firstFour =
                f.records.browse(StreamName.of("s"), "shardId-000000000000", new StartingPosition.TrimHorizon(), 4);
        assertThat(firstFour.records()).hasSize(4);
        assertThat(firstFour.caughtUp()).isFalse();
        assertThat(firstFour.lastSequenceNumber()).contains(seq.get(3));
        RecordsBrowsed rest = f.records.browse(
                StreamName.of("s"), "shardId-000000000000", new StartingPosition.AfterSequenceNumber(seq.get(3)), 4);
        assertThat(rest.records()).hasSize(3);
        assertThat(rest.caughtUp()).isTrue();
        assertThat(rest.shardEnded()).isFalse();
        assertThatThrownBy(() -> browse("s", 7, new StartingPosition.TrimHorizon(), 25))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Shard shardId-000000000007 in stream s under account " + ACCOUNT + " does not exist");
    }

    @Test
    void browsingAClosedShardToItsEndSaysSo() {
        f.createActive("s", 1);
        f.put("s", "pk", "before");
        f.resharding.split(StreamName.of("s"), "shardId-000000000000", "1000");
        RecordsBrowsed parent =
                f.records.browse(StreamName.of("s"), "shardId-000000000000", new StartingPosition.TrimHorizon(), 25);
        assertThat(parent.records()).extracting(RunnelFixture::text).containsExactly("before");
        assertThat(parent.caughtUp()).isTrue();
        assertThat(parent.shardEnded()).isTrue();
        assertThat(f.records
                        .browse(StreamName.of("s"), "shardId-000000000001", new StartingPosition.TrimHorizon(), 25)
                        .shardEnded())
                .isFalse();
    }

    @Test
    void newestReturnsTheLastRecordsOldestFirst() {
        f.createActive("s", 1);
        for (int i = 1; i <= 25; i++) {
            f.put("s", "pk", "r" + i);
        }
        RecordsBrowsed tail = f.records.newest(StreamName.of("s"), "shardId-000000000000", 20);
        assertThat(tail.records())
                .extracting(RunnelFixture::text)
                .hasSize(20)
                .startsWith("r6")
                .endsWith("r25");
        assertThat(tail.caughtUp()).isTrue();
        assertThat(f.records
                        .newest(StreamName.of("s"), "shardId-000000000000", 50)
                        .records())
                .extracting(RunnelFixture::text)
                .hasSize(25)
                .startsWith("r1");
        f.clock.advance(Duration.ofHours(25));
        assertThat(f.records
                        .newest(StreamName.of("s"), "shardId-000000000000", 20)
                        .records())
                .as("expired records are not shown")
                .isEmpty();
    }

    // ---- traffic ------------------------------------------------------------------------------------------

    @Test
    void putsAreCountedPerShardAndPartitionKeyForInsights() {
        f.createActive("s", 2);
        for (int i = 0; i < 20; i++) {
            f.put("s", "1", new byte[10]);
        }
        f.clock.advance(Duration.ofSeconds(1));
        StreamInsights insights =
                new Insights(f.traffic, 0.8).analyze(f.streams.describe(StreamName.of("s")), f.clock.instant());
        int shard = f.streams
                .describe(StreamName.of("s"))
                .route(PartitionKeys.hashKey("1"))
                .id()
                .index();
        assertThat(insights.shards().get(shard).topKeys()).containsExactly(new StreamInsights.KeyShare("1", 20, 1.0));
        assertThat(insights.shards().get(shard).rates().writeRecordsPerSecond()).isEqualTo(2.0);
        assertThat(insights.shards().get(1 - shard).topKeys()).isEmpty();
        assertThat(insights.stream().writeBytesPerSecond()).isEqualTo(20 * (10 + 1) / 10.0);
    }
}
