package dev.runnel.storage.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.shard.ShardId;
import dev.runnel.storage.ShardLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A record appended while another node looks up where the retained records start is neither skipped nor deleted.
 * The lookup by time finds nothing in an empty partition; an end read after it would count the new record as
 * expired, so that TRIM_HORIZON would start past it and the leader's housekeeping ({@code trimBefore}, every second)
 * would delete it: an acknowledged record lost. The states below run the append at the moment the log consults them
 * (inside the lookup, before it reads the end).
 */
class KafkaShardLogTrimRaceTest {

    private static final ShardId SHARD_0 = new ShardId(0);
    private static final long CUTOFF =
            System.currentTimeMillis() - Duration.ofHours(24).toMillis();

    /** Runs a one-shot hook on the next current(): the race window of the unfixed code. */
    static final class HookedStates implements ShardLogStates {
        final ShardLogStates delegate;
        final AtomicReference<Runnable> onCurrent = new AtomicReference<>();

        HookedStates(ShardLogStates delegate) {
            this.delegate = delegate;
        }

        @Override
        public State current(long incarnation, int shard) {
            Runnable hook = onCurrent.getAndSet(null);
            if (hook != null) {
                hook.run();
            }
            return delegate.current(incarnation, shard);
        }

        @Override
        public State fresh(long i, int s) {
            return delegate.fresh(i, s);
        }

        @Override
        public long seal(long i, int s, LongSupplier end) {
            return delegate.seal(i, s, end);
        }

        @Override
        public void unseal(long i, int s, LongSupplier end) {
            delegate.unseal(i, s, end);
        }

        @Override
        public void drop(long i, int s) {
            delegate.drop(i, s);
        }

        @Override
        public void dropAll(long i) {
            delegate.dropAll(i);
        }
    }

    private final String prefix = TestBroker.uniquePrefix();
    private final LocalShardLogStates states = new LocalShardLogStates();
    private final HookedStates hooked = new HookedStates(states);
    private final List<AutoCloseable> opened = new ArrayList<>();

    private KafkaShardLogStore node(String name, ShardLogStates of) {
        KafkaClients clients = new KafkaClients(TestBroker.shared().options(prefix), name);
        KafkaShardLogStore store = new KafkaShardLogStore(clients, of);
        opened.add(clients);
        opened.add(store);
        return store;
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void trimmingAnEmptyLogKeepsTheFirstRecordThatArrivesMeanwhile() {
        ShardLog writer = node("writer", states).create(1, SHARD_0);
        ShardLog housekeeper = node("leader", hooked).find(1, SHARD_0).orElseThrow();
        hooked.onCurrent.set(() -> writer.append("k", bytes("first"), 0));

        housekeeper.trimBefore(CUTOFF); // unfixed: offsetForTime -> none; HWM -> 1; deleteRecords(before 1)

        assertThat(hooked.onCurrent.get()).as("the append ran inside the trim").isNull();
        assertThat(housekeeper.startPosition()).isZero();
        assertThat(housekeeper.read(0, 10, Long.MAX_VALUE, CUTOFF))
                .extracting(r -> r.position())
                .containsExactly(0L);
    }

    @Test
    void theTrimHorizonOfAnEmptyLogIsNotPastARecordThatArrivesMeanwhile() {
        ShardLog writer = node("writer", states).create(1, SHARD_0);
        ShardLog reader = node("reader", hooked).find(1, SHARD_0).orElseThrow();
        hooked.onCurrent.set(() -> writer.append("k", bytes("first"), 0));

        assertThat(reader.positionAtOrAfter(CUTOFF)).isZero(); // unfixed: 1
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
