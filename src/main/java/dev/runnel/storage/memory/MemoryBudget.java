package dev.runnel.storage.memory;

import dev.runnel.core.error.LimitExceededException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shared cap on the bytes the in-memory store may hold, so that a full store refuses writes with a clear
 * error instead of the JVM dying of OutOfMemoryError. Thread-safe and lock-free.
 */
public final class MemoryBudget {

    private final long maxBytes;
    private final AtomicLong usedBytes = new AtomicLong();

    public MemoryBudget(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("memory budget must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Takes {@code bytes} from the budget.
     *
     * @throws LimitExceededException when they do not fit; nothing is taken then
     */
    public void reserve(long bytes) {
        long used;
        do {
            used = usedBytes.get();
            if (used + bytes > maxBytes) {
                throw new LimitExceededException("Runnel's storage is full: holding " + used + " of " + maxBytes
                        + " bytes (runnel.storage.max-bytes), and " + bytes + " more were needed. Lower the "
                        + "retention period, delete streams, or raise the budget.");
            }
        } while (!usedBytes.compareAndSet(used, used + bytes));
    }

    /** Gives back bytes taken by {@link #reserve}. */
    public void release(long bytes) {
        usedBytes.addAndGet(-bytes);
    }

    public long usedBytes() {
        return usedBytes.get();
    }

    public long maxBytes() {
        return maxBytes;
    }
}
