package dev.runnel.storage.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the {@code awaitEnd} waits that this node's own appends cannot end: records appended by other nodes, and
 * seals or drops decided elsewhere. One daemon thread per store checks, every {@link #INTERVAL_MILLIS} ms, only the
 * logs that have waiters: their states (a local read) and the high-water marks of their partitions, all in one
 * ListOffsets request. A log with an append of this node in flight is skipped: that append wakes its waiters when
 * it is acknowledged, with the end it reached.
 *
 * <p>Why polling end offsets rather than a tailing consumer: a consumer would fetch (and discard) every record of
 * the watched partitions and need its assignment changed as waiters come and go; a ListOffsets request is small and
 * costs nothing while nobody waits. A wait therefore ends at most about one interval (plus one request) after another
 * node's append.
 *
 * <p>Thread-safe.
 */
final class LogEndPoller implements AutoCloseable {

    static final long INTERVAL_MILLIS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(LogEndPoller.class);

    private final PartitionAdmin admin;
    private final Set<KafkaShardLog> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    LogEndPoller(PartitionAdmin admin, String name) {
        this.admin = admin;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::check, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Checks {@code log} until it has no waiters left. */
    void watch(KafkaShardLog log) {
        watched.add(log);
    }

    private void check() {
        try {
            List<KafkaShardLog> polled = new ArrayList<>();
            for (KafkaShardLog log : watched) {
                if (!log.hasWaiters()) {
                    watched.remove(log);
                    if (log.hasWaiters()) {
                        watched.add(log); // a waiter came between the two checks
                    }
                } else if (!log.wakeIfClosed() && !log.isAppendingHere()) {
                    polled.add(log);
                }
            }
            if (polled.isEmpty()) {
                return;
            }
            Map<TopicPartition, Long> ends = admin.latestAnswered(
                    polled.stream().map(KafkaShardLog::partition).toList());
            for (KafkaShardLog log : polled) {
                Long end = ends.get(log.partition());
                if (end != null && !log.isAppendingHere()) { // else that append wakes them, with its own end
                    log.observeEnd(end);
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("checking the ends of awaited shard logs failed; trying again", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
