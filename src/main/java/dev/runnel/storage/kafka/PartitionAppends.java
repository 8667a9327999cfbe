package dev.runnel.storage.kafka;

import dev.runnel.storage.ShardLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/** Sending one batch of a Kafka shard log and waiting for Kafka's acknowledgements, before the seal check. */
final class PartitionAppends {

    private PartitionAppends() {}

    /**
     * Sends {@code records} to the partition in order while holding {@code sendLock} (so this node's batch is
     * contiguous in the partition), then waits, at most the request timeout each, for every acknowledgement.
     *
     * @param dropped whether the log is dropped by now: a write to a deleted topic then answers ResourceNotFound
     * @return the acknowledgements of the longest prefix Kafka acknowledged, at least one
     * @throws dev.runnel.core.error.KinesisException when not even the first record was acknowledged: typed per
     *     {@link LogRecords#writeFailure}, else ServiceUnavailable
     */
    static List<RecordMetadata> sendAndAwait(
            LogContext context,
            TopicPartition partition,
            Lock sendLock,
            List<ShardLog.Append> records,
            BooleanSupplier dropped) {
        String what = "writing to " + partition;
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        sendLock.lock();
        try {
            for (ShardLog.Append record : records) {
                sends.add(context.producer().send(LogRecords.toKafka(partition, record)));
            }
        } catch (KafkaException | IllegalStateException e) {
            if (sends.isEmpty()) {
                throw KafkaClients.unavailable(what, e);
            }
        } finally {
            sendLock.unlock();
        }
        List<RecordMetadata> acknowledged = new ArrayList<>(sends.size());
        for (Future<RecordMetadata> sent : sends) {
            try {
                acknowledged.add(context.clients()
                        .await(sent, what, cause -> LogRecords.writeFailure(cause, dropped.getAsBoolean())));
            } catch (RuntimeException failed) {
                if (acknowledged.isEmpty()) {
                    throw failed;
                }
                break; // the prefix stands, as when a store runs out of room
            }
        }
        return acknowledged;
    }
}
