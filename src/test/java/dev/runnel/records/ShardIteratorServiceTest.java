package dev.runnel.records;

import static dev.runnel.core.record.ShardIteratorType.AFTER_SEQUENCE_NUMBER;
import static dev.runnel.core.record.ShardIteratorType.AT_SEQUENCE_NUMBER;
import static dev.runnel.core.record.ShardIteratorType.AT_TIMESTAMP;
import static dev.runnel.core.record.ShardIteratorType.LATEST;
import static dev.runnel.core.record.ShardIteratorType.TRIM_HORIZON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.ExpiredIteratorException;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.insight.InMemoryTrafficMeter;
import dev.runnel.insight.Insights;
import dev.runnel.support.RunnelFixture;
import dev.runnel.tokens.TokenSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShardIteratorServiceTest {

    private static final String ACCOUNT = RunnelFixture.ACCOUNT;
    private static final String SHARD_0 = "shardId-000000000000";

    private final RunnelFixture f = new RunnelFixture();
    private final List<String> seq = new ArrayList<>();

    @BeforeEach
    void putTestOneToSix() {
        f.createActive("s", 1);
        for (int i = 1; i <= 6; i++) {
            seq.add(f.put("s", "pk", "test" + i).sequenceNumber().toString());
        }
    }

    private String iterator(dev.runnel.core.record.ShardIteratorType type, String number) {
        return f.iterator("s", SHARD_0, type, number, null);
    }

    private String atTimestamp(Instant timestamp) {
        return f.iterator("s", SHARD_0, AT_TIMESTAMP, null, timestamp);
    }

    private List<String> read(String iterator) {
        return RunnelFixture.texts(f.records.getRecords(iterator, null));
    }

    @Test
    void trimHorizonStartsAtTheOldestRecord() {
        assertThat(read(iterator(TRIM_HORIZON, null)))
                .containsExactly("test1", "test2", "test3", "test4", "test5", "test6");
    }

    @Test
    void trimHorizonOfAnEmptyShardSeesLaterRecords() {
        f.createActive("empty", 1);
        String it = f.iterator("empty", 0, TRIM_HORIZON);
        GetRecordsResult first = f.records.getRecords(it, null);
        assertThat(first.records()).isEmpty();
        assertThat(first.nextShardIterator()).isNotNull();
        f.put("empty", "pk", "late");
        assertThat(read(first.nextShardIterator())).containsExactly("late");
        assertThat(read(it)).containsExactly("late");
    }

    @Test
    void latestReturnsOnlyRecordsPutAfterTheIteratorEvenOnReuse() {
        String latest = iterator(LATEST, null);
        GetRecordsResult empty = f.records.getRecords(latest, null);
        assertThat(empty.records()).isEmpty();
        assertThat(empty.nextShardIterator()).isNotNull();
        for (int i = 7; i <= 9; i++) {
            f.put("s", "pk", "test" + i);
        }
        assertThat(read(latest)).containsExactly("test7", "test8", "test9");
        assertThat(read(empty.nextShardIterator())).containsExactly("test7", "test8", "test9");
    }

    @Test
    void atSequenceNumberStartsAtThatRecord() {
        assertThat(read(iterator(AT_SEQUENCE_NUMBER, seq.get(5)))).containsExactly("test6");
        assertThat(read(iterator(AT_SEQUENCE_NUMBER, seq.get(0))))
                .containsExactly("test1", "test2", "test3", "test4", "test5", "test6");
        assertThat(read(iterator(AT_SEQUENCE_NUMBER, seq.get(3)))).containsExactly("test4", "test5", "test6");
    }

    @Test
    void atTheNextSequenceNumberWaitsForTheNextRecord() {
        String next = new SequenceNumber(
                        SequenceNumber.parse(seq.get(5)).orElseThrow().incarnation(), 0, 6)
                .toString();
        String it = iterator(AT_SEQUENCE_NUMBER, next);
        assertThat(read(it)).isEmpty();
        f.put("s", "pk", "test7");
        assertThat(read(it)).containsExactly("test7");
    }

    @Test
    void afterSequenceNumberStartsJustAfterThatRecord() {
        assertThat(read(iterator(AFTER_SEQUENCE_NUMBER, seq.get(4)))).containsExactly("test6");
        assertThat(read(iterator(AFTER_SEQUENCE_NUMBER, seq.get(3)))).containsExactly("test5", "test6");
        String afterLast = iterator(AFTER_SEQUENCE_NUMBER, seq.get(5));
        assertThat(read(afterLast)).isEmpty();
        f.put("s", "pk", "test7");
        assertThat(read(afterLast)).containsExactly("test7");
    }

    @Test
    void sequenceNumbersNotYetIssuedAreInvalid() {
        SequenceNumber last = SequenceNumber.parse(seq.get(5)).orElseThrow();
        String afterEnd = new SequenceNumber(last.incarnation(), 0, 7).toString();
        String end = new SequenceNumber(last.incarnation(), 0, 6).toString();
        String invalid = " used in GetShardIterator on shard " + SHARD_0 + " in stream s under account " + ACCOUNT
                + " is invalid.";
        assertThatThrownBy(() -> iterator(AT_SEQUENCE_NUMBER, afterEnd))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("StartingSequenceNumber " + afterEnd + invalid);
        assertThatThrownBy(() -> iterator(AFTER_SEQUENCE_NUMBER, end))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("StartingSequenceNumber " + end + invalid);
    }

    @Test
    void undecodableSequenceNumbersAreInvalid() {
        for (String bad : new String[] {"12345", "0", "49546986683135544286507457936321625675700192471156785154"}) {
            assertThatThrownBy(() -> iterator(AT_SEQUENCE_NUMBER, bad))
                    .as(bad)
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("StartingSequenceNumber " + bad + " used in GetShardIterator on shard " + SHARD_0
                            + " in stream s under account " + ACCOUNT + " is invalid.");
        }
    }

    @Test
    void aSequenceNumberOfAnotherShardIsRejected() {
        f.createActive("two", 2);
        PutResult onShard1 = f.records.put(new PutRecordCommand(
                StreamName.of("two"),
                new RecordInput("pk", new byte[] {1}, "340282366920938463463374607431768211455"),
                null));
        assertThat(onShard1.shardId().index()).isEqualTo(1);
        assertThatThrownBy(() -> f.iterator(
                        "two",
                        SHARD_0,
                        AT_SEQUENCE_NUMBER,
                        onShard1.sequenceNumber().toString(),
                        null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a "
                        + "call to a shard with shardId-000000000000");
        assertThat(RunnelFixture.texts(f.records.getRecords(
                        f.iterator(
                                "two",
                                "shardId-000000000001",
                                AT_SEQUENCE_NUMBER,
                                onShard1.sequenceNumber().toString(),
                                null),
                        null)))
                .hasSize(1);
    }

    @Test
    void aSequenceNumberOfAnEarlierStreamOfTheSameNameIsRejected() {
        String old = seq.get(0);
        f.streams.delete(StreamName.of("s"));
        f.clock.advanceMillis(500);
        f.createActive("s", 1);
        f.put("s", "pk", "fresh");
        assertThatThrownBy(() -> iterator(AT_SEQUENCE_NUMBER, old))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("StartingSequenceNumber " + old + " used in GetShardIterator on shard " + SHARD_0
                        + " in stream s under account " + ACCOUNT
                        + " is invalid because it did not come from this stream.");
        assertThatThrownBy(() -> iterator(AFTER_SEQUENCE_NUMBER, old))
                .hasMessageEndingWith("did not come from this stream.");
    }

    @Test
    void atTimestampStartsAtTheFirstRecordArrivedAtOrAfterIt() {
        Instant first = f.clock.instant();
        f.clock.advance(Duration.ofSeconds(10));
        Instant second = f.clock.instant();
        f.put("s", "pk", "test7");
        f.put("s", "pk", "test8");
        f.clock.advance(Duration.ofSeconds(10));

        assertThat(read(atTimestamp(first.plusSeconds(5)))).containsExactly("test7", "test8");
        assertThat(read(atTimestamp(second))).containsExactly("test7", "test8");
        assertThat(read(atTimestamp(second.plusMillis(1)))).isEmpty();
        assertThat(read(atTimestamp(first))).hasSize(8);
        assertThat(read(atTimestamp(first.minusMillis(1)))).hasSize(8);
    }

    @Test
    void atTimestampLaterThanEveryRecordWaitsAtTheTip() {
        f.clock.advance(Duration.ofSeconds(1));
        String it = atTimestamp(f.clock.instant());
        assertThat(read(it)).isEmpty();
        f.put("s", "pk", "test7");
        assertThat(read(it)).containsExactly("test7");
    }

    @Test
    void atTimestampInTheFutureIsRejected() {
        Instant now = f.clock.instant();
        assertThatThrownBy(() -> atTimestamp(now.plusMillis(1)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. "
                        + "timestampInMillis: " + (now.toEpochMilli() + 1) + ", currentTimestampInMillis: "
                        + now.toEpochMilli());
        assertThat(read(atTimestamp(now))).as("records arrived at exactly now").hasSize(6);
    }

    @Test
    void positionsBeforeTheTrimHorizonStartAtTheHorizon() {
        f.clock.advance(Duration.ofHours(2));
        f.put("s", "pk", "test7");
        f.clock.advance(Duration.ofHours(23));
        // test1..6 arrived 25h ago, test7 23h ago; housekeeping has not run.
        assertThat(read(atTimestamp(Instant.EPOCH))).containsExactly("test7");
        assertThat(read(iterator(TRIM_HORIZON, null))).containsExactly("test7");
        assertThat(read(iterator(AT_SEQUENCE_NUMBER, seq.get(0)))).containsExactly("test7");
        assertThat(read(iterator(AFTER_SEQUENCE_NUMBER, seq.get(1)))).containsExactly("test7");
        f.streams.housekeeping();
        assertThat(read(atTimestamp(Instant.EPOCH))).containsExactly("test7");
        assertThat(read(iterator(AT_SEQUENCE_NUMBER, seq.get(2)))).containsExactly("test7");
    }

    @Test
    void unknownStreamsAndShardsAreNotFound() {
        assertThatThrownBy(() -> f.iterator("nope", SHARD_0, TRIM_HORIZON, null, null))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Stream nope under account " + ACCOUNT + " not found.");
        assertThatThrownBy(() -> f.iterator("s", "shardId-000000000001", TRIM_HORIZON, null, null))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Shard shardId-000000000001 in stream s under account " + ACCOUNT + " does not exist");
        assertThatThrownBy(() -> f.iterator("s", "bogus", TRIM_HORIZON, null, null))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Shard bogus in stream s under account " + ACCOUNT + " does not exist");
        assertThat(read(f.iterator("s", "0", TRIM_HORIZON, null, null))).hasSize(6);
        assertThat(read(f.iterator("s", "x-0", TRIM_HORIZON, null, null))).hasSize(6);
    }

    @Test
    void anIteratorCanBeReusedForFiveMinutesAndThenExpires() {
        String it = iterator(TRIM_HORIZON, null);
        Instant issued = f.clock.instant();
        assertThat(issued).isEqualTo(Instant.parse("2025-01-01T00:00:00.500Z"));
        assertThat(read(it)).hasSize(6);
        f.clock.advance(Duration.ofMinutes(5));
        assertThat(read(it)).as("still valid at exactly five minutes").hasSize(6);
        f.clock.advanceMillis(1);
        assertThatThrownBy(() -> f.records.getRecords(it, null))
                .isInstanceOf(ExpiredIteratorException.class)
                .hasMessage("Iterator expired. The iterator was created at time Wed Jan 01 00:00:00 UTC 2025 while "
                        + "right now it is Wed Jan 01 00:05:00 UTC 2025 which is further in the future than the "
                        + "tolerated delay of 300000 milliseconds.");
    }

    /**
     * Issue 17, item 11: the age was the difference of now and the issue time, which a forged issue time far in the
     * past or future overflowed into "never expires". Forged here with the service's own codec.
     */
    @Test
    void issueTimesFarInThePastOrFutureAreNeverValid() {
        ShardIteratorCodec codec = new ShardIteratorCodec(new TokenSigner(""));
        ShardIteratorService service =
                new ShardIteratorService(f.streams.lookup(), f.clock, f.properties, codec, new InMemoryTrafficMeter());
        Stream stream = f.streams.describe(StreamName.of("s"));
        long now = f.clock.millis();
        java.util.function.LongFunction<String> issuedAt = millis ->
                codec.encode(new ShardIteratorToken(stream.name(), stream.incarnation(), new ShardId(0), 0, millis));

        for (long past : new long[] {Long.MIN_VALUE, Long.MIN_VALUE + 1, 0, now - 300_001}) {
            assertThatThrownBy(() -> service.open(issuedAt.apply(past), f.clock.instant()))
                    .as("issued at %d", past)
                    .isInstanceOf(ExpiredIteratorException.class);
        }
        for (long future : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1, now + 3_600_000, now + 5_001}) {
            assertThatThrownBy(() -> service.open(issuedAt.apply(future), f.clock.instant()))
                    .as("issued at %d", future)
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("Invalid ShardIterator.");
        }
        for (long valid : new long[] {now - 300_000, now, now + 5_000}) {
            assertThat(service.open(issuedAt.apply(valid), f.clock.instant()).position())
                    .as("issued at %d, within the ttl or the tolerated clock skew", valid)
                    .isZero();
        }
    }

    @Test
    void nextShardIteratorsGetAFreshFiveMinutes() {
        String it = iterator(TRIM_HORIZON, null);
        f.clock.advance(Duration.ofMinutes(4));
        String next = f.records.getRecords(it, 2).nextShardIterator();
        f.clock.advance(Duration.ofMinutes(4));
        assertThatThrownBy(() -> f.records.getRecords(it, null)).isInstanceOf(ExpiredIteratorException.class);
        assertThat(read(next)).containsExactly("test3", "test4", "test5", "test6");
    }

    @Test
    void aTamperedIteratorIsInvalid() {
        String it = iterator(TRIM_HORIZON, null);
        for (int index : new int[] {0, 1, it.length() / 3, it.length() / 2, it.length() - 3}) {
            char[] chars = it.toCharArray();
            chars[index] = chars[index] == 'A' ? 'B' : 'A';
            String tampered = new String(chars);
            assertThatThrownBy(() -> f.records.getRecords(tampered, null))
                    .as("flipped index %d", index)
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("Invalid ShardIterator.");
        }
        for (String garbage :
                new String[] {"x", "AAAAAAAAAAE", "not base64 !!", it.substring(0, it.length() / 2), it + "AAAA"}) {
            assertThatThrownBy(() -> f.records.getRecords(garbage, null))
                    .as(garbage)
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("Invalid ShardIterator.");
        }
        assertThat(read(it)).hasSize(6);
    }

    @Test
    void anIteratorSignedWithAnotherKeyIsInvalid() {
        ShardIteratorService other = RunnelFixture.iteratorService(f.streams, f.clock, f.properties);
        String foreign = other.getShardIterator(
                StreamName.of("s"), SHARD_0, dev.runnel.core.record.StartingPosition.of(TRIM_HORIZON, null, null));
        assertThatThrownBy(() -> f.records.getRecords(foreign, null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Invalid ShardIterator.");
    }

    @Test
    void anIteratorOfADeletedStreamIsNotFoundEvenWhenTheNameIsReused() {
        String it = iterator(TRIM_HORIZON, null);
        f.streams.delete(StreamName.of("s"));
        assertThat(read(it)).as("readable while DELETING").hasSize(6);
        f.clock.advanceMillis(500);
        assertThatThrownBy(() -> f.records.getRecords(it, null))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Stream s under account " + ACCOUNT + " not found.");
        f.createActive("s", 1);
        f.put("s", "pk", "new");
        assertThatThrownBy(() -> f.records.getRecords(it, null))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Stream s under account " + ACCOUNT + " not found.");
        assertThat(read(iterator(TRIM_HORIZON, null))).containsExactly("new");
    }

    @Test
    void aLatestIteratorIsNotedWithTheRecordsItSkipsForInsights() {
        f.createActive("empty", 1);
        iterator(TRIM_HORIZON, null);
        f.iterator("empty", 0, LATEST);
        Insights insights = new Insights(f.traffic, 0.8);
        assertThat(insights.analyze(f.streams.describe(StreamName.of("s")), f.clock.instant())
                        .advice())
                .as("TRIM_HORIZON misses nothing")
                .isEmpty();

        iterator(LATEST, null);
        assertThat(insights.analyze(f.streams.describe(StreamName.of("s")), f.clock.instant())
                        .advice())
                .singleElement()
                .satisfies(advice -> {
                    assertThat(advice.kind()).isEqualTo("START_CONSUMERS_FIRST");
                    assertThat(advice.shardId()).isEqualTo(SHARD_0);
                    assertThat(advice.message()).contains("after 6 records had been written");
                });
        assertThat(insights.analyze(f.streams.describe(StreamName.of("empty")), f.clock.instant())
                        .advice())
                .as("a LATEST reader of an empty shard misses nothing")
                .isEmpty();
    }
}
