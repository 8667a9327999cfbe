package dev.runnel.web;

import dev.runnel.settings.RunnelProperties;
import dev.runnel.throttling.ByteBudget;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code runnel.http.max-request-size} with 413: at once when Content-Length says
 * so (in the edge's own protocol when an {@link OversizedRequestAnswer} answers the request, as the AWS edge
 * does; a problem document otherwise), else as soon as a streamed body passes the limit while it is read (the
 * reader gets a {@link RequestTooLargeException} and its edge answers). Takes each large body's bytes from the
 * {@link RequestBodyBudget} while the request runs, and refuses a request that finds no room there within a second
 * (in the edge's own protocol when a {@link BusyRequestAnswer} answers it; 429 LimitExceededException otherwise).
 * What a refused HTTP/2 body has left unread, up to four times the limit, is read and dropped before its stream
 * ends ({@link UnreadBody}), so the calls sharing its connection keep flowing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    /** How long a request waits for room in the {@link RequestBodyBudget} before it is refused. */
    private static final Duration BUDGET_WAIT = Duration.ofSeconds(1);

    /** An HTTP/2 body up to this many times the limit is read and dropped when refused: {@link UnreadBody}. */
    private static final long DRAIN_FACTOR = 4;

    private final long maxBytes;
    private final List<OversizedRequestAnswer> edgeAnswers;
    private final List<BusyRequestAnswer> busyAnswers;
    private final RequestBodyBudget budget;

    /** The most body bytes an HTTP/2 request refused as too large is read for before it is left to a reset. */
    private final long drainLimit;

    /** The edges' answers are optional: slice tests of the REST API and the console run without the AWS edge. */
    RequestSizeLimitFilter(
            RunnelProperties properties,
            ObjectProvider<OversizedRequestAnswer> edgeAnswers,
            ObjectProvider<BusyRequestAnswer> busyAnswers) {
        this.maxBytes = properties.http().maxRequestSize().toBytes();
        this.edgeAnswers = edgeAnswers.orderedStream().toList();
        this.busyAnswers = busyAnswers.orderedStream().toList();
        this.budget = new RequestBodyBudget(properties.http().maxInFlightBytesOrDefault(), BUDGET_WAIT);
        this.drainLimit = maxBytes > Long.MAX_VALUE / DRAIN_FACTOR ? Long.MAX_VALUE : maxBytes * DRAIN_FACTOR;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            UnreadBody.drainHttp2(request, drainLimit);
            refuseOversized(request, response, length);
            return;
        }
        long counted = countedBytes(request, length);
        ByteBudget.Lease lease = budget.acquire(counted);
        if (lease == null) {
            refuseBusy(request, response, counted);
            return;
        }
        try {
            chain.doFilter(length < 0 ? new LimitedRequest(request, maxBytes) : request, response);
        } finally {
            lease.close();
            UnreadBody.drainHttp2(request, drainLimit);
        }
    }

    private void refuseOversized(HttpServletRequest request, HttpServletResponse response, long length)
            throws IOException {
        for (OversizedRequestAnswer edge : edgeAnswers) {
            if (edge.answers(request)) {
                edge.refuse(request, response);
                return;
            }
        }
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"type\":\"" + RestErrorTable.TYPE_PREFIX + "RequestTooLarge\","
                        + "\"title\":\"Content Too Large\",\"status\":413,\"detail\":\"The request body has "
                        + length
                        + " bytes, more than the limit of " + maxBytes + " bytes (runnel.http.max-request-size).\","
                        + "\"errorType\":\"RequestTooLarge\"}");
    }

    /**
     * The bytes a request's body counts in the budget: its length when over {@link RequestBodyBudget#UNCOUNTED_BYTES};
     * the most a body may have when its length is not known in advance (a chunked HTTP/1.1 body, an HTTP/2 body
     * without Content-Length); none for small bodies and requests without one.
     */
    private long countedBytes(HttpServletRequest request, long length) {
        if (length >= 0) {
            return length > RequestBodyBudget.UNCOUNTED_BYTES ? length : 0;
        }
        boolean mayHaveBody = request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || (UnreadBody.isHttp2(request) && !"GET".equals(request.getMethod()));
        return mayHaveBody ? maxBytes : 0;
    }

    /**
     * The budget had no room within the wait: the body is read and dropped (an HTTP/2 stream whose body is left
     * unread would be reset), then the request's edge refuses it with an error its clients retry.
     */
    private void refuseBusy(HttpServletRequest request, HttpServletResponse response, long counted) throws IOException {
        UnreadBody.drain(request, maxBytes); // over any protocol: answered all the same if it cannot be read
        String message = "Runnel is busy: the requests in flight hold " + budget.usedBytes() + " of the "
                + budget.maxBytes() + " bytes of request bodies it reads at once (runnel.http.max-in-flight-bytes), "
                + "and this request's " + counted + " bytes found no room for " + BUDGET_WAIT.toMillis()
                + " ms. Retry shortly.";
        for (BusyRequestAnswer edge : busyAnswers) {
            if (edge.answers(request)) {
                edge.refuse(request, response, message);
                return;
            }
        }
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"type\":\"" + RestErrorTable.TYPE_PREFIX + "LimitExceededException\",\"title\":\"Too Many "
                        + "Requests\",\"status\":429,\"detail\":\"" + message
                        + "\",\"errorType\":\"LimitExceededException\"}");
    }

    /** A request whose body stream fails once more than the limit has been read. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        LimitedInputStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RequestTooLargeException {
            read += n;
            if (read > limit) {
                throw new RequestTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
