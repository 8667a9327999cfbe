package dev.runnel.web;

import dev.runnel.settings.RequestThreads;
import java.util.concurrent.Executor;
import org.apache.tomcat.util.threads.VirtualThreadExecutor;

/**
 * The executor that runs HTTP requests on both ports, as {@code runnel.http.threads} chose on this Java, or none
 * where Tomcat's own pool does ({@link RequestThreads#PLATFORM}). One for the application, closed with it.
 */
final class RequestExecutor implements AutoCloseable {

    /** The name prefix of virtual request threads. */
    static final String VIRTUAL_PREFIX = "http-request-";
    /** The name prefix of the {@link RequestThreads#PER_CORE} pool's threads. */
    static final String POOL_PREFIX = "http-worker-";

    private final RequestThreads chosen;
    private final Executor executor;

    /**
     * @param threads the setting
     * @param java the running Java release
     * @param maxThreads the most platform threads ({@code server.tomcat.threads.max})
     */
    RequestExecutor(RequestThreads threads, int java, int maxThreads) {
        this.chosen = threads.chosenOn(java);
        int processors = Runtime.getRuntime().availableProcessors();
        this.executor = switch (chosen) {
            case VIRTUAL -> new VirtualThreadExecutor(VIRTUAL_PREFIX);
            case PER_CORE -> {
                int base = Math.min(Math.max(1, maxThreads), 2 * processors);
                yield new WaitCompensatingPool(base, Math.max(base, maxThreads), POOL_PREFIX);
            }
            case PLATFORM, AUTO -> null;
        };
    }

    /** The executor for the connectors, or null for Tomcat's own pool. */
    Executor executor() {
        return executor;
    }

    /**
     * Whether calls queue for threads of a pool of Runnel's ({@link RequestThreads#PER_CORE}), where connections can
     * take turns ({@link ConnectionTurnFilter}); virtual threads and Tomcat's pool have no queue of their own.
     */
    boolean takesTurns() {
        return executor instanceof WaitCompensatingPool;
    }

    /**
     * Whether the caller is a thread of the {@link RequestThreads#PER_CORE} pool and calls wait in its queue: false
     * with virtual threads and Tomcat's pool, which have no queue of their own.
     */
    boolean othersWaitForCaller() {
        return executor instanceof WaitCompensatingPool pool && pool.othersWaitForCaller();
    }

    /**
     * Has the calling pool thread run {@code then} once its current task has ended; false, and nothing scheduled,
     * if the caller is not a thread of the {@link RequestThreads#PER_CORE} pool.
     */
    boolean afterThisTask(Runnable then) {
        return executor instanceof WaitCompensatingPool pool && pool.afterThisTask(then);
    }

    /** What the start log says about the request threads. */
    String describe() {
        return switch (chosen) {
            case VIRTUAL -> "virtual threads";
            case PER_CORE ->
                ((WaitCompensatingPool) executor).size() + " platform threads, and one more for each that waits";
            case PLATFORM, AUTO -> "Tomcat's pool of platform threads";
        };
    }

    @Override
    public void close() {
        if (executor instanceof WaitCompensatingPool pool) {
            pool.close();
        }
    }
}
