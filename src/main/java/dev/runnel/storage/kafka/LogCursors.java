package dev.runnel.storage.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumers one store reads its partitions with: never a group, each consumer assigned one partition at a time
 * and positioned with {@code seek}. A read that ends hands its cursor back keyed by (partition, next offset), so the
 * next read from there (a reader following its NextShardIterator) takes it as it is: no seek, and the records the
 * consumer already fetched past the last read are served from memory. At most {@link #MAX_POSITIONED} cursors stay
 * positioned (least recently returned go first) and at most {@link #MAX_IDLE} consumers wait unassigned; the rest
 * are closed. Memory: a positioned cursor holds at most one fetch (Kafka's {@code max.partition.fetch.bytes}, 1 MiB,
 * or one larger record batch) plus one prefetch in flight. A fetch waits at most 10 ms at the end of the partition,
 * so a seek on a consumer whose prefetch is parked there waits no longer than that.
 *
 * <p>Thread-safe: a cursor belongs to one read at a time (taken out of the cache while in use).
 */
final class LogCursors implements AutoCloseable {

    static final int MAX_POSITIONED = 16;
    static final int MAX_IDLE = 4;

    private record Key(TopicPartition partition, long next) {}

    /** A consumer assigned to one partition, with the records it fetched and no read has used yet. */
    static final class Cursor {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final TopicPartition partition;
        private final Deque<ConsumerRecord<byte[], byte[]>> fetched = new ArrayDeque<>();
        private long next;

        private Cursor(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition) {
            this.consumer = consumer;
            this.partition = partition;
        }

        /** The offset the next record read will have at least. */
        long next() {
            return next;
        }

        void seek(long offset) {
            consumer.seek(partition, offset);
            fetched.clear();
            next = offset;
        }

        /**
         * The next record below {@code end}, fetching when none is held, until {@code deadlineNanos} ({@link
         * System#nanoTime()}). A position Kafka no longer holds (trimmed) moves to the log's start.
         *
         * @return the record, or null when none arrived in time or the position reached {@code end}
         */
        ConsumerRecord<byte[], byte[]> peek(long end, long deadlineNanos) {
            while (fetched.isEmpty()) {
                long left = deadlineNanos - System.nanoTime();
                if (next >= end || left <= 0) {
                    return null;
                }
                consumer.poll(Duration.ofNanos(Math.min(left, 100_000_000L)))
                        .records(partition)
                        .forEach(fetched::add);
                if (fetched.isEmpty()) {
                    next = Math.max(next, consumer.position(partition));
                }
            }
            return fetched.peekFirst();
        }

        /** Moves past the record {@link #peek} returned. */
        void advance() {
            next = fetched.removeFirst().offset() + 1;
        }
    }

    private final KafkaClients clients;
    private final LinkedHashMap<Key, Cursor> positioned = new LinkedHashMap<>();
    private final Deque<KafkaConsumer<byte[], byte[]>> idle = new ArrayDeque<>();
    private boolean closed;

    LogCursors(KafkaClients clients) {
        this.clients = clients;
    }

    /** A cursor on {@code partition} whose next record is at {@code offset} or later; the caller gives it back. */
    Cursor take(TopicPartition partition, long offset) {
        KafkaConsumer<byte[], byte[]> consumer;
        synchronized (this) {
            Cursor cursor = positioned.remove(new Key(partition, offset));
            if (cursor != null) {
                return cursor;
            }
            consumer = idle.pollFirst();
        }
        if (consumer == null) {
            consumer = clients.consumer(
                    "shard-reader",
                    Map.of(
                            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000,
                            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10));
        }
        Cursor cursor = new Cursor(consumer, partition);
        consumer.assign(List.of(partition));
        cursor.seek(offset);
        return cursor;
    }

    /** Takes back a cursor whose read ended well, positioned for the read that continues it. */
    void give(Cursor cursor) {
        Cursor evicted = null;
        synchronized (this) {
            if (!closed) {
                Cursor replaced = positioned.put(new Key(cursor.partition, cursor.next), cursor);
                if (replaced != null) {
                    retire(replaced);
                }
                if (positioned.size() > MAX_POSITIONED) {
                    Iterator<Cursor> oldest = positioned.values().iterator();
                    evicted = oldest.next();
                    oldest.remove();
                }
            } else {
                evicted = cursor;
            }
        }
        if (evicted != null) {
            retire(evicted);
        }
    }

    /** Closes a cursor whose read failed: its consumer's state is unknown. */
    void discard(Cursor cursor) {
        cursor.consumer.close(Duration.ZERO);
    }

    private void retire(Cursor cursor) {
        cursor.consumer.assign(List.of());
        synchronized (this) {
            if (!closed && idle.size() < MAX_IDLE) {
                idle.addLast(cursor.consumer);
                return;
            }
        }
        cursor.consumer.close(Duration.ZERO);
    }

    @Override
    public void close() {
        List<Cursor> cursors;
        List<KafkaConsumer<byte[], byte[]>> consumers;
        synchronized (this) {
            closed = true;
            cursors = List.copyOf(positioned.values());
            consumers = List.copyOf(idle);
            positioned.clear();
            idle.clear();
        }
        cursors.forEach(cursor -> cursor.consumer.close(Duration.ZERO));
        consumers.forEach(consumer -> consumer.close(Duration.ZERO));
    }
}
