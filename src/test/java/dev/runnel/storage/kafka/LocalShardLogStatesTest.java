package dev.runnel.storage.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.storage.kafka.ShardLogStates.Hidden;
import dev.runnel.storage.kafka.ShardLogStates.State;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LocalShardLogStatesTest {

    private final LocalShardLogStates states = new LocalShardLogStates();

    @Test
    void aSealIsDecidedBeforeItsEndIsReadAndKeepsTheFirstEndRecorded() {
        AtomicReference<State> seenWhileReadingTheEnd = new AtomicReference<>();
        long end = states.seal(1, 0, () -> {
            seenWhileReadingTheEnd.set(states.fresh(1, 0));
            return 7;
        });
        assertThat(end).isEqualTo(7);
        assertThat(seenWhileReadingTheEnd.get().sealing()).isTrue();
        assertThat(seenWhileReadingTheEnd.get().sealedEnd()).isEqualTo(-1);
        assertThat(seenWhileReadingTheEnd.get().admits(0))
                .as("nothing counts while the end is unknown")
                .isFalse();
        assertThat(states.seal(1, 0, () -> 99)).as("idempotent").isEqualTo(7);
        State sealed = states.current(1, 0);
        assertThat(sealed.isSealed()).isTrue();
        assertThat(sealed.admits(6)).isTrue();
        assertThat(sealed.admits(7)).isFalse();
        assertThat(states.current(1, 1)).as("per shard").isEqualTo(State.OPEN);
        assertThat(states.current(2, 0)).as("per incarnation").isEqualTo(State.OPEN);
    }

    @Test
    void concurrentSealsAgreeOnOneEnd() throws Exception {
        for (int round = 0; round < 20; round++) {
            int shard = round;
            AtomicInteger reads = new AtomicInteger();
            List<CompletableFuture<Long>> seals = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                seals.add(CompletableFuture.supplyAsync(
                        () -> states.seal(1, shard, () -> 10L + reads.incrementAndGet())));
            }
            CompletableFuture.allOf(seals.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            long first = seals.get(0).get();
            for (CompletableFuture<Long> seal : seals) {
                assertThat(seal.get())
                        .isEqualTo(first)
                        .isEqualTo(states.current(1, shard).sealedEnd());
            }
        }
    }

    @Test
    void unsealHidesWhatKafkaTookWhileSealedAndOpensTheLog() {
        states.seal(1, 0, () -> 5);
        states.unseal(1, 0, () -> 8);
        State open = states.current(1, 0);
        assertThat(open.sealing()).isFalse();
        assertThat(open.hidden()).containsExactly(new Hidden(5, 8));
        assertThat(open.admits(4)).isTrue();
        assertThat(open.admits(5)).isFalse();
        assertThat(open.admits(7)).isFalse();
        assertThat(open.admits(8)).isTrue();

        states.unseal(1, 0, () -> 100);
        assertThat(states.current(1, 0))
                .as("unsealing an open log does nothing")
                .isEqualTo(open);
        states.seal(1, 0, () -> 10);
        states.unseal(1, 0, () -> 10);
        assertThat(states.current(1, 0).hidden())
                .as("an empty range hides nothing; earlier ranges stay")
                .containsExactly(new Hidden(5, 8));
    }

    @Test
    void aLogLeftSealingIsCompletedByTheNextSealOrUnseal() {
        try {
            states.seal(1, 0, () -> {
                throw new IllegalStateException("the sealing node stopped");
            });
        } catch (IllegalStateException expected) {
            // left sealing
        }
        assertThat(states.current(1, 0).sealing()).isTrue();
        assertThat(states.current(1, 0).sealedEnd()).isEqualTo(-1);
        assertThat(states.seal(1, 0, () -> 3)).isEqualTo(3);

        try {
            states.seal(1, 1, () -> {
                throw new IllegalStateException("stopped");
            });
        } catch (IllegalStateException expected) {
            // left sealing
        }
        states.unseal(1, 1, () -> 4);
        assertThat(states.current(1, 1).sealing()).isFalse();
        assertThat(states.current(1, 1).hidden()).isEmpty();
    }

    @Test
    void dropsAreFinalAndDropAllCoversEveryShardOfTheIncarnation() {
        states.seal(1, 0, () -> 3);
        states.drop(1, 0);
        assertThat(states.current(1, 0).dropped()).isTrue();
        assertThat(states.current(1, 0).admits(0)).isFalse();
        states.unseal(1, 0, () -> 9);
        assertThat(states.current(1, 0).dropped()).isTrue();
        assertThat(states.seal(1, 0, () -> 9)).as("a dropped log keeps its end").isEqualTo(3);

        states.dropAll(2);
        assertThat(states.current(2, 0).dropped()).isTrue();
        assertThat(states.fresh(2, 12345).dropped()).isTrue();
        assertThat(states.current(1, 1).dropped()).isFalse();
    }
}
