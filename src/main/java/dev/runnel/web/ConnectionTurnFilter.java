package dev.runnel.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connections take turns for the request threads of the {@code per-core} pool ({@link WaitCompensatingPool}). Once
 * Tomcat has answered a call on HTTP/1.1, it reads the connection's next request on the same thread if that has
 * already arrived, so a client that answers quickly keeps a thread for call after call while the calls of other
 * connections wait in the queue: three quarters of the PutRecord calls of a 32-connection run were served that way,
 * and the calls that waited made a p90 of 7–11 ms and a p99 of 16–22 ms where the median was 2 ms. So, when calls wait
 * for a thread, this filter finishes the answer (closes its body, as Tomcat would) and puts the connection at the back
 * of the queue: it puts the request in asynchronous mode, which ends Tomcat's processing of the connection on this
 * thread, and completes it once the thread has returned to the pool; Tomcat then queues the connection again, and
 * reads its next request when its turn comes (p90 3 ms, p99 7–8 ms, at the same rate and no more CPU).
 *
 * <p>Registered first ({@link ContainerConfiguration}), so no filter that acts once the chain has returned sees the
 * request turned asynchronous. It leaves alone what is not a plain answered HTTP/1.1 call: other dispatches, requests
 * already asynchronous (event streams), upgrades, error answers (Tomcat closes the connection after most of them), and
 * HTTP/2, whose streams share a connection and take their own turns.
 */
final class ConnectionTurnFilter extends HttpFilter {

    private final transient RequestExecutor requests;
    private final LongAdder turnsEnded = new LongAdder();

    ConnectionTurnFilter(RequestExecutor requests) {
        this.requests = requests;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, response);
        if (requests.othersWaitForCaller()
                && request.getDispatcherType() == DispatcherType.REQUEST
                && response.getStatus() < 400
                && "HTTP/1.1".equals(request.getProtocol())
                && request.getHeader("Upgrade") == null
                && !request.isAsyncStarted()
                && request.isAsyncSupported()) {
            finish(response);
            AsyncContext turn = request.startAsync();
            if (requests.afterThisTask(() -> complete(turn))) {
                turnsEnded.increment();
            } else {
                turn.complete();
            }
        }
    }

    /** How many times a connection was sent to the back of the queue. */
    long turnsEnded() {
        return turnsEnded.sum();
    }

    /** Sends what is left of the answer, as Tomcat does when a call ends (the answer may have used either). */
    private static void finish(HttpServletResponse response) throws IOException {
        try {
            response.getOutputStream().close();
        } catch (IllegalStateException writerUsed) {
            response.getWriter().close();
        }
    }

    private static void complete(AsyncContext turn) {
        try {
            turn.complete();
        } catch (IllegalStateException connectionFailed) {
            // Tomcat has already ended the call: the connection failed or timed out meanwhile.
        }
    }
}
