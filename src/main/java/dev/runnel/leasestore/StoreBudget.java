package dev.runnel.leasestore;

import dev.runnel.leasestore.model.LimitExceededException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the whole lease store may hold, shared by every region (a client signing for many regions gets no more):
 * at most {@code maxTables} tables and {@code maxBytes} item bytes, as DynamoDB counts an item's size. Thread-safe.
 */
public final class StoreBudget {

    private final int maxTables;
    private final long maxBytes;
    private final AtomicLong tables = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    /**
     * @param maxTables {@code runnel.kcl.max-tables}
     * @param maxBytes {@code runnel.kcl.max-stored-bytes}
     */
    public StoreBudget(int maxTables, long maxBytes) {
        this.maxTables = maxTables;
        this.maxBytes = maxBytes;
    }

    /** @throws LimitExceededException if the store holds {@code maxTables} tables already */
    void takeTable() {
        if (tables.incrementAndGet() > maxTables) {
            tables.decrementAndGet();
            throw new LimitExceededException("Subscriber limit exceeded: Runnel's lease store holds at most "
                    + maxTables + " tables (runnel.kcl.max-tables)");
        }
    }

    /** A table loaded at start, with its item bytes: charged even past the limits (see {@link #exceeded}). */
    void chargeLoaded(long itemBytes) {
        tables.incrementAndGet();
        bytes.addAndGet(itemBytes);
    }

    /** Whether the store holds more than it may (tables loaded under a lowered limit); it then refuses growth. */
    boolean exceeded() {
        return tables.get() > maxTables || bytes.get() > maxBytes;
    }

    /** Undoes a {@link #takeBytes} of {@code delta} whose write was not applied; never refused. */
    void untakeBytes(long delta) {
        bytes.addAndGet(-delta);
    }

    /** A table and its items are gone. */
    void releaseTable(long itemBytes) {
        tables.decrementAndGet();
        bytes.addAndGet(-itemBytes);
    }

    /**
     * Takes {@code delta} more item bytes (or gives back, when negative).
     *
     * @throws LimitExceededException if the store would pass {@code maxBytes}; nothing is taken then
     */
    void takeBytes(long delta) {
        if (delta <= 0) {
            bytes.addAndGet(delta);
            return;
        }
        long before;
        do {
            before = bytes.get();
            if (before + delta > maxBytes) {
                throw new LimitExceededException("Runnel's lease store holds at most " + maxBytes
                        + " bytes of items (runnel.kcl.max-stored-bytes); this write needs " + delta + " more");
            }
        } while (!bytes.compareAndSet(before, before + delta));
    }
}
