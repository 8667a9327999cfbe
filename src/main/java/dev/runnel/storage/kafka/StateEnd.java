package dev.runnel.storage.kafka;

import dev.runnel.core.error.ServiceUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads where the committed metadata state ends: the state partition's last stable offset, asked of its leader by a
 * read-committed consumer of its own (one round trip; the admin client would look the leader up first, a second).
 * Thread-safe: callers take turns on the one consumer.
 */
final class StateEnd implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition state;
    private final Duration timeout;

    StateEnd(KafkaClients clients, TopicPartition state) {
        this.consumer =
                clients.consumer("metadata-state-end", Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        this.state = state;
        this.timeout = clients.requestTimeout();
    }

    /**
     * The offset after the last committed change of the state.
     *
     * @throws ServiceUnavailableException when Kafka did not answer within the request timeout
     */
    synchronized long offset() {
        try {
            Long end = consumer.endOffsets(List.of(state), timeout).get(state);
            if (end == null) {
                throw KafkaClients.unavailable("reading the end of the metadata state", null);
            }
            return end;
        } catch (KafkaException e) {
            throw KafkaClients.unavailable("reading the end of the metadata state", e);
        }
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
