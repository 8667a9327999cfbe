package dev.runnel.storage.file;

import dev.runnel.core.error.LimitExceededException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The byte limits of a file store: its own cap on segment bytes, and a floor of free space on the data directory's
 * disk. The disk is asked (statvfs) at most every {@value #REFRESH_MILLIS} ms; writes in between count against the
 * last answer, so a burst cannot run past the floor between two asks. Thread-safe.
 */
final class DiskSpace {

    private static final long REFRESH_MILLIS = 100;
    private static final long MIB = 1L << 20;

    private final LongSupplier usable;
    private final LongSupplier millis;
    private final long maxBytes;
    private final long minFreeBytes;
    private final AtomicLong writtenSinceAsked = new AtomicLong();
    private volatile long lastUsable;
    private volatile boolean asked;
    private volatile long askedAtMillis;

    /**
     * @param usableBytes asks the disk how many bytes are free for this process
     * @param millis a clock for the time between asks, milliseconds
     */
    DiskSpace(LongSupplier usableBytes, LongSupplier millis, long maxBytes, long minFreeBytes) {
        this.usable = usableBytes;
        this.millis = millis;
        this.maxBytes = maxBytes;
        this.minFreeBytes = minFreeBytes;
    }

    /** The limits of a store in {@code root}, asking the file system that holds it. */
    static DiskSpace of(Path root, long maxBytes, long minFreeBytes) {
        try {
            FileStore store = Files.getFileStore(root);
            return new DiskSpace(
                    () -> {
                        try {
                            return store.getUsableSpace();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    System::currentTimeMillis,
                    maxBytes,
                    minFreeBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("finding the disk of " + root + " failed", e);
        }
    }

    /**
     * Checks that {@code bytes} more can be written, and counts them.
     *
     * @param storeBytes the bytes the store holds now
     * @throws LimitExceededException when the store's cap or the disk's floor would be crossed
     */
    void reserve(long bytes, long storeBytes) {
        if (storeBytes + bytes > maxBytes) {
            throw new LimitExceededException("Runnel's storage is full: holding " + storeBytes / MIB + " MiB of "
                    + maxBytes / MIB + " MiB (runnel.storage.max-bytes); retry after retention frees segments.");
        }
        if (minFreeBytes == 0) {
            return;
        }
        long now = millis.getAsLong();
        if (!asked || now - askedAtMillis >= REFRESH_MILLIS) {
            lastUsable = usable.getAsLong();
            writtenSinceAsked.set(0);
            askedAtMillis = now;
            asked = true;
        }
        long free = lastUsable - writtenSinceAsked.get();
        if (free - bytes < minFreeBytes) {
            throw new LimitExceededException("Runnel's data directory is out of space: " + Math.max(0, free) / MIB
                    + " MiB free, and writes keep at least " + minFreeBytes / MIB
                    + " MiB free (runnel.storage.min-free-space).");
        }
        writtenSinceAsked.addAndGet(bytes);
    }
}
