package dev.runnel.storage.kafka;

import dev.runnel.core.error.ServiceUnavailableException;
import dev.runnel.storage.AppendResult;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogSealedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/** Sending one batch of a Kafka shard log, waiting for Kafka's acknowledgements, and what the seal check keeps. */
final class PartitionAppends {

    private PartitionAppends() {}

    /**
     * Sends {@code records} to the partition in order while holding {@code sendLock}, then waits, at most the request timeout each, for every acknowledgement.
     *
     * @param gone whether the log is dropped or its topic deleted by now, asked when a write failed with no typed
     *     answer (a write to a deleted topic times out waiting for its metadata): it then answers ResourceNotFound. When
     *     Kafka is unreachable, asking takes another request timeout
     * @param sendLock held while sending, so that this node's batch is contiguous in the partition among this node's
     *     records; another node's records may fall between when the batch takes several produce requests
     * @return the acknowledgements of the longest prefix Kafka acknowledged, at least one
     * @throws dev.runnel.core.error.KinesisException when not even the first record was acknowledged: typed per
     *     {@link LogRecords#writeFailure}, else ServiceUnavailable
     */
    static List<RecordMetadata> sendAndAwait(
            LogContext context,
            TopicPartition partition,
            Lock sendLock,
            List<ShardLog.Append> records,
            BooleanSupplier gone) {
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
                acknowledged.add(context.clients().await(sent, what, LogRecords::writeFailure));
            } catch (RuntimeException failed) {
                if (!acknowledged.isEmpty()) {
                    break; // the prefix stands, as when a store runs out of room
                }
                if (failed instanceof ServiceUnavailableException && gone.getAsBoolean()) {
                    throw LogRecords.notFound();
                }
                throw failed;
            }
        }
        return acknowledged;
    }

    /**
     * The longest prefix of {@code acknowledged} whose offsets {@code state} admits, as the append's results.
     *
     * @throws ShardLogSealedException when it admits none: the seal came first
     */
    static List<AppendResult> admitted(ShardLogStates.State state, List<RecordMetadata> acknowledged) {
        List<AppendResult> admitted = new ArrayList<>(acknowledged.size());
        for (RecordMetadata metadata : acknowledged) {
            if (!state.admits(metadata.offset())) {
                break;
            }
            admitted.add(new AppendResult(metadata.offset(), metadata.timestamp()));
        }
        if (admitted.isEmpty()) {
            throw new ShardLogSealedException();
        }
        return admitted;
    }
}
