package dev.runnel.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.throttling.ByteBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadMemoryBudgetTest {

    @Test
    void leasesTakeBytesUntilTheyAreClosedAndClosingTwiceGivesThemBackOnce() {
        ReadMemoryBudget budget = new ReadMemoryBudget(1_000, Duration.ZERO);
        ByteBudget.Lease first = budget.tryAcquire(600);
        ByteBudget.Lease second = budget.tryAcquire(400);

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(budget.usedBytes()).isEqualTo(1_000);
        assertThat(budget.tryAcquire(1)).as("full").isNull();

        first.close();
        first.close();
        assertThat(budget.usedBytes()).isEqualTo(400);
        assertThat(budget.tryAcquire(601)).isNull();
        assertThat(budget.tryAcquire(600)).isNotNull();
    }

    @Test
    void aLeaseLargerThanTheBudgetIsGrantedOnlyWhenNothingElseIsHeld() {
        ReadMemoryBudget budget = new ReadMemoryBudget(1_000, Duration.ZERO);
        ByteBudget.Lease small = budget.tryAcquire(1);

        assertThat(budget.tryAcquire(5_000)).isNull();
        small.close();
        ByteBudget.Lease huge = budget.tryAcquire(5_000);
        assertThat(huge).isNotNull();
        assertThat(budget.tryAcquire(1)).as("nothing more while it is held").isNull();
        huge.close();
        assertThat(budget.usedBytes()).isZero();
    }

    @Test
    void nothingCostsNothingAndNeverWaits() {
        ReadMemoryBudget budget = new ReadMemoryBudget(10, Duration.ofHours(1));
        budget.tryAcquire(10);

        ByteBudget.Lease none = budget.acquire(0);

        assertThat(none).isSameAs(ByteBudget.Lease.NONE);
        none.close();
        assertThat(budget.usedBytes()).isEqualTo(10);
    }

    @Test
    void acquireWaitsForALeaseToCloseOnAnotherThread() throws Exception {
        ReadMemoryBudget budget = new ReadMemoryBudget(100, Duration.ofMinutes(1));
        ByteBudget.Lease held = budget.tryAcquire(100);
        CountDownLatch started = new CountDownLatch(1);

        CompletableFuture<ByteBudget.Lease> waiting = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            return budget.acquire(50);
        });
        started.await();
        assertThat(waiting).isNotDone();
        held.close();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(budget.usedBytes()).isEqualTo(50);
    }

    @Test
    void acquireGivesUpAfterItsWaitWithNothingTaken() {
        ReadMemoryBudget budget = new ReadMemoryBudget(100, Duration.ofMillis(20));
        budget.tryAcquire(100);

        assertThat(budget.acquire(1)).isNull();
        assertThat(budget.usedBytes()).isEqualTo(100);
        assertThat(budget.maxWaitMillis()).isEqualTo(20);
    }

    @Test
    void anInterruptedWaitGivesUpAndKeepsTheFlag() {
        ReadMemoryBudget budget = new ReadMemoryBudget(100, Duration.ofMinutes(1));
        budget.tryAcquire(100);
        Thread.currentThread().interrupt();
        try {
            assertThat(budget.acquire(1)).isNull();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void concurrentReadersNeverHoldMoreThanTheBudgetAndGiveEverythingBack() throws Exception {
        long max = 10_000;
        ReadMemoryBudget budget = new ReadMemoryBudget(max, Duration.ofSeconds(5));
        AtomicLong held = new AtomicLong();
        AtomicLong peak = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            Random random = new Random(w);
            workers.add(pool.submit(() -> {
                int granted = 0;
                for (int i = 0; i < 2_000; i++) {
                    long bytes = 1 + random.nextInt(3_000);
                    ByteBudget.Lease lease = random.nextBoolean() ? budget.tryAcquire(bytes) : budget.acquire(bytes);
                    if (lease != null) {
                        granted++;
                        peak.accumulateAndGet(held.addAndGet(bytes), Math::max);
                        held.addAndGet(-bytes);
                        lease.close();
                    }
                }
                return granted;
            }));
        }
        int granted = 0;
        for (Future<Integer> worker : workers) {
            granted += worker.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(granted).isPositive();
        assertThat(peak.get()).isLessThanOrEqualTo(max);
        assertThat(budget.usedBytes()).isZero();
    }

    @Test
    void aBudgetMustBePositive() {
        assertThatThrownBy(() -> new ReadMemoryBudget(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReadMemoryBudget(1, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
