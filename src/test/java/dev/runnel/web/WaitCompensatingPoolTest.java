package dev.runnel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The request pool: a few threads, one more for each running call that waits, and back when they stop waiting. */
class WaitCompensatingPoolTest {

    /** A stall rule that never fires within a test, so that only waiting threads can make the pool grow. */
    private static final long NEVER_STALLS = TimeUnit.HOURS.toMillis(1);

    @Test
    void callsRunInArrivalOrderOnTheBaseThreads() throws Exception {
        try (WaitCompensatingPool pool = new WaitCompensatingPool(1, 4, NEVER_STALLS, "t-")) {
            List<Integer> order = new CopyOnWriteArrayList<>();
            List<String> threads = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(50);
            for (int i = 0; i < 50; i++) {
                int call = i;
                pool.execute(() -> {
                    order.add(call);
                    threads.add(Thread.currentThread().getName());
                    done.countDown();
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(order).isSorted().hasSize(50);
            assertThat(threads).containsOnly("t-1");
            assertThat(pool.size()).isEqualTo(1);
        }
    }

    @Test
    void growsByOneThreadForEachCallThatWaitsAndShrinksBackAfter() throws Exception {
        try (WaitCompensatingPool pool = new WaitCompensatingPool(2, 10, NEVER_STALLS, "t-")) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch waiting = new CountDownLatch(3);
            for (int i = 0; i < 3; i++) {
                pool.execute(() -> {
                    waiting.countDown();
                    await(release);
                });
            }
            CountDownLatch queuedRan = new CountDownLatch(1);
            pool.execute(queuedRan::countDown);

            assertThat(queuedRan.await(10, TimeUnit.SECONDS))
                    .as("a call queued behind waiting calls runs on a thread added for them")
                    .isTrue();
            assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(pool.size()).isBetween(3, 5);

            release.countDown();
            assertThat(eventually(() -> pool.size() == 2))
                    .as("back to its base once no call waits")
                    .isTrue();
        }
    }

    @Test
    void neverGrowsBeyondItsMaximum() throws Exception {
        try (WaitCompensatingPool pool = new WaitCompensatingPool(1, 2, 50, "t-")) {
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 3; i++) {
                pool.execute(() -> await(release));
            }
            CountDownLatch queuedRan = new CountDownLatch(1);
            pool.execute(queuedRan::countDown);

            assertThat(eventually(() -> pool.size() == 2)).isTrue();
            assertThat(queuedRan.await(300, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(pool.size()).isEqualTo(2);

            release.countDown();
            assertThat(queuedRan.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void growsWhenNoCallFinishesThoughEveryThreadLooksRunnable() throws Exception {
        try (WaitCompensatingPool pool = new WaitCompensatingPool(1, 4, 50, "t-")) {
            AtomicBoolean stop = new AtomicBoolean();
            pool.execute(() -> {
                while (!stop.get()) {
                    Thread.onSpinWait();
                }
            });
            CountDownLatch queuedRan = new CountDownLatch(1);
            pool.execute(queuedRan::countDown);
            try {
                assertThat(queuedRan.await(10, TimeUnit.SECONDS))
                        .as("a stall adds threads")
                        .isTrue();
            } finally {
                stop.set(true);
            }
        }
    }

    @Test
    void othersWaitOnlyForItsThreadsAndOnlyWhileCallsQueue() throws Exception {
        try (WaitCompensatingPool pool = new WaitCompensatingPool(1, 1, NEVER_STALLS, "t-")) {
            CountDownLatch looked = new CountDownLatch(1);
            CountDownLatch queued = new CountDownLatch(1);
            List<Boolean> seen = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(2);
            pool.execute(() -> {
                seen.add(pool.othersWaitForCaller());
                looked.countDown();
                await(queued);
                seen.add(pool.othersWaitForCaller());
                done.countDown();
            });
            assertThat(looked.await(10, TimeUnit.SECONDS)).isTrue();
            pool.execute(done::countDown);
            queued.countDown();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(seen).containsExactly(false, true);
            assertThat(pool.othersWaitForCaller())
                    .as("asked from a thread not of the pool")
                    .isFalse();
        }
    }

    @Test
    void runsWhatATaskLeavesOnItsThreadAfterTheTaskAndBeforeTheNext() throws Exception {
        try (WaitCompensatingPool pool = new WaitCompensatingPool(1, 1, NEVER_STALLS, "t-")) {
            List<String> events = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            pool.execute(() -> {
                assertThat(pool.afterThisTask(() -> {
                            events.add(
                                    "after first on " + Thread.currentThread().getName());
                            throw new IllegalStateException("a failing follow-up must not cost the thread");
                        }))
                        .isTrue();
                events.add("first");
            });
            pool.execute(() -> {
                events.add("second on " + Thread.currentThread().getName());
                done.countDown();
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(events).containsExactly("first", "after first on t-1", "second on t-1");
            assertThat(pool.afterThisTask(() -> events.add("never"))).isFalse();
        }
    }

    @Test
    void closedPoolRefusesCallsAndRejectsABadSize() {
        WaitCompensatingPool pool = new WaitCompensatingPool(1, 1, "t-");
        pool.close();
        assertThatThrownBy(() -> pool.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> new WaitCompensatingPool(0, 1, "t-")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WaitCompensatingPool(3, 2, "t-")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
