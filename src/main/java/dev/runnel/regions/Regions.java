package dev.runnel.regions;

import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.insight.TrafficMeter;
import dev.runnel.records.ReadMemoryBudget;
import dev.runnel.records.RecordService;
import dev.runnel.records.ShardIteratorCodec;
import dev.runnel.records.ShardIteratorService;
import dev.runnel.records.Subscriptions;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.storage.AccountSettingsStore;
import dev.runnel.storage.RegionStorage;
import dev.runnel.storage.ShardLogStore;
import dev.runnel.storage.StreamCatalog;
import dev.runnel.streams.AccountSettingsService;
import dev.runnel.streams.ChannelService;
import dev.runnel.streams.ConsumerService;
import dev.runnel.streams.LocalOnDemandScaling;
import dev.runnel.streams.LocalReshardingLock;
import dev.runnel.streams.ReshardingService;
import dev.runnel.streams.ResourcePolicyService;
import dev.runnel.streams.StreamService;
import dev.runnel.streams.StreamSettingsService;
import dev.runnel.throttling.Throttler;
import dev.runnel.tokens.TokenSigner;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Streams are scoped by account and region, as on Kinesis: each region a client names (through the SigV4
 * credential scope) gets its own catalog and services, made on first use. Only the regions of the settings are
 * served ({@code runnel.region} and {@code runnel.regions}, by default AWS's), so clients cannot make catalogs
 * without bound. All regions share the shard-log store, its memory budget, the read budget and the token signer.
 * Thread-safe.
 */
public final class Regions {

    /** How long a GetRecords or console read waits for room in the read budget before it is refused. */
    private static final Duration READ_WAIT = Duration.ofSeconds(1);

    private final Function<String, RegionStorage> storage;
    private final ShardLogStore logs;
    private final InstantSource clock;
    private final RunnelProperties properties;
    private final TokenSigner signer;
    private final ShardIteratorCodec codec;
    private final TrafficMeter traffic;
    private final Throttler throttler;
    private final ReadMemoryBudget reads;
    private final Map<String, RegionServices> regions = new ConcurrentHashMap<>();
    private final Set<String> served;

    /**
     * Regions kept in memory, with the iterator secret of the settings.
     *
     * @param catalogs makes the empty stream catalog of a region
     * @param traffic the traffic windows of every shard, shared by all regions
     * @param throttler the per-shard throughput limits, shared by all regions
     */
    public Regions(
            Function<String, StreamCatalog> catalogs,
            ShardLogStore logs,
            InstantSource clock,
            RunnelProperties properties,
            TrafficMeter traffic,
            Throttler throttler) {
        this(
                region -> new RegionStorage(catalogs.apply(region), AccountSettingsStore.inMemory()),
                properties.iterators().secret(),
                logs,
                clock,
                properties,
                traffic,
                throttler);
    }

    /**
     * @param storage opens the storage of a region (on first use)
     * @param iteratorSecret signs shard iterators and pagination tokens; blank for a random one, valid for this
     *     process only
     * @param traffic the traffic windows of every shard, shared by all regions
     * @param throttler the per-shard throughput limits, shared by all regions
     */
    public Regions(
            Function<String, RegionStorage> storage,
            String iteratorSecret,
            ShardLogStore logs,
            InstantSource clock,
            RunnelProperties properties,
            TrafficMeter traffic,
            Throttler throttler) {
        this.traffic = traffic;
        this.throttler = throttler;
        this.storage = storage;
        this.logs = logs;
        this.clock = clock;
        this.properties = properties;
        this.signer = new TokenSigner(iteratorSecret);
        this.codec = new ShardIteratorCodec(signer);
        Set<String> names = new TreeSet<>(properties.regions());
        names.add(properties.region());
        this.served = Collections.unmodifiableSet(names);
        this.reads = new ReadMemoryBudget(properties.storage().maxReadBytesOrDefault(), READ_WAIT);
    }

    /** The services of a region Runnel serves; empty for any other name. */
    public Optional<RegionServices> find(String region) {
        return region != null && served.contains(region)
                ? Optional.of(regions.computeIfAbsent(region, this::create))
                : Optional.empty();
    }

    /** The names of the regions Runnel serves, sorted. */
    public Set<String> served() {
        return served;
    }

    public RegionServices defaultRegion() {
        return regions.computeIfAbsent(properties.region(), this::create);
    }

    /** Every region used so far. */
    public List<RegionServices> all() {
        return List.copyOf(regions.values());
    }

    /** The bytes reads in flight may hold, shared by every region. */
    public ReadMemoryBudget reads() {
        return reads;
    }

    /** Signs pagination tokens with the same secret as shard iterators. */
    public TokenSigner signer() {
        return signer;
    }

    /**
     * Drops every shard log that no stream of a region in use references: the debris of a stream creation,
     * resharding or deletion that a crash interrupted between its log and catalog steps. Run at start, after the
     * regions with stored streams were opened and before requests are served.
     *
     * @return how many logs it dropped
     */
    public int dropUnreferencedLogs() {
        Map<Long, Set<ShardId>> referenced = new HashMap<>();
        for (RegionServices region : all()) {
            for (Stream stream : region.streams().stored()) {
                Set<ShardId> shards = referenced.computeIfAbsent(stream.incarnation(), k -> new HashSet<>());
                stream.shards().forEach(shard -> shards.add(shard.id()));
            }
        }
        int dropped = 0;
        for (Map.Entry<Long, Set<ShardId>> stored : logs.ids().entrySet()) {
            Set<ShardId> kept = referenced.get(stored.getKey());
            if (kept == null) {
                logs.drop(stored.getKey());
                dropped += stored.getValue().size();
                continue;
            }
            for (ShardId shard : stored.getValue()) {
                if (!kept.contains(shard)) {
                    logs.drop(stored.getKey(), shard);
                    dropped++;
                }
            }
        }
        return dropped;
    }

    private RegionServices create(String region) {
        RegionStorage stored = storage.apply(region);
        StreamCatalog catalog = stored.catalog();
        StreamService streams = new StreamService(catalog, logs, clock, properties, region);
        AccountSettingsService account = new AccountSettingsService(clock, stored.accountSettings());
        ReshardingService resharding =
                new ReshardingService(catalog, logs, streams, new LocalReshardingLock(), clock, properties, account);
        ConsumerService consumers = new ConsumerService(streams, catalog, clock, properties.fanOut());
        ChannelService channels = new ChannelService(catalog, streams, clock, properties);
        ShardIteratorService iterators = new ShardIteratorService(streams.lookup(), clock, properties, codec, traffic);
        return new RegionServices(
                region,
                streams,
                new StreamSettingsService(catalog, streams, clock, properties),
                resharding,
                iterators,
                new RecordService(streams.lookup(), iterators, clock, traffic, throttler, reads),
                new LocalOnDemandScaling(streams, resharding, traffic, clock, properties.onDemand(), account),
                consumers,
                new Subscriptions(
                        consumers, streams.lookup(), iterators, clock, properties.fanOut(), throttler, traffic, reads),
                account,
                channels,
                new ResourcePolicyService(catalog, streams, channels, clock));
    }
}
