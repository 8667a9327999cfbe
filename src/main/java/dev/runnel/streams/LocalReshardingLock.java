package dev.runnel.streams;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** The resharding lock of a single process: a {@link ReentrantLock}. Thread-safe. */
public final class LocalReshardingLock implements ReshardingLock {

    private final ReentrantLock lock = new ReentrantLock();

    @Override
    public <T> T exclusively(Supplier<T> change) {
        lock.lock();
        try {
            return change.get();
        } finally {
            lock.unlock();
        }
    }
}
