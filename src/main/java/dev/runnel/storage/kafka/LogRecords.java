package dev.runnel.storage.kafka;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.record.RecordData;
import dev.runnel.core.record.StoredRecord;
import dev.runnel.storage.ShardLog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * How a shard-log record is a Kafka record: the key is the partition key's UTF-8 bytes, the value the data, and a
 * {@value #ENCRYPTED} header (empty value) marks a record the stream encrypted; the offset is its position and the
 * broker's log-append timestamp its arrival time. The producer copies the data into its batch during {@code send},
 * so a caller may change its array once the append returned. Also turns Kafka's answers to a write into Runnel's.
 * Stateless.
 */
final class LogRecords {

    /** The header present exactly on records written with server-side encryption on. */
    static final String ENCRYPTED = "runnel.encrypted";

    private static final List<Header> ENCRYPTED_HEADERS = List.of(new RecordHeader(ENCRYPTED, new byte[0]));
    private static final byte[] NO_BYTES = new byte[0];

    private LogRecords() {}

    static ProducerRecord<byte[], byte[]> toKafka(TopicPartition partition, ShardLog.Append record) {
        return new ProducerRecord<>(
                partition.topic(),
                partition.partition(),
                null,
                record.partitionKey().getBytes(StandardCharsets.UTF_8),
                record.data(),
                record.encrypted() ? ENCRYPTED_HEADERS : List.of());
    }

    /** The record as a shard log returns it; its data is a view of the consumer's bytes, which nothing changes. */
    static StoredRecord fromKafka(ConsumerRecord<byte[], byte[]> record) {
        byte[] key = record.key() == null ? NO_BYTES : record.key();
        byte[] value = record.value() == null ? NO_BYTES : record.value();
        return new StoredRecord(
                record.offset(),
                record.timestamp(),
                new String(key, StandardCharsets.UTF_8),
                RecordData.view(value, 0, value.length),
                record.headers().lastHeader(ENCRYPTED) != null);
    }

    /** The bytes Kinesis counts for a record: partition key plus data. */
    static long sizeBytes(ConsumerRecord<byte[], byte[]> record) {
        return (long) Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
    }

    /**
     * The typed answer to a write Kafka refused, or null when the failure means Kafka is unavailable (or, for a write to
     * a deleted topic, that it timed out waiting for the topic's metadata: the caller tells the two apart).
     */
    static RuntimeException writeFailure(Throwable cause) {
        if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException) {
            return new InvalidArgumentException(
                    "The record is larger than the shard's log accepts: " + cause.getMessage());
        }
        return cause instanceof UnknownTopicOrPartitionException ? notFound() : null;
    }

    static ResourceNotFoundException notFound() {
        return new ResourceNotFoundException("The shard's log was deleted with its stream.");
    }
}
