package dev.runnel.web;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Platform threads for HTTP requests: a few per core, and one more for each that waits. Tomcat's own pool starts a
 * thread for every call in flight while it has fewer than its maximum, so 32 connections keep some 32 threads taking
 * turns on two cores, and each call pays a hand-off and a thread switch; here calls queue (in arrival order) for
 * {@code base} threads that go from one call to the next without sleeping. A call that waits (for the rest of its
 * body, a Kafka acknowledgement, a lock held during an fsync) would stall the calls behind it, so a watchdog looks
 * every {@link #TICK_MILLIS} ms and, while calls are queued, lets the pool grow by one thread for each thread that
 * runs a call and was not runnable at two looks in a row, up to {@code max}. The pool shrinks by one thread every
 * {@link #SHRINK_MILLIS} ms while it is larger than that. Should every thread be stuck in a way the watchdog cannot
 * see (a thread in a native call counts as runnable) and no call finish for {@link #STALL_MILLIS} ms while calls
 * wait, it grows by {@code base} threads.
 *
 * <p>A thread can have something run after its current task ({@link #afterThisTask}): {@link ConnectionTurnFilter}
 * sends a connection to the back of the queue that way while other calls wait ({@link #othersWaitForCaller}).
 *
 * <p>Thread-safe. {@link #close()} stops the watchdog and lets the queued calls finish.
 */
final class WaitCompensatingPool implements Executor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WaitCompensatingPool.class);

    static final long TICK_MILLIS = 5;
    static final long SHRINK_MILLIS = 100;
    /** How long no call may finish, while calls wait, before the pool grows though no thread seems to wait. */
    static final long STALL_MILLIS = 250;

    private final int base;
    private final int max;
    private final long stallNanos;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService watchdog;
    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    private int size;
    private long shrinkAllowedAt;
    private long completedAtLastProgress;
    private long lastProgressAt;

    /**
     * @param base the threads it keeps (a few per core)
     * @param max the most threads it grows to, counting those that wait
     * @param namePrefix the threads' name prefix, followed by a number
     */
    WaitCompensatingPool(int base, int max, String namePrefix) {
        this(base, max, STALL_MILLIS, namePrefix);
    }

    WaitCompensatingPool(int base, int max, long stallMillis, String namePrefix) {
        if (base < 1 || max < base) {
            throw new IllegalArgumentException("need 1 <= base <= max, got base " + base + ", max " + max);
        }
        this.base = base;
        this.max = max;
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(stallMillis);
        this.size = base;
        AtomicInteger count = new AtomicInteger();
        this.pool =
                new ThreadPoolExecutor(
                        base,
                        base,
                        60,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        runnable -> new Worker(runnable, namePrefix + count.incrementAndGet())) {
                    @Override
                    protected void beforeExecute(Thread thread, Runnable task) {
                        ((Worker) thread).busy = true;
                    }

                    @Override
                    protected void afterExecute(Runnable task, Throwable failure) {
                        Worker worker = (Worker) Thread.currentThread();
                        worker.busy = false;
                        Runnable then = worker.afterTask;
                        if (then != null) {
                            worker.afterTask = null;
                            runAfterTask(then);
                        }
                    }
                };
        this.watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, namePrefix + "watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long now = System.nanoTime();
        this.lastProgressAt = now;
        this.shrinkAllowedAt = now;
        watchdog.scheduleWithFixedDelay(this::adjust, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void execute(Runnable command) {
        pool.execute(command);
    }

    /** Whether calls wait in the queue for a thread, and the caller is one of this pool's threads. */
    boolean othersWaitForCaller() {
        return Thread.currentThread() instanceof Worker worker
                && worker.of(this)
                && !pool.getQueue().isEmpty();
    }

    /**
     * Has the calling pool thread run {@code then} once its current task has ended (after the call's processing has
     * returned to the pool), before it takes the next one.
     *
     * @return false, and nothing scheduled, when the caller is not one of this pool's threads
     */
    boolean afterThisTask(Runnable then) {
        if (!(Thread.currentThread() instanceof Worker worker) || !worker.of(this)) {
            return false;
        }
        worker.afterTask = then;
        return true;
    }

    private static void runAfterTask(Runnable then) {
        try {
            then.run();
        } catch (RuntimeException e) {
            log.warn("A request thread's follow-up after its task failed", e);
        }
    }

    /** How many threads the pool may run now. */
    synchronized int size() {
        return size;
    }

    /** The watchdog's look at the pool: grows it for waiting threads or a stall, shrinks it slowly. */
    synchronized void adjust() {
        long now = System.nanoTime();
        long completed = pool.getCompletedTaskCount();
        boolean queued = !pool.getQueue().isEmpty();
        if (completed != completedAtLastProgress || !queued) {
            completedAtLastProgress = completed;
            lastProgressAt = now;
        }
        int wanted = Math.min(max, base + waitingThreads());
        if (queued && now - lastProgressAt > stallNanos) {
            wanted = Math.min(max, size + base);
            lastProgressAt = now;
        }
        if (queued && wanted > size) {
            resize(wanted);
            shrinkAllowedAt = now + TimeUnit.MILLISECONDS.toNanos(SHRINK_MILLIS);
        } else if (wanted < size && now - shrinkAllowedAt >= 0) {
            resize(size - 1);
            shrinkAllowedAt = now + TimeUnit.MILLISECONDS.toNanos(SHRINK_MILLIS);
        }
    }

    /**
     * Threads running a call that were not runnable at this look and the one before: a lock held for a moment (a
     * shard's append, a metric) is not worth a thread; counting such waits at one look started 161 threads in a 30 s
     * PutRecord run, whose starts and ends cost more than the waits.
     */
    private int waitingThreads() {
        int waiting = 0;
        for (Worker worker : workers) {
            boolean waits = worker.busy && worker.getState() != Thread.State.RUNNABLE;
            if (waits && worker.waitedAtLastLook) {
                waiting++;
            }
            worker.waitedAtLastLook = waits;
        }
        return waiting;
    }

    /** Core and maximum move together: more threads start for queued calls, extra ones end after their call. */
    private void resize(int threads) {
        if (threads > size) {
            pool.setMaximumPoolSize(threads);
            pool.setCorePoolSize(threads);
        } else {
            pool.setCorePoolSize(threads);
            pool.setMaximumPoolSize(threads);
        }
        size = threads;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        pool.shutdown();
    }

    /** A pool thread, which says whether it is running a call. */
    private final class Worker extends Thread {
        volatile boolean busy;
        /** Set and run by this thread only: what to run after the current task ({@link #afterThisTask}). */
        Runnable afterTask;
        /** Watchdog only: whether the last look saw this thread running a call and not runnable. */
        boolean waitedAtLastLook;

        Worker(Runnable runnable, String name) {
            super(runnable, name);
            setDaemon(true);
        }

        /** Whether this is one of {@code pool}'s threads. */
        boolean of(WaitCompensatingPool pool) {
            return WaitCompensatingPool.this == pool;
        }

        @Override
        public void run() {
            workers.add(this);
            try {
                super.run();
            } finally {
                workers.remove(this);
            }
        }
    }
}
