package dev.runnel.storage.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Shares one blocking barrier (a round trip that makes a view current as of when it started) between the threads
 * that need one at the same time: a caller joins the next round that has not started yet, so the round it waits for
 * began after it arrived, which is all a barrier promises; while one round runs, every caller that arrives waits for
 * the next, and that one round serves them all. So N concurrent callers cost at most two round trips in a row
 * instead of N. The round runs on the thread of one of its callers. Thread-safe.
 */
final class CoalescedBarrier {

    private final Runnable barrier;
    private CompletableFuture<Void> running;
    private CompletableFuture<Void> next;

    /** @param barrier the blocking barrier; its unchecked exception fails every caller of its round */
    CoalescedBarrier(Runnable barrier) {
        this.barrier = barrier;
    }

    /** Returns once a round that started after this call began has ended; throws that round's failure. */
    void await() {
        CompletableFuture<Void> mine;
        synchronized (this) {
            if (next == null) {
                next = new CompletableFuture<>();
            }
            mine = next;
        }
        while (true) {
            CompletableFuture<Void> ahead;
            synchronized (this) {
                if (mine == running || mine.isDone()) {
                    ahead = null;
                } else if (running == null) {
                    running = mine;
                    next = null;
                    ahead = mine;
                } else {
                    ahead = running;
                }
            }
            if (ahead == mine) {
                run(mine);
                return;
            }
            if (ahead == null) {
                join(mine);
                return;
            }
            ahead.handle((ok, failed) -> null).join(); // the round ahead of ours; its outcome is not ours
        }
    }

    private void run(CompletableFuture<Void> round) {
        RuntimeException failed = null;
        Error broken = null;
        try {
            barrier.run();
        } catch (RuntimeException e) {
            failed = e;
        } catch (Error e) {
            broken = e;
        }
        // No longer running before its callers wake: a caller that waited behind it must find the way clear, or it
        // would loop on a finished round until this thread got to clear it.
        synchronized (this) {
            running = null;
        }
        if (failed != null || broken != null) {
            round.completeExceptionally(failed != null ? failed : broken);
            if (broken != null) {
                throw broken;
            }
            throw failed;
        }
        round.complete(null);
    }

    private static void join(CompletableFuture<Void> round) {
        try {
            round.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
