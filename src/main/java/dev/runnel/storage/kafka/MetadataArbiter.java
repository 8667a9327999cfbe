package dev.runnel.storage.kafka;

import dev.runnel.storage.kafka.MetadataCodec.Decision;
import dev.runnel.storage.kafka.MetadataCodec.Proposal;
import dev.runnel.storage.kafka.MetadataLog.Entry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arbiter duty of one node: a thread in the consumer group {@code <prefix>arbiter}, subscribed to the proposals
 * topic. While this node holds partition 0 it is the arbiter: it decides each batch of proposals in log order in one
 * Kafka transaction (see {@link MetadataLog} for the protocol). A transaction refused without fencing (the group's
 * generation moved under a rebalance) is aborted and its batch decided again. Any other failure (fenced, timeout)
 * makes it resign: abort, close the transactional producer, leave the group and join it again, so whoever is assigned
 * the partition next starts from the last committed offset against a complete view.
 *
 * <p>Thread-safe: only its own thread touches the clients; {@link #isArbiter} reads a volatile flag.
 */
final class MetadataArbiter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataArbiter.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaClients clients;
    private final StateView view;
    private final Runnable barrier;
    private final TopicPartition proposals;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    /** What this arbiter committed that the view may not show yet; a null value is a deletion. */
    private final Map<String, Entry> written = new HashMap<>();

    private KafkaProducer<byte[], byte[]> producer;
    private boolean assigned;
    private boolean inTransaction;
    private long decidedThrough;
    private volatile boolean arbiter;
    private volatile boolean running = true;

    MetadataArbiter(KafkaClients clients, StateView view, Runnable barrier) {
        this.clients = clients;
        this.view = view;
        this.barrier = barrier;
        this.proposals = new TopicPartition(clients.topic(MetadataTopics.PROPOSALS), 0);
        long session = clients.settings().sessionTimeout().toMillis();
        this.consumer = clients.consumer(
                "metadata-arbiter",
                Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG,
                        clients.topic(MetadataTopics.ARBITER),
                        ConsumerConfig.GROUP_PROTOCOL_CONFIG,
                        "classic",
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                        (int) session,
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                        (int) Math.max(1, session / 3),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        // Also the rebalance timeout: how long a rebalance waits for a member whose thread is stuck.
                        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                        (int) Math.max(30_000, 4 * clients.requestTimeout().toMillis()),
                        // A node joining must not take the partition from the arbiter, even for a moment.
                        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                        CooperativeStickyAssignor.class.getName()));
        this.thread = new Thread(this::run, clients.nodeId() + "-metadata-arbiter");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether this node is the arbiter now (holds the partition and has taken over). */
    boolean isArbiter() {
        return arbiter;
    }

    private void run() {
        subscribe();
        while (running) {
            try {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (assigned && producer == null) {
                    takeOver();
                }
                if (producer != null && !records.isEmpty()) {
                    decideOrRetry(records.records(proposals));
                }
            } catch (WakeupException e) {
                // close() was called
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("The metadata arbiter on this node resigns and rejoins: {}", e.toString());
                    resign();
                }
            }
        }
        stepDown();
        consumer.close(Duration.ofSeconds(2));
    }

    private void subscribe() {
        consumer.subscribe(List.of(proposals.topic()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                if (partitions.contains(proposals)) {
                    assigned = false;
                    stepDown();
                }
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                onPartitionsRevoked(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                assigned |= partitions.contains(proposals);
            }
        });
    }

    /** Fences every earlier arbiter, then makes sure the view holds everything they committed. */
    private void takeOver() {
        producer = clients.producer(
                "metadata-arbiter",
                Map.of(
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        clients.topic(MetadataTopics.ARBITER),
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        (int) Math.max(10_000, 2 * clients.requestTimeout().toMillis())));
        producer.initTransactions();
        barrier.run();
        written.clear();
        decidedThrough = view.decidedThrough();
        arbiter = true;
        LOG.info("This node is the metadata arbiter (decided through proposal {})", decidedThrough);
    }

    /**
     * Decides a batch; when its transaction fails without fencing this arbiter (typically: a node joined, the group's
     * generation moved, and the offset commit was refused), aborts it and rewinds, so the next poll (which completes
     * the rebalance) decides the same proposals again, or hands them to the new owner of the partition.
     */
    private void decideOrRetry(List<ConsumerRecord<byte[], byte[]>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            decide(batch);
        } catch (ProducerFencedException | InvalidProducerEpochException | FencedInstanceIdException e) {
            throw e;
        } catch (KafkaException e) {
            if (!inTransaction) {
                throw e;
            }
            producer.abortTransaction(); // if this fails too, the caller resigns
            inTransaction = false;
            consumer.seek(proposals, batch.get(0).offset());
            LOG.info("The metadata arbiter aborted a batch and decides it again: {}", e.toString());
        }
    }

    private void decide(List<ConsumerRecord<byte[], byte[]>> batch) {
        producer.beginTransaction();
        inTransaction = true;
        Map<String, Entry> changes = new HashMap<>();
        long last = -1;
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            last = record.offset();
            if (last <= decidedThrough || record.key() == null) {
                continue; // decided by an earlier arbiter whose consumer offset was lost, or not a proposal
            }
            Decision decision = decide(record, changes);
            producer.send(new ProducerRecord<>(
                    clients.topic(MetadataTopics.DECISIONS), 0, record.key(), MetadataCodec.decision(decision)));
        }
        producer.send(stateRecord(StateView.DECIDED_KEY, last, MetadataCodec.revision(last)));
        producer.sendOffsetsToTransaction(Map.of(proposals, new OffsetAndMetadata(last + 1)), consumer.groupMetadata());
        producer.commitTransaction();
        inTransaction = false;
        written.putAll(changes);
        decidedThrough = last;
        long applied = view.maxRevision();
        written.values().removeIf(entry -> entry.revision() <= applied);
    }

    private Decision decide(ConsumerRecord<byte[], byte[]> record, Map<String, Entry> changes) {
        Proposal proposal;
        try {
            proposal = MetadataCodec.proposal(record.value());
        } catch (IllegalArgumentException e) {
            LOG.warn("Refused unreadable metadata proposal at offset {}: {}", record.offset(), e.getMessage());
            return new Decision(false, MetadataLog.ABSENT);
        }
        long current = currentRevision(proposal.key(), changes);
        long expected = proposal.expectedRevision();
        if (expected != MetadataLog.ANY && expected != current) {
            return new Decision(false, current);
        }
        long revision = record.offset();
        changes.put(proposal.key(), new Entry(proposal.key(), revision, proposal.value()));
        producer.send(stateRecord(proposal.key(), revision, proposal.value()));
        return new Decision(true, revision);
    }

    private long currentRevision(String key, Map<String, Entry> changes) {
        Entry entry = changes.containsKey(key)
                ? changes.get(key)
                : written.containsKey(key) ? written.get(key) : view.get(key).orElse(null);
        return entry == null || entry.value() == null ? MetadataLog.ABSENT : entry.revision();
    }

    private ProducerRecord<byte[], byte[]> stateRecord(String key, long revision, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(MetadataCodec.REVISION_HEADER, MetadataCodec.revision(revision));
        return new ProducerRecord<>(
                clients.topic(MetadataTopics.STATE), 0, null, MetadataCodec.utf8(key), value, headers);
    }

    /** Gives the duty up after a failure: the group hands the partition to a member that starts clean. */
    private void resign() {
        stepDown();
        try {
            consumer.unsubscribe();
        } catch (RuntimeException e) {
            LOG.debug("Leaving the arbiter group failed", e);
        }
        assigned = false;
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        }
        subscribe();
    }

    private void stepDown() {
        arbiter = false;
        if (producer != null) {
            if (inTransaction) {
                try {
                    producer.abortTransaction();
                } catch (RuntimeException e) {
                    LOG.debug("Aborting the arbiter's transaction failed (the next arbiter aborts it)", e);
                }
                inTransaction = false;
            }
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** Stops arbitrating and leaves the group, so another node takes over at once. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(clients.requestTimeout().toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
