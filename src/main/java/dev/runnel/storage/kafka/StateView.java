package dev.runnel.storage.kafka;

import dev.runnel.storage.kafka.MetadataLog.Entry;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One node's copy of the metadata state: every key's latest committed entry, as applied from the state topic in
 * offset order, plus how far that application has come (the state partition's consumer position) and the highest
 * revision applied. Also remembers the arbiter's marker {@link #DECIDED_KEY}: the offset of the last proposal any
 * arbiter decided, so a new arbiter never decides a proposal twice.
 *
 * <p>Thread-safe: one thread applies ({@link #apply}, {@link #advanceTo}); any thread reads. {@link #get} takes no
 * lock; {@link #range} copies under the lock, so it is a point in the state's history. The waits block until the
 * view has come far enough or until the deadline, whichever is first.
 */
final class StateView {

    /** The state key of the arbiter's marker; never an entry of the view. Keys starting with NUL are reserved. */
    static final String DECIDED_KEY = "\u0000decided-through";

    private final ConcurrentSkipListMap<String, Entry> entries = new ConcurrentSkipListMap<>();
    private long position;
    private long maxRevision = -1;
    private long decidedThrough = -1;
    private boolean closed;

    /** The key's entry, or empty. Lock-free. */
    Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** A copy of the entries whose keys start with {@code prefix}, in key order. */
    synchronized SortedMap<String, Entry> range(String prefix) {
        SortedMap<String, Entry> copy = new TreeMap<>();
        for (Map.Entry<String, Entry> e : entries.tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            copy.put(e.getKey(), e.getValue());
        }
        return copy;
    }

    /** Applies one committed state record (a tombstone removes its key). */
    synchronized void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String key = MetadataCodec.string(record.key());
        long revision = MetadataCodec.revision(record.headers());
        if (DECIDED_KEY.equals(key)) {
            decidedThrough = Math.max(decidedThrough, revision);
        } else if (record.value() == null) {
            entries.remove(key);
        } else {
            entries.put(key, new Entry(key, revision, record.value()));
        }
        maxRevision = Math.max(maxRevision, revision);
    }

    /** Records that every state record before {@code offset} has been applied. */
    synchronized void advanceTo(long offset) {
        if (offset > position) {
            position = offset;
        }
        notifyAll();
    }

    /** The offset of the last proposal an arbiter decided in a transaction this view has applied; -1 if none. */
    synchronized long decidedThrough() {
        return decidedThrough;
    }

    /** The highest revision applied (every committed change up to it is in the view); -1 if none. */
    synchronized long maxRevision() {
        return maxRevision;
    }

    /** Wakes every waiter for good. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Waits until every state record before {@code offset} is applied; false when the deadline came first. */
    synchronized boolean awaitPosition(long offset, long deadlineNanos) throws InterruptedException {
        while (position < offset) {
            if (!waitUntil(deadlineNanos)) {
                return false;
            }
        }
        return true;
    }

    /** Waits until a change of revision {@code revision} or later is applied; false when the deadline came first. */
    synchronized boolean awaitRevision(long revision, long deadlineNanos) throws InterruptedException {
        while (maxRevision < revision) {
            if (!waitUntil(deadlineNanos)) {
                return false;
            }
        }
        return true;
    }

    private boolean waitUntil(long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (closed || left <= 0) {
            return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
        return true;
    }
}
