package dev.runnel.storage.kafka;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * What every node must agree on about a shard's log that Kafka's partition cannot say itself: whether the log is
 * sealed and at which offset, which offsets a seal that was undone keeps hidden, and whether the log was dropped.
 * One node's Kafka shard logs read it here, and so do every other node's: a seal decided on one node holds on all.
 *
 * <p><b>The seal protocol.</b> Kafka cannot close a partition, so a seal is a decision plus an offset. {@link #seal}
 * first decides, cluster-wide, that the log is sealing; only then does it read the partition's end offset
 * ({@code endOffset}), which becomes the sealed end <i>m</i>. A writer whose record Kafka acknowledged at offset
 * <i>o</i> then asks {@link #fresh} before it acknowledges the record to its client: if the log is open, no seal
 * can have preceded the record (a record appended after the sealing decision is acknowledged after it, and
 * {@code fresh} sees every decision made before it was called); if it is sealed, the record counts only when
 * <i>o &lt; m</i>; if it is still sealing, the writer waits for <i>m</i> (or completes the seal itself). Readers never
 * serve offsets at or past <i>m</i>, so a record past the seal is neither acknowledged nor visible.
 *
 * <p>{@link #unseal} (a resharding that failed after sealing) reads the end offset <i>u</i> while the log is still
 * sealed, then opens it again with {@code [m, u)} hidden: the writers of those records were told they failed, so the
 * records must never become visible. A record appended past <i>u</i> whose writer still saw the seal becomes visible
 * although its writer was told it failed: a client that retries it makes a duplicate (at least once, as Kinesis).
 *
 * <p>Thread-safe. Every method may block on the cluster for at most the request timeout, then throws
 * {@link dev.runnel.core.error.ServiceUnavailableException}.
 */
public interface ShardLogStates {

    /** An offset range {@code [from, to)} that reads skip. */
    record Hidden(long from, long to) {
        public boolean contains(long offset) {
            return offset >= from && offset < to;
        }
    }

    /**
     * The agreed state of one log.
     *
     * @param sealing a seal was decided (the log takes no more acknowledged records)
     * @param sealedEnd the first offset past the sealed log, or -1 while open or while the end is not yet known
     * @param hidden offset ranges reads skip, in offset order
     * @param dropped the log was dropped: it serves nothing and takes nothing
     */
    record State(boolean sealing, long sealedEnd, List<Hidden> hidden, boolean dropped) {
        public static final State OPEN = new State(false, -1, List.of(), false);

        public State {
            hidden = List.copyOf(hidden);
        }

        /** Sealed with its end known. */
        public boolean isSealed() {
            return sealing && sealedEnd >= 0;
        }

        /** Whether a record at {@code offset} is part of the log: below the sealed end and not hidden. */
        public boolean admits(long offset) {
            return !dropped
                    && (!sealing || (sealedEnd >= 0 && offset < sealedEnd))
                    && hidden.stream().noneMatch(h -> h.contains(offset));
        }
    }

    /** The state as this node last heard it: cheap, but may trail a change another node just made. */
    State current(long incarnation, int shard);

    /** The state including every change decided anywhere before this call began (one round trip to the cluster). */
    State fresh(long incarnation, int shard);

    /**
     * Seals the log: decides it cluster-wide, then asks {@code endOffset} for the partition's end offset and records
     * it as the sealed end. Idempotent: a log already sealed keeps its end; a log left sealing by a node that
     * stopped half way is completed.
     *
     * @return the sealed end
     */
    long seal(long incarnation, int shard, LongSupplier endOffset);

    /**
     * Opens a sealed log again, hiding the offsets from its sealed end up to {@code endOffset}'s answer, read while the
     * log is still sealed (see the class comment). Does nothing to an open or dropped log.
     */
    void unseal(long incarnation, int shard, LongSupplier endOffset);

    /** Marks one log dropped. Idempotent. */
    void drop(long incarnation, int shard);

    /** Forgets every log of the incarnation (its topic is gone): the states of its shards read as dropped. */
    void dropAll(long incarnation);
}
