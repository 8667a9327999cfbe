package dev.runnel.storage.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.channel.Channel;
import dev.runnel.core.channel.ChannelConfiguration;
import dev.runnel.core.channel.ChannelConfiguration.CloudWatchLogs;
import dev.runnel.core.channel.ChannelConfiguration.EncryptionConfiguration;
import dev.runnel.core.channel.ChannelConfiguration.LoggingConfiguration;
import dev.runnel.core.channel.ChannelConfiguration.RecordConfiguration;
import dev.runnel.core.channel.S3Destinations.DeadLetterQueueS3Configuration;
import dev.runnel.core.channel.S3Destinations.PartitionField;
import dev.runnel.core.channel.S3Destinations.PartitionSpec;
import dev.runnel.core.channel.S3Destinations.S3DestinationConfiguration;
import dev.runnel.core.channel.S3Destinations.S3StorageConfiguration;
import dev.runnel.core.channel.S3Destinations.S3TablesConfiguration;
import dev.runnel.core.channel.S3Destinations.S3TablesDestinationConfiguration;
import dev.runnel.core.hash.HashKey;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.RecordDistribution;
import dev.runnel.core.stream.Resharding;
import dev.runnel.core.stream.ScalingEvent;
import dev.runnel.core.stream.ShardLevelMetric;
import dev.runnel.core.stream.StoredStream;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamConsumer;
import dev.runnel.core.stream.StreamFeatures;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/** Streams for the file adapter's tests: one with every field set, random ones, and the accessor-by-accessor check. */
public final class StreamSamples {

    public static final String ACCOUNT = "123456789012";
    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123Z");
    private static final String ROLE = "arn:aws:iam::123456789012:role/delivery";
    private static final String BUCKET = "arn:aws:s3:::runnel-out";

    private StreamSamples() {}

    /** A stream in which every field holds something other than a new stream's default. */
    public static Stream everyField() {
        Stream s = Stream.create(
                StreamName.of("Orders.v2"),
                42L,
                StreamMode.ON_DEMAND,
                4,
                48,
                2048,
                Map.of("team", "payments", "cost-centre", "7"),
                T0,
                Duration.ofMillis(1500));
        Shard second = s.shard(new ShardId(1)).orElseThrow();
        s = Resharding.split(
                s, second.id(), middle(second), 1234L, T0.plusSeconds(60).plusNanos(987_654_321), ACCOUNT);
        s = Resharding.merge(
                s, new ShardId(2), new ShardId(3), 55L, 66L, T0.plusSeconds(120).plusNanos(1), ACCOUNT);
        String arn = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/Orders.v2";
        Instant t = T0.plusSeconds(300).plusNanos(123_456_789);
        return s.with(c -> {
                    c.updatingUntil = t.plusSeconds(30);
                    c.encryptionKeyId = "arn:aws:kms:us-east-1:123456789012:key/abc";
                    c.shardLevelMetrics =
                            EnumSet.of(ShardLevelMetric.IncomingBytes, ShardLevelMetric.IteratorAgeMilliseconds);
                    c.shardCountUpdates = List.of(t.minusSeconds(3600), t.minusNanos(5));
                    c.modeUpdates = List.of(t.minusSeconds(7200));
                    c.scalingEvents = List.of(
                            new ScalingEvent(t.minusSeconds(50), 4, 5, "write \"hot\" ✓ \\ \u0001 \uD83D\uDE00"),
                            new ScalingEvent(t.minusSeconds(40), 5, 4, null));
                    c.consumers = List.of(
                            StreamConsumer.register("app-1", Map.of("k", "v", "empty", ""), t, Duration.ofSeconds(5)),
                            StreamConsumer.register("app-2", Map.of(), t.plusMillis(1), Duration.ofSeconds(5))
                                    .deregistering(t.plusNanos(77), Duration.ofSeconds(5)));
                    c.features = StreamFeatures.DEFAULTS
                            .withPolicy(arn, "{\"Version\":\"2012-10-17\",\"Statement\":[]}")
                            .withPolicy(arn + "/consumer/app-1:1741064767", "{}")
                            .withWarmThroughput(100)
                            .withRecordDistribution(RecordDistribution.AUTO)
                            .withChannels(List.of(bucketChannel(t), tablesChannel(t)), t);
                })
                .deleting(t.plusSeconds(1).plusNanos(3), Duration.ofSeconds(30));
    }

    private static HashKey middle(Shard shard) {
        BigInteger start = shard.hashKeyRange().start().toBigInteger();
        BigInteger end = shard.hashKeyRange().end().toBigInteger();
        return HashKey.of(start.add(end).shiftRight(1));
    }

    private static Channel bucketChannel(Instant t) {
        ChannelConfiguration configuration = new ChannelConfiguration(
                ROLE,
                new RecordConfiguration("JSON", null),
                new S3DestinationConfiguration(
                        120,
                        new DeadLetterQueueS3Configuration(BUCKET, ACCOUNT, "dead/"),
                        new S3StorageConfiguration(BUCKET, ACCOUNT, "out/{yyyy}/", "GLACIER_IR", "GZIP")),
                null,
                new EncryptionConfiguration("KMS", "arn:aws:kms:us-east-1:123456789012:key/def"),
                new LoggingConfiguration(new CloudWatchLogs(true, "/aws/kinesis/a", "DestinationDelivery")));
        return Channel.create("to-bucket", "id-1", configuration, Map.of("env", "test"), t, Duration.ofSeconds(2))
                .updated(configuration.withDataFreshness(60), t.plusSeconds(10), Duration.ofSeconds(3))
                .withPolicy("{\"p\":1}");
    }

    private static Channel tablesChannel(Instant t) {
        ChannelConfiguration configuration = new ChannelConfiguration(
                ROLE,
                new RecordConfiguration("GSR_JSON", "arn:aws:glue:us-east-1:123456789012:schema/r/s"),
                null,
                new S3TablesDestinationConfiguration(
                        30,
                        new DeadLetterQueueS3Configuration(BUCKET, ACCOUNT, "dlq/"),
                        List.of(new S3TablesConfiguration(
                                "arn:aws:s3tables:us-east-1:123456789012:bucket/tables",
                                "ns",
                                "events",
                                "ZSTD",
                                new PartitionSpec(List.of(new PartitionField("TIME_HOUR", "ts")))))),
                null,
                LoggingConfiguration.OFF);
        return Channel.create("to-tables", "id-2", configuration, null, t, Duration.ofSeconds(2))
                .deleting(t.plusSeconds(20), Duration.ofSeconds(4));
    }

    /** A stream with random values in every field, reshaped by random splits and merges. */
    public static Stream random(Random random) {
        Instant created = Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000));
        Stream s = Stream.create(
                StreamName.of(name(random)),
                random.nextLong(),
                random.nextBoolean() ? StreamMode.PROVISIONED : StreamMode.ON_DEMAND,
                1 + random.nextInt(6),
                24 + random.nextInt(8760 - 24 + 1),
                1 + random.nextInt(10240),
                stringMap(random),
                created,
                Duration.ofNanos(random.nextInt(1_000_000_000)));
        for (int step = random.nextInt(6); step > 0; step--) {
            s = reshard(s, random);
        }
        Set<ShardLevelMetric> metrics = EnumSet.noneOf(ShardLevelMetric.class);
        for (ShardLevelMetric metric : ShardLevelMetric.values()) {
            if (random.nextBoolean()) {
                metrics.add(metric);
            }
        }
        Stream shaped = s.with(c -> {
            c.updatingUntil = random.nextBoolean() ? null : instant(random);
            c.goneAt = random.nextBoolean() ? null : instant(random);
            c.encryptionKeyId = random.nextBoolean() ? null : text(random);
            c.shardLevelMetrics = metrics;
            c.shardCountUpdates = instants(random);
            c.modeUpdates = instants(random);
            List<ScalingEvent> events = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                events.add(new ScalingEvent(
                        random.nextBoolean() ? null : instant(random),
                        random.nextInt(),
                        random.nextInt(),
                        random.nextBoolean() ? null : text(random)));
            }
            c.scalingEvents = events;
            List<StreamConsumer> consumers = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                consumers.add(new StreamConsumer(
                        name(random),
                        instant(random),
                        instant(random),
                        random.nextBoolean() ? null : instant(random),
                        new TreeMap<>(stringMap(random))));
            }
            c.consumers = consumers;
            List<Channel> channels = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                channels.add(RandomChannels.channel(random));
            }
            c.features = new StreamFeatures(
                    new TreeMap<>(stringMap(random)),
                    random.nextInt(Integer.MAX_VALUE),
                    random.nextBoolean() ? RecordDistribution.AUTO : RecordDistribution.USER_PARTITION_KEY,
                    channels);
        });
        // The identity fields and the version are beyond with(): give them nanoseconds and any value.
        return StoredStream.restore(
                shaped.name(), shaped.incarnation(), instant(random), instant(random), random.nextLong(), c -> {
                    c.updatingUntil = shaped.updatingUntil();
                    c.goneAt = shaped.goneAt();
                    c.mode = shaped.mode();
                    c.retentionHours = shaped.retentionHours();
                    c.maxRecordSizeKiB = shaped.maxRecordSizeKiB();
                    c.encryptionKeyId = shaped.encryptionKeyId();
                    c.shardLevelMetrics = shaped.shardLevelMetrics();
                    c.tags = shaped.tags();
                    c.shards = shaped.shards();
                    c.nextShardIndex = shaped.nextShardIndex() + random.nextInt(3);
                    c.shardCountUpdates = shaped.shardCountUpdates();
                    c.modeUpdates = shaped.modeUpdates();
                    c.scalingEvents = shaped.scalingEvents();
                    c.consumers = shaped.consumers();
                    c.features = shaped.features();
                });
    }

    private static Stream reshard(Stream s, Random random) {
        List<Shard> open = s.openShardsByHashKey();
        Instant now = instant(random);
        if (open.size() > 1 && random.nextBoolean()) {
            int i = random.nextInt(open.size() - 1);
            return Resharding.merge(
                    s,
                    open.get(i).id(),
                    open.get(i + 1).id(),
                    random.nextLong() & Long.MAX_VALUE,
                    random.nextLong() & Long.MAX_VALUE,
                    now,
                    ACCOUNT);
        }
        Shard shard = open.get(random.nextInt(open.size()));
        BigInteger start = shard.hashKeyRange().start().toBigInteger();
        BigInteger size = shard.hashKeyRange().size();
        if (size.compareTo(BigInteger.valueOf(4)) < 0) {
            return s;
        }
        BigInteger offset = new BigInteger(size.bitLength(), random).mod(size.subtract(BigInteger.valueOf(3)));
        HashKey key = HashKey.of(start.add(BigInteger.TWO).add(offset));
        return Resharding.split(s, shard.id(), key, random.nextLong() & Long.MAX_VALUE, now, ACCOUNT);
    }

    public static Instant instant(Random random) {
        return switch (random.nextInt(20)) {
            case 0 -> Instant.MIN;
            case 1 -> Instant.MAX;
            case 2 -> Instant.ofEpochSecond(random.nextLong() % 31_556_889_864_403_199L, random.nextInt(1_000_000_000));
            default -> Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000));
        };
    }

    private static List<Instant> instants(Random random) {
        List<Instant> instants = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            instants.add(instant(random));
        }
        return instants;
    }

    public static String name(Random random) {
        String alphabet = "abcxyzABCXYZ0189_.-";
        StringBuilder name = new StringBuilder();
        int length = random.nextInt(10) == 0 ? 128 : 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            name.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return name.toString();
    }

    /** Any UTF-16 text: quotes, backslashes, controls, surrogate pairs and lone surrogates included. */
    public static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            switch (random.nextInt(7)) {
                case 6 -> text.append((char) (0xD800 + random.nextInt(0x800)));
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append("\"\\/");
                case 2 -> text.appendCodePoint(0x1F600 + random.nextInt(50));
                case 3 -> text.append((char) (0x00A0 + random.nextInt(0xD000)));
                default -> text.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return text.toString();
    }

    public static Map<String, String> stringMap(Random random) {
        Map<String, String> map = new TreeMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            map.put(text(random), random.nextInt(8) == 0 ? null : text(random));
        }
        return map;
    }

    /** Asserts that two streams agree in every accessor, to the nanosecond and in list order. */
    public static void assertSameStream(Stream actual, Stream expected) {
        assertThat(actual.name()).isEqualTo(expected.name());
        assertThat(actual.incarnation()).isEqualTo(expected.incarnation());
        assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
        assertThat(actual.activeAt()).isEqualTo(expected.activeAt());
        assertThat(actual.updatingUntil()).isEqualTo(expected.updatingUntil());
        assertThat(actual.goneAt()).isEqualTo(expected.goneAt());
        assertThat(actual.mode()).isEqualTo(expected.mode());
        assertThat(actual.retentionHours()).isEqualTo(expected.retentionHours());
        assertThat(actual.maxRecordSizeKiB()).isEqualTo(expected.maxRecordSizeKiB());
        assertThat(actual.encryptionKeyId()).isEqualTo(expected.encryptionKeyId());
        assertThat(actual.shardLevelMetrics()).isEqualTo(expected.shardLevelMetrics());
        assertThat(actual.tags()).containsExactlyEntriesOf(expected.tags());
        assertThat(actual.shards()).containsExactlyElementsOf(expected.shards());
        assertThat(actual.openShardsByHashKey()).containsExactlyElementsOf(expected.openShardsByHashKey());
        assertThat(actual.nextShardIndex()).isEqualTo(expected.nextShardIndex());
        assertThat(actual.shardCountUpdates()).containsExactlyElementsOf(expected.shardCountUpdates());
        assertThat(actual.modeUpdates()).containsExactlyElementsOf(expected.modeUpdates());
        assertThat(actual.scalingEvents()).containsExactlyElementsOf(expected.scalingEvents());
        assertThat(actual.consumers()).containsExactlyElementsOf(expected.consumers());
        assertThat(actual.features().resourcePolicies())
                .containsExactlyEntriesOf(expected.features().resourcePolicies());
        assertThat(actual.features().channels())
                .containsExactlyElementsOf(expected.features().channels());
        assertThat(actual.features()).isEqualTo(expected.features());
        assertThat(actual.version()).isEqualTo(expected.version());
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }
}
