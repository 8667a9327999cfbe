package dev.runnel.web;

import dev.runnel.throttling.ByteBudget;
import java.time.Duration;

/**
 * The request-body bytes that requests being read and decoded may hold at once ({@code
 * runnel.http.max-in-flight-bytes}), so that many large writes at once (100 writers of megabyte batches) cannot
 * exhaust the heap: a body is held whole while it is decoded, beside the records decoded from it. {@link
 * RequestSizeLimitFilter} takes a lease on each body over {@link #UNCOUNTED_BYTES} (its Content-Length, or
 * {@code runnel.http.max-request-size} when the length is not known in advance) before the request runs, and
 * closes it when the request has been answered; a request that finds no room within the wait is refused, in its
 * edge's words, with an error its clients retry. Smaller bodies are not counted: the server's request threads
 * bound what they take together. Thread-safe; see {@link ByteBudget}.
 */
public final class RequestBodyBudget extends ByteBudget {

    /** Bodies up to this size run without a lease. */
    public static final long UNCOUNTED_BYTES = 64 * 1024;

    /**
     * @param maxBytes the most body bytes counted requests hold together; positive
     * @param maxWait how long a request waits for room before it is refused; not negative
     */
    public RequestBodyBudget(long maxBytes, Duration maxWait) {
        super(maxBytes, maxWait);
    }
}
