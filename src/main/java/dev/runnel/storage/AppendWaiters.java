package dev.runnel.storage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The waits of {@link ShardLog#awaitEnd} for a log adapter, without a thread per waiter: the first waiter of a generation
 * installs one future, which the next append, seal or drop completes (with the end position) and removes. An
 * append with nobody waiting costs one volatile read. Thread-safe.
 */
public final class AppendWaiters {

    /** The current generation's future, or null while nobody waits. */
    private final AtomicReference<CompletableFuture<Long>> nextAppend = new AtomicReference<>();

    /**
     * @param end the log's end position; read after the generation's future is installed, so that an append that
     *     ends the wait either shows in it or finds the future and completes it (the writer updates the end
     *     before it calls {@link #wake})
     * @param closed whether the log will never grow again
     */
    public CompletableFuture<Long> awaitEnd(long position, LongSupplier end, BooleanSupplier closed) {
        CompletableFuture<Long> next = nextAppend.get();
        if (next == null) {
            CompletableFuture<Long> fresh = new CompletableFuture<>();
            next = nextAppend.compareAndExchange(null, fresh);
            if (next == null) {
                next = fresh;
            }
        }
        long current = end.getAsLong();
        if (current > position || closed.getAsBoolean()) {
            return CompletableFuture.completedFuture(current);
        }
        return next.thenCompose(ignored -> awaitEnd(position, end, closed));
    }

    /** Ends the current generation, if anyone waits; called by the writer after its change is visible. */
    public void wake(long end) {
        if (nextAppend.get() != null) {
            CompletableFuture<Long> waiting = nextAppend.getAndSet(null);
            if (waiting != null) {
                waiting.complete(end);
            }
        }
    }
}
