package dev.runnel.storage.memory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The waits of {@link InMemoryShardLog#awaitEnd}, without a thread per waiter: one future per generation,
 * completed (with the end position) and replaced by each append, seal or drop. Thread-safe.
 */
final class AppendWaiters {

    private final AtomicReference<CompletableFuture<Long>> nextAppend =
            new AtomicReference<>(new CompletableFuture<>());

    /**
     * @param end the log's end position, read after the generation so that an append that ends the wait either
     *     shows in it or completes that generation
     * @param closed whether the log will never grow again
     */
    CompletableFuture<Long> awaitEnd(long position, LongSupplier end, BooleanSupplier closed) {
        CompletableFuture<Long> next = nextAppend.get();
        long current = end.getAsLong();
        if (current > position || closed.getAsBoolean()) {
            return CompletableFuture.completedFuture(current);
        }
        return next.thenCompose(ignored -> awaitEnd(position, end, closed));
    }

    /** Ends the current generation; called by the writer after its change is visible. */
    void wake(long end) {
        nextAppend.getAndSet(new CompletableFuture<>()).complete(end);
    }
}
