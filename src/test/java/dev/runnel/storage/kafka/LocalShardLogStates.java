package dev.runnel.storage.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * {@link ShardLogStates} held in this process's memory, for tests: the cluster of tests that run one or several
 * Kafka stores ("nodes") in one JVM over one instance, without a metadata log. Nothing survives the process.
 *
 * <p>Thread-safe: every decision is taken under the instance's lock, and {@link #fresh} is {@link #current} because
 * there is no other copy to trail. The end offsets that {@link #seal} and {@link #unseal} ask for are read outside the
 * lock, as the protocol says: a seal is decided first (the log reads as sealing, with no end), then its end is read,
 * then recorded, unless another sealer recorded one first (its end wins: both were read after the decision).
 */
final class LocalShardLogStates implements ShardLogStates {

    private static final State DROPPED = new State(false, -1, List.of(), true);

    private record Key(long incarnation, int shard) {}

    private final Map<Key, State> states = new ConcurrentHashMap<>();
    private final Set<Long> droppedIncarnations = ConcurrentHashMap.newKeySet();

    @Override
    public synchronized State current(long incarnation, int shard) {
        if (droppedIncarnations.contains(incarnation)) {
            return DROPPED;
        }
        return states.getOrDefault(new Key(incarnation, shard), State.OPEN);
    }

    @Override
    public State fresh(long incarnation, int shard) {
        return current(incarnation, shard);
    }

    /** {@inheritDoc} A dropped log is left as it is: the answer is then its sealed end, or -1 if it had none. */
    @Override
    public long seal(long incarnation, int shard, LongSupplier endOffset) {
        Key key = new Key(incarnation, shard);
        synchronized (this) {
            State state = current(incarnation, shard);
            if (state.dropped() || state.isSealed()) {
                return state.sealedEnd();
            }
            if (!state.sealing()) {
                states.put(key, new State(true, -1, state.hidden(), false));
            }
        }
        long end = endOffset.getAsLong();
        synchronized (this) {
            State state = current(incarnation, shard);
            if (state.sealing() && state.sealedEnd() < 0 && !state.dropped()) {
                states.put(key, new State(true, end, state.hidden(), false));
                return end;
            }
            return state.sealedEnd();
        }
    }

    /**
     * {@inheritDoc} A log left sealing without an end is sealed first (with {@code endOffset}), so that the hidden
     * range starts at a known end.
     */
    @Override
    public void unseal(long incarnation, int shard, LongSupplier endOffset) {
        State before = current(incarnation, shard);
        if (!before.sealing() || before.dropped()) {
            return;
        }
        long sealedEnd = seal(incarnation, shard, endOffset);
        long unsealedAt = endOffset.getAsLong();
        synchronized (this) {
            State state = current(incarnation, shard);
            if (!state.sealing() || state.dropped() || state.sealedEnd() != sealedEnd) {
                return; // another node unsealed (or dropped) it meanwhile
            }
            List<Hidden> hidden = new ArrayList<>(state.hidden());
            if (unsealedAt > sealedEnd) {
                hidden.add(new Hidden(sealedEnd, unsealedAt));
            }
            states.put(new Key(incarnation, shard), new State(false, -1, hidden, false));
        }
    }

    @Override
    public synchronized void drop(long incarnation, int shard) {
        State state = current(incarnation, shard);
        states.put(new Key(incarnation, shard), new State(false, state.sealedEnd(), state.hidden(), true));
    }

    @Override
    public synchronized void dropAll(long incarnation) {
        droppedIncarnations.add(incarnation);
        states.keySet().removeIf(key -> key.incarnation() == incarnation);
    }
}
