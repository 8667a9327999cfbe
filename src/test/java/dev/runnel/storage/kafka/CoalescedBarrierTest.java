package dev.runnel.storage.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.ServiceUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescedBarrierTest {

    @Test
    void everyCallerIsServedByARoundThatStartedAfterItArrivedAndConcurrentCallersShareRounds() throws Exception {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger(); // the start number of the latest round to finish
        CoalescedBarrier barrier = new CoalescedBarrier(() -> {
            int round = started.incrementAndGet();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.accumulateAndGet(round, Math::max);
        });
        int callers = 16;
        int calls = 50;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                running.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < calls; i++) {
                        int before = started.get();
                        barrier.await();
                        assertThat(finished.get())
                                .as("a round that started after the call finished before it returned")
                                .isGreaterThan(before);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> caller : running) {
                caller.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(started.get()).as("rounds run for %d calls", callers * calls).isLessThan(callers * calls / 2);
    }

    @Test
    void aFailedRoundFailsItsCallersAndTheNextRoundRunsAfresh() {
        AtomicInteger runs = new AtomicInteger();
        CoalescedBarrier barrier = new CoalescedBarrier(() -> {
            if (runs.incrementAndGet() == 1) {
                throw new ServiceUnavailableException("Kafka is away");
            }
        });
        assertThatThrownBy(barrier::await).isInstanceOf(ServiceUnavailableException.class);
        barrier.await();
        assertThat(runs.get()).isEqualTo(2);
    }
}
