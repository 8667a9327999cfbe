package dev.runnel.storage.kafka;

import dev.runnel.storage.kafka.MetadataCodec.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that keeps one node's {@link StateView} up to date and tells proposers their decisions: one
 * read-committed consumer, assigned partition 0 of the state topic (from its beginning) and of the decisions topic
 * (from its end as of start-up), polling until {@link #close}.
 *
 * <p>Thread-safe. {@link #expect} and {@link #forget} may be called from any thread.
 */
final class StateFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StateFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition state;
    private final TopicPartition decisions;
    private final StateView view;
    private final Map<String, CompletableFuture<Decision>> pending = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Assigns and positions the consumer (blocking for at most the request timeout), then starts the thread.
     *
     * @throws dev.runnel.core.error.ServiceUnavailableException when the positions could not be found in time
     */
    StateFollower(KafkaClients clients, StateView view) {
        this.view = view;
        this.state = new TopicPartition(clients.topic(MetadataTopics.STATE), 0);
        this.decisions = new TopicPartition(clients.topic(MetadataTopics.DECISIONS), 0);
        this.consumer =
                clients.consumer("metadata-follower", Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        try {
            consumer.assign(List.of(state, decisions));
            consumer.seekToBeginning(List.of(state));
            consumer.seekToEnd(List.of(decisions));
            // Resolved now, so a decision written after start() returns is never skipped.
            consumer.position(decisions);
            view.advanceTo(consumer.position(state));
        } catch (KafkaException e) {
            consumer.close(Duration.ZERO);
            throw KafkaClients.unavailable("reading the metadata topics' positions", e);
        }
        this.thread = new Thread(this::run, clients.nodeId() + "-metadata-follower");
        thread.setDaemon(true);
        thread.start();
    }

    /** Registers a proposal whose decision the caller awaits; call before sending it. */
    CompletableFuture<Decision> expect(String proposalId) {
        CompletableFuture<Decision> decision = new CompletableFuture<>();
        pending.put(proposalId, decision);
        return decision;
    }

    /** Stops waiting for a proposal's decision. */
    void forget(String proposalId) {
        pending.remove(proposalId);
    }

    private void run() {
        while (running) {
            try {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.partition() == state.partition()
                            && record.topic().equals(state.topic())) {
                        view.apply(record);
                    } else {
                        decided(record);
                    }
                }
                view.advanceTo(consumer.position(state, POLL));
            } catch (WakeupException e) {
                // close() was called
            } catch (KafkaException e) {
                if (running) {
                    LOG.warn("Reading the metadata state failed; retrying: {}", e.toString());
                    pause();
                }
            } catch (RuntimeException e) {
                LOG.error("Applying the metadata state failed; retrying", e);
                pause();
            }
        }
    }

    private void decided(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        CompletableFuture<Decision> waiting = pending.remove(MetadataCodec.string(record.key()));
        if (waiting != null) {
            try {
                waiting.complete(MetadataCodec.decision(record.value()));
            } catch (IllegalArgumentException e) {
                waiting.completeExceptionally(e);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops the thread and closes the consumer; waiting proposers are woken by their deadlines. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(POLL.toMillis() * 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            consumer.close(Duration.ofSeconds(1));
        }
        view.close();
        pending.values().forEach(p -> p.cancel(false));
    }
}
