package dev.runnel.storage.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * What every Kafka shard log of one store shares: the clients, the cluster-wide states, the store's producer,
 * readers and end poller. Owned (and closed) by the store.
 */
record LogContext(
        KafkaClients clients,
        ShardLogStates states,
        PartitionAdmin admin,
        KafkaProducer<byte[], byte[]> producer,
        LogCursors cursors,
        LogEndPoller poller) {}
