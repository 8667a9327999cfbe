package dev.runnel.system;

import dev.runnel.settings.HeapPlan;
import dev.runnel.settings.Kafka;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.settings.Storage;
import dev.runnel.storage.AccountSettingsStore;
import dev.runnel.storage.BlobStore;
import dev.runnel.storage.NodeGroup;
import dev.runnel.storage.RegionStorage;
import dev.runnel.storage.ShardLogStore;
import dev.runnel.storage.file.DataDirectory;
import dev.runnel.storage.file.FileAccountSettings;
import dev.runnel.storage.file.FileBlobStore;
import dev.runnel.storage.file.FileLogOptions;
import dev.runnel.storage.file.FileShardLogStore;
import dev.runnel.storage.file.FileStreamCatalog;
import dev.runnel.storage.file.FsyncPolicy;
import dev.runnel.storage.file.SecretFile;
import dev.runnel.storage.kafka.KafkaAccountSettings;
import dev.runnel.storage.kafka.KafkaClients;
import dev.runnel.storage.kafka.KafkaHealth;
import dev.runnel.storage.kafka.KafkaNodeGroup;
import dev.runnel.storage.kafka.KafkaOptions;
import dev.runnel.storage.kafka.KafkaShardLogStates;
import dev.runnel.storage.kafka.KafkaShardLogStore;
import dev.runnel.storage.kafka.KafkaStreamCatalog;
import dev.runnel.storage.kafka.MetadataLog;
import dev.runnel.storage.kafka.SharedSecret;
import dev.runnel.storage.memory.InMemoryShardLogStore;
import dev.runnel.storage.memory.InMemoryStreamCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage adapters {@code runnel.storage.type} chooses, made once: the shard-log store, each region's storage
 * and lease-table blob store, the iterator secret, and (for the file store) the locked data directory. The only class that knows which adapters
 * exist. Closing it closes the store, then releases the directory.
 */
final class StorageAdapters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StorageAdapters.class);

    private final ShardLogStore logs;
    private final Function<String, RegionStorage> regions;
    private final Function<String, BlobStore> leaseTables;
    private final String iteratorSecret;
    private final NodeGroup nodes;
    private final Supplier<Map<String, Object>> health;
    private final Supplier<Set<String>> regionsInUse;
    private final AutoCloseable resources;
    private final DataDirectory directory;

    private StorageAdapters(
            ShardLogStore logs,
            Function<String, RegionStorage> regions,
            Function<String, BlobStore> leaseTables,
            String iteratorSecret,
            NodeGroup nodes,
            Supplier<Map<String, Object>> health,
            Supplier<Set<String>> regionsInUse,
            AutoCloseable resources,
            DataDirectory directory) {
        this.logs = logs;
        this.regions = regions;
        this.leaseTables = leaseTables;
        this.iteratorSecret = iteratorSecret;
        this.nodes = nodes;
        this.health = health;
        this.regionsInUse = regionsInUse;
        this.resources = resources;
        this.directory = directory;
    }

    /** The adapters of the settings; the memory store within the budget {@code plan} allows. */
    static StorageAdapters of(RunnelProperties properties, HeapPlan plan) {
        Storage storage = properties.storage();
        String secret = properties.iterators().secret();
        if (storage.inMemory()) {
            return new StorageAdapters(
                    new InMemoryShardLogStore(
                            plan.storageBytes(), (int) storage.segmentSize().toBytes(), storage.segmentRecords()),
                    region -> new RegionStorage(new InMemoryStreamCatalog(), AccountSettingsStore.inMemory()),
                    region -> BlobStore.NONE,
                    secret,
                    NodeGroup.SINGLE,
                    () -> Map.of("store", "memory"),
                    Set::of,
                    null,
                    null);
        }
        if (storage.type() == Storage.Type.KAFKA) {
            return kafka(properties);
        }
        DataDirectory directory = DataDirectory.open(storage.dir());
        try {
            FileLogOptions options = new FileLogOptions(
                    storage.fileSegmentSize().toBytes(),
                    storage.segmentAge().toMillis(),
                    FsyncPolicy.valueOf(storage.fsync().name()),
                    storage.fsyncInterval(),
                    storage.maxBytes() != null ? storage.maxBytes().toBytes() : Long.MAX_VALUE,
                    storage.minFreeSpace().toBytes());
            ShardLogStore logs = new FileShardLogStore(directory.logs(), options);
            LOG.info(
                    "Durable storage in {} (fsync {}): records on disk, read from disk",
                    directory.root(),
                    storage.fsync().name().toLowerCase());
            return new StorageAdapters(
                    logs,
                    region -> fileRegion(directory, region),
                    region -> new FileBlobStore(directory.leaseTables(region)),
                    secret.isBlank() ? SecretFile.loadOrCreate(directory.iteratorSecret()) : secret,
                    NodeGroup.SINGLE,
                    () -> Map.of("store", "file", "dir", directory.root().toString()),
                    Set::of,
                    null,
                    directory);
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /**
     * The Kafka adapters: records in a topic per stream, metadata decided by the cluster's arbiter ({@link
     * MetadataLog}); lease tables stay in each node's memory. The iterator secret is the configured one or the one
     * the first node stored in the metadata log, so tokens verify on every node.
     */
    /**
     * The Kafka adapters: records in a topic per stream, metadata decided by the cluster's arbiter ({@link
     * MetadataLog}); lease tables stay in each node's memory. The iterator secret is the configured one or the one
     * the first node stored in the metadata log, so tokens verify on every node.
     */
    private static StorageAdapters kafka(RunnelProperties properties) {
        Kafka kafka = properties.kafka();
        KafkaOptions options = new KafkaOptions(
                kafka.bootstrapServers(),
                kafka.topicPrefix(),
                kafka.replicationFactor(),
                kafka.requestTimeout(),
                kafka.sessionTimeout(),
                kafka.properties());
        KafkaClients clients = new KafkaClients(options, nodeId());
        MetadataLog metadata = null;
        ShardLogStore made = null;
        try {
            metadata = MetadataLog.start(clients);
            MetadataLog shared = metadata;
            ShardLogStore logs = new KafkaShardLogStore(clients, new KafkaShardLogStates(shared));
            made = logs;
            String secret = properties.iterators().secret();
            LOG.info(
                    "Kafka storage on {} (topics {}*) as node {}: records and metadata in Kafka",
                    kafka.bootstrapServers(),
                    kafka.topicPrefix(),
                    clients.nodeId());
            return new StorageAdapters(
                    logs,
                    region -> new RegionStorage(
                            new KafkaStreamCatalog(shared, region), new KafkaAccountSettings(shared, region)),
                    region -> BlobStore.NONE,
                    secret.isBlank() ? SharedSecret.of(shared) : secret,
                    new KafkaNodeGroup(shared),
                    () -> KafkaHealth.details(clients, shared),
                    () -> KafkaStreamCatalog.regions(shared),
                    () -> {
                        logs.close();
                        shared.close();
                        clients.close();
                    },
                    null);
        } catch (RuntimeException e) {
            if (made != null) {
                made.close();
            }
            if (metadata != null) {
                metadata.close();
            }
            clients.close();
            throw e;
        }
    }

    /** {@code runnel-<host>-<4 random hex digits>}: what Kafka's logs and group listings show for this node. */
    private static String nodeId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^a-zA-Z0-9.-]", "");
        } catch (java.net.UnknownHostException e) {
            host = "node";
        }
        return "runnel-" + host + "-" + String.format("%04x", new java.security.SecureRandom().nextInt(1 << 16));
    }

    private static RegionStorage fileRegion(DataDirectory directory, String region) {
        try {
            return new RegionStorage(
                    new FileStreamCatalog(directory.streams(region)),
                    new FileAccountSettings(directory.accountSettings(region)));
        } catch (IOException e) {
            throw new UncheckedIOException("opening the stored streams of " + region + " failed", e);
        }
    }

    ShardLogStore logs() {
        return logs;
    }

    /** Opens a region's storage (the file store reads what the region stored). */
    Function<String, RegionStorage> regions() {
        return regions;
    }

    /**
     * The blob store of a region's lease tables: in the data directory, or none in the memory mode (the lease
     * store's own maps are all it keeps, and a copy in the same heap would survive nothing).
     */
    Function<String, BlobStore> leaseTables() {
        return leaseTables;
    }

    /** The secret of the settings, or the data directory's when the settings give none; blank for a random one. */
    String iteratorSecret() {
        return iteratorSecret;
    }

    /** The regions that stored streams or lease tables in an earlier run: none for the memory store. */
    List<String> storedRegions() {
        return directory == null ? List.of() : directory.storedRegions();
    }

    /** The nodes sharing this store: this process alone unless the store is Kafka. */
    NodeGroup nodes() {
        return nodes;
    }

    /**
     * What the health endpoint shows about the store: its kind and, for Kafka, the cluster as it answers now.
     *
     * @throws RuntimeException when the store cannot be reached (the node then reports DOWN)
     */
    Map<String, Object> health() {
        return health.get();
    }

    /**
     * The regions whose streams other nodes may have made, which this node must open to look after them when it
     * leads: for Kafka every region with a stream in the metadata log; none for a store no other node shares.
     */
    Set<String> regionsInUse() {
        return regionsInUse.get();
    }

    /** Whether a stream file was set aside as unreadable (so logs no stream references may still be wanted). */
    boolean hasStreamFilesSetAside() {
        return directory != null && directory.hasStreamFilesSetAside();
    }

    @Override
    public void close() {
        if (resources != null) {
            try {
                resources.close();
            } catch (Exception e) {
                LOG.warn("Closing the storage failed", e);
            }
        } else {
            logs.close();
        }
        if (directory != null) {
            directory.close();
        }
    }
}
