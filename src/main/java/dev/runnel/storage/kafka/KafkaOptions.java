package dev.runnel.storage.kafka;

import java.time.Duration;
import java.util.Map;

/**
 * How the Kafka store reaches its cluster: the storage layer's copy of {@code runnel.kafka.*}.
 *
 * @param bootstrapServers the brokers to contact first, {@code host:port,host:port}
 * @param topicPrefix starts the name of every topic the store creates
 * @param replicationFactor copies of each topic the store creates
 * @param requestTimeout the longest one request to Kafka may take before the caller gets ServiceUnavailable
 * @param sessionTimeout how soon the cluster notices a node that stopped and hands its duties to another
 * @param properties Kafka client settings passed through to every client (security, SASL, TLS, tuning)
 */
public record KafkaOptions(
        String bootstrapServers,
        String topicPrefix,
        short replicationFactor,
        Duration requestTimeout,
        Duration sessionTimeout,
        Map<String, String> properties) {

    public KafkaOptions {
        properties = Map.copyOf(properties);
    }
}
