package dev.runnel.storage.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code awaitEnd} waiters of one Kafka shard log on this node, without a thread per waiter: each waiter is a
 * future and the position it waits past. A waiter leaves as soon as its future completes in any way, including the
 * caller's timeout ({@code orTimeout}) or cancellation, so abandoned waits never pile up.
 *
 * <p>Thread-safe: the list is guarded by this object's lock; futures are completed outside it.
 */
final class LogWaiters {

    private record Waiter(long position, CompletableFuture<Long> future) {}

    private final List<Waiter> waiters = new ArrayList<>();

    /** Adds a waiter for an end past {@code position}; its future leaves the list when it completes. */
    CompletableFuture<Long> add(long position) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        Waiter waiter = new Waiter(position, future);
        synchronized (this) {
            waiters.add(waiter);
        }
        future.whenComplete((end, failure) -> remove(waiter));
        return future;
    }

    private synchronized void remove(Waiter waiter) {
        waiters.remove(waiter);
    }

    /** Whether anyone waits. */
    synchronized boolean isEmpty() {
        return waiters.isEmpty();
    }

    /**
     * Completes the waiters whose position is below {@code end}, or every waiter when {@code closed} (the log will
     * never grow again), with {@code end}.
     */
    void wake(long end, boolean closed) {
        List<Waiter> done = new ArrayList<>();
        synchronized (this) {
            for (Waiter waiter : waiters) {
                if (closed || waiter.position() < end) {
                    done.add(waiter);
                }
            }
        }
        done.forEach(waiter -> waiter.future().complete(end));
    }
}
