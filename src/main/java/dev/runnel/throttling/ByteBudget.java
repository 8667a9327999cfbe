package dev.runnel.throttling;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A cap on the bytes that work in flight holds at once, handed out as {@link Lease}s: work takes a lease on the
 * bytes it is about to hold, and closes it when it no longer holds them. The subclasses are the budgets Runnel
 * keeps, each named for what it counts.
 *
 * <p>A lease of more bytes than the whole budget is granted when no other lease is open, so work of any size can
 * run, one at a time.
 *
 * <p>Thread-safe. Taking and closing a lease is lock-free while the budget has room; only work that must wait
 * takes a lock, and {@link #tryAcquire} never blocks.
 */
public abstract class ByteBudget {

    private final long maxBytes;
    private final long maxWaitNanos;
    private final AtomicLong usedBytes = new AtomicLong();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();

    /**
     * @param maxBytes the most bytes open leases hold together; positive
     * @param maxWait how long {@link #acquire} waits for room before it gives up; not negative
     */
    protected ByteBudget(long maxBytes, Duration maxWait) {
        if (maxBytes <= 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("a byte budget must be positive and its wait not negative");
        }
        this.maxBytes = maxBytes;
        this.maxWaitNanos = maxWait.toNanos();
    }

    /**
     * Takes {@code bytes} at once if the budget has room for them (or holds nothing), else returns null. Never
     * blocks.
     */
    public Lease tryAcquire(long bytes) {
        if (bytes <= 0) {
            return Lease.NONE;
        }
        long used;
        do {
            used = usedBytes.get();
            if (used != 0 && used + bytes > maxBytes) {
                return null;
            }
        } while (!usedBytes.compareAndSet(used, used + bytes));
        return new Lease(this, bytes);
    }

    /**
     * Takes {@code bytes}, waiting up to the budget's wait for other leases to close; null when there was no room
     * by then (or the thread was interrupted, whose flag stays set).
     */
    public Lease acquire(long bytes) {
        Lease lease = tryAcquire(bytes);
        if (lease != null || maxWaitNanos == 0) {
            return lease;
        }
        long deadline = System.nanoTime() + maxWaitNanos;
        lock.lock();
        waiting.incrementAndGet();
        try {
            while ((lease = tryAcquire(bytes)) == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                released.awaitNanos(left);
            }
            return lease;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            waiting.decrementAndGet();
            lock.unlock();
        }
    }

    /** Bytes the open leases hold now. */
    public long usedBytes() {
        return usedBytes.get();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** How long {@link #acquire} waits at most, in milliseconds (for messages). */
    public long maxWaitMillis() {
        return TimeUnit.NANOSECONDS.toMillis(maxWaitNanos);
    }

    private void release(long bytes) {
        usedBytes.addAndGet(-bytes);
        // A waiter counts itself before it checks for room, so either it sees these bytes free or it is counted.
        if (waiting.get() > 0) {
            lock.lock();
            try {
                released.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Bytes taken from the budget until {@link #close()}; closing twice gives them back once. Thread-safe. */
    public static final class Lease implements AutoCloseable {

        /** A lease of nothing. */
        public static final Lease NONE = new Lease(null, 0);

        private final ByteBudget budget;
        private final long bytes;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Lease(ByteBudget budget, long bytes) {
            this.budget = budget;
            this.bytes = bytes;
        }

        public long bytes() {
            return bytes;
        }

        @Override
        public void close() {
            if (budget != null && open.compareAndSet(true, false)) {
                budget.release(bytes);
            }
        }
    }
}
