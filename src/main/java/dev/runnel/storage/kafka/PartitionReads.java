package dev.runnel.storage.kafka;

import dev.runnel.core.error.ServiceUnavailableException;
import dev.runnel.core.record.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One read of a Kafka shard log from a positioned cursor, by the rules of {@link dev.runnel.storage.ShardLog#read}. */
final class PartitionReads {

    private PartitionReads() {}

    /**
     * Reads from the cursor's position until {@code limit} records, the byte rule, or {@code end}.
     *
     * @param end the exclusive end offset: nothing at or past it is returned
     * @param minArrival records stamped before this epoch-millisecond instant are skipped
     * @param admits whether an offset is part of the log (not hidden by an unseal)
     * @param positionAtOrAfter the first offset at or after an arrival time: one lookup skips a long expired stretch
     * @param deadlineNanos when to give up waiting for Kafka ({@link System#nanoTime()})
     * @throws ServiceUnavailableException when Kafka served nothing before the deadline
     */
    static List<StoredRecord> read(
            LogCursors.Cursor cursor,
            long end,
            int limit,
            long maxBytes,
            long minArrival,
            LongPredicate admits,
            LongUnaryOperator positionAtOrAfter,
            long deadlineNanos) {
        List<StoredRecord> records = new ArrayList<>();
        long bytes = 0;
        boolean soughtArrival = false;
        while (records.size() < limit && cursor.next() < end) {
            ConsumerRecord<byte[], byte[]> record = cursor.peek(end, deadlineNanos);
            if (record == null) {
                if (records.isEmpty() && cursor.next() < end) {
                    throw new ServiceUnavailableException("Kafka did not serve the shard's records in time");
                }
                break;
            }
            if (record.offset() >= end) {
                break;
            }
            if (record.timestamp() < minArrival) {
                if (!soughtArrival) {
                    soughtArrival = true;
                    long first = positionAtOrAfter.applyAsLong(minArrival);
                    if (first > record.offset()) {
                        cursor.seek(first);
                        continue;
                    }
                }
                cursor.advance();
                continue;
            }
            if (!admits.test(record.offset())) {
                cursor.advance(); // hidden by an unseal
                continue;
            }
            long size = LogRecords.sizeBytes(record);
            if (!records.isEmpty() && bytes + size > maxBytes) {
                break;
            }
            records.add(LogRecords.fromKafka(record));
            bytes += size;
            cursor.advance();
        }
        return records;
    }
}
