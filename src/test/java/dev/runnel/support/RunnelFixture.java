package dev.runnel.support;

import dev.runnel.core.record.ShardIteratorType;
import dev.runnel.core.record.StartingPosition;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.insight.InMemoryTrafficMeter;
import dev.runnel.insight.TrafficMeter;
import dev.runnel.records.GetRecordsResult;
import dev.runnel.records.PutRecordCommand;
import dev.runnel.records.PutResult;
import dev.runnel.records.RecordInput;
import dev.runnel.records.RecordService;
import dev.runnel.records.RecordView;
import dev.runnel.records.ShardIteratorCodec;
import dev.runnel.records.ShardIteratorService;
import dev.runnel.settings.Http;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.settings.Storage;
import dev.runnel.storage.memory.InMemoryShardLogStore;
import dev.runnel.storage.memory.InMemoryStreamCatalog;
import dev.runnel.streams.AccountSettingsService;
import dev.runnel.streams.ChannelService;
import dev.runnel.streams.ConsumerService;
import dev.runnel.streams.CreateStreamCommand;
import dev.runnel.streams.LocalReshardingLock;
import dev.runnel.streams.ReshardingService;
import dev.runnel.streams.ResourcePolicyService;
import dev.runnel.streams.StreamService;
import dev.runnel.streams.StreamSettingsService;
import dev.runnel.throttling.Throttler;
import dev.runnel.tokens.TokenSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.springframework.util.unit.DataSize;

/** The services wired by hand over in-memory storage and a manual clock, as the application wires them. */
public final class RunnelFixture {

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "eu-west-1";

    public final ManualClock clock = new ManualClock();
    public final InMemoryStreamCatalog catalog = new InMemoryStreamCatalog();
    public final InMemoryShardLogStore store;
    /** Where the records and iterator services count traffic, as the application shares one meter. */
    public final TrafficMeter traffic = new InMemoryTrafficMeter();

    public final RunnelProperties properties;
    public final StreamService streams;
    public final StreamSettingsService settings;
    public final ShardIteratorService iterators;
    public final RecordService records;
    public final ReshardingService resharding;
    public final ConsumerService consumers;
    public final AccountSettingsService accountSettings;
    public final ChannelService channels;
    public final ResourcePolicyService policies;

    public RunnelFixture() {
        this(Builder.defaults());
    }

    private RunnelFixture(Builder builder) {
        this.store = new InMemoryShardLogStore(builder.storageBytes, builder.segmentBytes, builder.segmentRecords);
        this.properties = new RunnelProperties(
                ACCOUNT,
                REGION,
                new RunnelProperties.Streams(
                        builder.shardLimit,
                        builder.createDelay,
                        builder.deleteDelay,
                        builder.createDelay,
                        Duration.ofSeconds(1)),
                new RunnelProperties.Iterators("", Duration.ofMinutes(5)),
                new Storage(
                        DataSize.ofBytes(builder.storageBytes),
                        DataSize.ofBytes(builder.segmentBytes),
                        builder.segmentRecords),
                Http.DEFAULTS);
        this.streams = new StreamService(catalog, store, clock, properties, properties.region());
        this.settings = new StreamSettingsService(catalog, streams, clock, properties);
        this.iterators = iteratorService(streams, clock, properties, traffic);
        this.records = new RecordService(streams.lookup(), iterators, clock, traffic, Throttler.unlimited());
        this.accountSettings = new AccountSettingsService(clock);
        this.resharding = new ReshardingService(
                catalog, store, streams, new LocalReshardingLock(), clock, properties, accountSettings);
        this.consumers = new ConsumerService(streams, catalog, clock, properties.fanOut());
        this.channels = new ChannelService(catalog, streams, clock, properties);
        this.policies = new ResourcePolicyService(catalog, streams, channels, clock);
    }

    /** An iterator service with its own codec, keyed by {@code runnel.iterators.secret}, and traffic meter. */
    public static ShardIteratorService iteratorService(
            StreamService streams, InstantSource clock, RunnelProperties properties) {
        return iteratorService(streams, clock, properties, new InMemoryTrafficMeter());
    }

    /** An iterator service with its own codec that notes LATEST readers in {@code traffic}. */
    public static ShardIteratorService iteratorService(
            StreamService streams, InstantSource clock, RunnelProperties properties, TrafficMeter traffic) {
        return new ShardIteratorService(
                streams.lookup(),
                clock,
                properties,
                new ShardIteratorCodec(new TokenSigner(properties.iterators().secret())),
                traffic);
    }

    public static Builder builder() {
        return Builder.defaults();
    }

    /** Creates a stream and moves the clock past its create delay, so it is ACTIVE. */
    public Stream createActive(String name, int shards) {
        Stream stream = streams.create(CreateStreamCommand.of(name, shards, null, null, null));
        clock.advance(properties.streams().createDelay());
        return stream;
    }

    public PutResult put(String stream, String partitionKey, String data) {
        return put(stream, partitionKey, data.getBytes(StandardCharsets.UTF_8));
    }

    public PutResult put(String stream, String partitionKey, byte[] data) {
        return records.put(
                new PutRecordCommand(StreamName.of(stream), new RecordInput(partitionKey, data, null), null));
    }

    public String iterator(
            String stream, String shardId, ShardIteratorType type, String sequenceNumber, Instant timestamp) {
        return iterators.getShardIterator(
                StreamName.of(stream), shardId, StartingPosition.of(type, sequenceNumber, timestamp));
    }

    public String iterator(String stream, int shard, ShardIteratorType type) {
        return iterator(stream, "shardId-" + shard, type, null, null);
    }

    /** Reads from the iterator until a page comes back empty; returns every record's data as text. */
    public List<String> drain(String iterator) {
        List<String> out = new ArrayList<>();
        String next = iterator;
        for (int i = 0; i < 100_000 && next != null; i++) {
            GetRecordsResult page = records.getRecords(next, null);
            page.records().forEach(r -> out.add(text(r)));
            next = page.nextShardIterator();
            if (page.records().isEmpty()) {
                break;
            }
        }
        return out;
    }

    public static String text(RecordView record) {
        return new String(record.data().toByteArray(), StandardCharsets.UTF_8);
    }

    public static List<String> texts(GetRecordsResult result) {
        return result.records().stream().map(RunnelFixture::text).toList();
    }

    public static final class Builder {
        private long storageBytes = 256L * 1024 * 1024;
        private int segmentBytes = 1024 * 1024;
        private int segmentRecords = 16_384;
        private int shardLimit = 10_000;
        private Duration createDelay = Duration.ofMillis(500);
        private Duration deleteDelay = Duration.ofMillis(500);

        static Builder defaults() {
            return new Builder();
        }

        public Builder storageBytes(long bytes) {
            this.storageBytes = bytes;
            return this;
        }

        public Builder segments(int bytes, int records) {
            this.segmentBytes = bytes;
            this.segmentRecords = records;
            return this;
        }

        public Builder shardLimit(int limit) {
            this.shardLimit = limit;
            return this;
        }

        public Builder delays(Duration create, Duration delete) {
            this.createDelay = create;
            this.deleteDelay = delete;
            return this;
        }

        public RunnelFixture build() {
            return new RunnelFixture(this);
        }
    }
}
