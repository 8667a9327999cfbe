package dev.runnel.storage.kafka;

import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.shard.ShardId;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogRegistry;
import dev.runnel.storage.ShardLogStore;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The {@link ShardLogStore} of a Runnel node on Kafka: the logs of a stream incarnation are the partitions of one
 * topic ({@code shards.<incarnation>} under the prefix), partition <i>i</i> holding shard index <i>i</i> (shard
 * indexes are dense: a split or merge adds its children at the next indexes, so creating a shard adds exactly the
 * partitions up to it). Kafka keeps the records; the seal, hidden and dropped state every node must agree on is in
 * the {@link ShardLogStates} given. A node keeps no state of its own but caches: which logs it has handed out and how
 * many partitions each topic has (both only ever grow until a drop).
 *
 * <p>Topics are created with {@code message.timestamp.type=LogAppendTime}, {@code cleanup.policy=delete} and {@code
 * retention.ms=-1}: a stream's retention is enforced by {@link ShardLog#trimBefore}, with {@link #retain} as a
 * backstop. Kafka cannot remove a partition, so dropping one shard deletes its records and marks it dropped.
 *
 * <p>Thread-safe. Calls that reach Kafka wait at most the request timeout, then throw ServiceUnavailableException.
 * The store closes its own producer, consumers and poller thread, not the {@link KafkaClients} it was given.
 */
public final class KafkaShardLogStore implements ShardLogStore {

    /**
     * The producer's batch size: a 5 MiB PutRecords batch of one shard goes out in about 20 produce batches (up to
     * five requests in flight), while a single small record takes a pooled buffer of this size until it is
     * acknowledged. A record larger than this gets a batch of its own; {@link PartitionAdmin#MAX_MESSAGE_BYTES} bounds
     * it.
     */
    static final int BATCH_BYTES = 256 * 1024;

    /** How long {@link #usedBytes()} answers from its last reading of the brokers' log directories. */
    public static final Duration USED_BYTES_CACHE = Duration.ofSeconds(5);

    private final KafkaClients clients;
    private final ShardLogStates states;
    private final PartitionAdmin admin;
    private final PartitionTopics topics;
    private final LogContext context;
    private final ShardLogRegistry<KafkaShardLog> logs = new ShardLogRegistry<>();
    private final Map<Long, Integer> partitionCounts = new ConcurrentHashMap<>();
    private final Map<Long, Duration> retained = new ConcurrentHashMap<>();
    private long usedBytes;
    private long usedBytesReadAt;
    private boolean usedBytesRead;
    private boolean closed;

    /**
     * @param clients this node's Kafka clients; their owner closes them
     * @param states the cluster-wide states of the logs, shared by every node
     */
    public KafkaShardLogStore(KafkaClients clients, ShardLogStates states) {
        this.clients = clients;
        this.states = states;
        this.admin = new PartitionAdmin(clients);
        this.topics = new PartitionTopics(clients, admin);
        var producer = clients.producer(
                "shard-logs",
                Map.of(
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        BATCH_BYTES,
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        PartitionAdmin.MAX_MESSAGE_BYTES,
                        ProducerConfig.BUFFER_MEMORY_CONFIG,
                        64L * 1024 * 1024,
                        ProducerConfig.METADATA_MAX_AGE_CONFIG,
                        1000));
        this.context = new LogContext(
                clients,
                states,
                admin,
                producer,
                new LogCursors(clients),
                new LogEndPoller(admin, clients.nodeId() + "-shard-log-ends"));
    }

    /**
     * {@inheritDoc} Makes the topic, or adds partitions up to the shard's index; another node doing the same at once is
     * no failure.
     */
    @Override
    public ShardLog create(long incarnation, ShardId shard) {
        if (states.current(incarnation, shard.index()).dropped()) {
            return log(incarnation, shard); // dropped for good: its appends and reads answer ResourceNotFound
        }
        ensurePartitions(incarnation, shard.index() + 1);
        return log(incarnation, shard);
    }

    /** {@inheritDoc} One topic with the highest index plus one partitions, in one request. */
    @Override
    public void createAll(long incarnation, Collection<ShardId> shards) {
        int count = shards.stream().mapToInt(ShardId::index).max().orElse(-1) + 1;
        if (count > 0) {
            ensurePartitions(incarnation, count);
            shards.forEach(shard -> log(incarnation, shard));
        }
    }

    private void ensurePartitions(long incarnation, int count) {
        if (partitionCounts.getOrDefault(incarnation, 0) < count) {
            int now = admin.ensurePartitions(incarnation, count);
            partitionCounts.merge(incarnation, now, Math::max);
        }
    }

    private KafkaShardLog log(long incarnation, ShardId shard) {
        return logs.computeIfAbsent(
                incarnation,
                shard,
                () -> new KafkaShardLog(
                        context, incarnation, shard.index(), admin.partition(incarnation, shard.index())));
    }

    /**
     * {@inheritDoc} Present when the partition exists and the log is not dropped; this node remembers logs it found
     * and asks Kafka (one describe) only on a miss.
     */
    @Override
    public Optional<ShardLog> find(long incarnation, ShardId shard) {
        if (states.current(incarnation, shard.index()).dropped()) {
            logs.remove(incarnation, shard);
            return Optional.empty();
        }
        Optional<KafkaShardLog> held = logs.find(incarnation, shard);
        if (held.isPresent()) {
            return Optional.of(held.get());
        }
        if (partitionCounts.getOrDefault(incarnation, 0) <= shard.index()) {
            int count = admin.partitions(incarnation);
            if (count == 0) {
                return Optional.empty();
            }
            partitionCounts.merge(incarnation, count, Math::max);
            if (count <= shard.index()) {
                return Optional.empty();
            }
        }
        return Optional.of(log(incarnation, shard));
    }

    /** {@inheritDoc} Marks the logs dropped (appends racing with it fail), then deletes the topic. */
    @Override
    public void drop(long incarnation) {
        states.dropAll(incarnation);
        logs.removeAll(incarnation).forEach(KafkaShardLog::wakeIfClosed);
        partitionCounts.remove(incarnation);
        admin.deleteTopic(incarnation);
    }

    /** {@inheritDoc} Marks the log dropped, then deletes its records (Kafka keeps the empty partition). */
    @Override
    public void drop(long incarnation, ShardId shard) {
        states.drop(incarnation, shard.index());
        logs.remove(incarnation, shard).ifPresent(KafkaShardLog::wakeIfClosed);
        if (admin.partitions(incarnation) > shard.index()) {
            var partition = admin.partition(incarnation, shard.index());
            try {
                admin.deleteBefore(partition, admin.latest(partition));
            } catch (ResourceNotFoundException deletedMeanwhile) {
                // nothing left to delete
            }
        }
    }

    /** {@inheritDoc} Lists the shard topics under the prefix and their partitions, leaving out dropped logs. */
    @Override
    public Map<Long, Set<ShardId>> ids() {
        Map<Long, Set<ShardId>> ids = new TreeMap<>();
        topics.topics().forEach((incarnation, count) -> {
            Set<ShardId> shards = new TreeSet<>();
            for (int index = 0; index < count; index++) {
                if (!states.current(incarnation, index).dropped()) {
                    shards.add(new ShardId(index));
                }
            }
            if (!shards.isEmpty()) {
                ids.put(incarnation, Set.copyOf(shards));
            }
        });
        return ids;
    }

    /**
     * {@inheritDoc} The sizes of every replica of the shard topics under the prefix, from the brokers' log directories
     * (so with replication factor <i>n</i> about <i>n</i> times the records' bytes), read at most once per {@link
     * #USED_BYTES_CACHE}: the answer may trail appends and deletions by that long. Kafka frees deleted records when
     * it deletes their segments, later.
     */
    @Override
    public synchronized long usedBytes() {
        long now = System.nanoTime();
        if (!usedBytesRead || now - usedBytesReadAt > TimeUnit.MILLISECONDS.toNanos(USED_BYTES_CACHE.toMillis())) {
            usedBytes = topics.usedBytes();
            usedBytesReadAt = now;
            usedBytesRead = true;
        }
        return usedBytes;
    }

    /** {@inheritDoc} Unbounded: Kafka's brokers manage their disks. */
    @Override
    public long maxBytes() {
        return Long.MAX_VALUE;
    }

    /**
     * {@inheritDoc} Sets the topic's {@code retention.ms} when it differs from what this node last set: Kafka then
     * deletes records older than {@code retention} on its own, a backstop to the trimming the stream's retention does
     * through {@link ShardLog#trimBefore}. An incarnation without a topic is skipped (its stream is being deleted).
     */
    @Override
    public void retain(long incarnation, Duration retention) {
        if (retention.equals(retained.get(incarnation))) {
            return;
        }
        try {
            topics.setRetention(incarnation, retention);
            retained.put(incarnation, retention);
        } catch (ResourceNotFoundException gone) {
            retained.remove(incarnation);
        }
    }

    /** {@inheritDoc} Waits for every send of this node's producer; an acknowledged append is already replicated. */
    @Override
    public void flush() {
        try {
            context.producer().flush();
        } catch (org.apache.kafka.common.KafkaException e) {
            throw KafkaClients.unavailable("flushing the shard logs' producer", e);
        }
    }

    /** {@inheritDoc} Ends the waits of {@code awaitEnd} under way here (with the end known here). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        context.poller().close();
        logs.all().forEach(KafkaShardLog::endWaits);
        context.cursors().close();
        context.producer().close(clients.requestTimeout());
    }
}
