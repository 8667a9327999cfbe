package dev.runnel.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.settings.RequestThreads;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.DelegatingServletOutputStream;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A connection goes to the back of the request queue after a call while other calls wait: the answer is finished,
 * the request turns asynchronous, and it is completed on the same pool thread once the thread's task has ended.
 */
class ConnectionTurnFilterTest {

    private static final FilterChain ANSWER =
            (request, response) -> response.getOutputStream().write("answer".getBytes(StandardCharsets.US_ASCII));

    @Test
    void whileCallsWaitTheAnswerIsFinishedAndTheConnectionRequeuedAfterTheTask() throws Exception {
        try (RequestExecutor requests = new RequestExecutor(RequestThreads.PER_CORE, 17, 1)) {
            ConnectionTurnFilter filter = new ConnectionTurnFilter(requests);
            MockHttpServletRequest request = request();
            List<String> events = new CopyOnWriteArrayList<>();
            MockHttpServletResponse response = new MockHttpServletResponse() {
                @Override
                public ServletOutputStream getOutputStream() {
                    return new DelegatingServletOutputStream(super.getOutputStream()) {
                        @Override
                        public void close() throws IOException {
                            super.close();
                            events.add("answer closed");
                        }
                    };
                }
            };
            CountDownLatch queued = new CountDownLatch(1);
            CountDownLatch completed = new CountDownLatch(1);

            requests.executor().execute(() -> {
                await(queued);
                try {
                    filter.doFilter(request, response, ANSWER);
                } catch (Exception e) {
                    events.add("failed: " + e);
                    return;
                }
                events.add("filter returned, asynchronous: " + request.isAsyncStarted());
                request.getAsyncContext().addListener(new Completion(() -> {
                    events.add("completed on " + Thread.currentThread().getName());
                    completed.countDown();
                }));
                events.add("task ends");
            });
            requests.executor().execute(() -> events.add("next call"));
            queued.countDown();

            assertThat(completed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(events)
                    .startsWith(
                            "answer closed",
                            "filter returned, asynchronous: true",
                            "task ends",
                            "completed on " + RequestExecutor.POOL_PREFIX + "1");
            assertThat(response.getContentAsString()).isEqualTo("answer");
            assertThat(filter.turnsEnded()).isEqualTo(1);
        }
    }

    @Test
    void withoutWaitingCallsTheConnectionKeepsItsThread() throws Exception {
        try (RequestExecutor requests = new RequestExecutor(RequestThreads.PER_CORE, 17, 1)) {
            ConnectionTurnFilter filter = new ConnectionTurnFilter(requests);
            MockHttpServletRequest request = request();
            CompletableFuture<Boolean> asynchronous = new CompletableFuture<>();
            requests.executor().execute(() -> {
                try {
                    filter.doFilter(request, new MockHttpServletResponse(), ANSWER);
                    asynchronous.complete(request.isAsyncStarted());
                } catch (Exception e) {
                    asynchronous.completeExceptionally(e);
                }
            });
            assertThat(asynchronous.get(10, TimeUnit.SECONDS)).isFalse();
            assertThat(filter.turnsEnded()).isZero();
        }
    }

    @Test
    void tomcatsOwnPoolHasNoQueueToTakeTurnsIn() throws Exception {
        try (RequestExecutor requests = new RequestExecutor(RequestThreads.PLATFORM, 17, 1)) {
            ConnectionTurnFilter filter = new ConnectionTurnFilter(requests);
            MockHttpServletRequest request = request();
            filter.doFilter(request, new MockHttpServletResponse(), ANSWER);
            assertThat(request.isAsyncStarted()).isFalse();
            assertThat(requests.takesTurns())
                    .as("the filter is left out of the chain")
                    .isFalse();
        }
        try (RequestExecutor requests = new RequestExecutor(RequestThreads.AUTO, 17, 1)) {
            assertThat(requests.takesTurns()).as("auto on Java 17: per-core").isTrue();
        }
    }

    static Stream<Arguments> callsThatKeepTheirThread() {
        return Stream.of(
                Arguments.of("an HTTP/2 stream", (Consumer<MockHttpServletRequest>) r -> r.setProtocol("HTTP/2.0")),
                Arguments.of("an error answer", (Consumer<MockHttpServletRequest>) r -> r.setAttribute("status", 400)),
                Arguments.of("an upgrade", (Consumer<MockHttpServletRequest>) r -> r.addHeader("Upgrade", "h2c")),
                Arguments.of("an error dispatch", (Consumer<MockHttpServletRequest>)
                        r -> r.setDispatcherType(DispatcherType.ERROR)),
                Arguments.of(
                        "no asynchronous support", (Consumer<MockHttpServletRequest>) r -> r.setAsyncSupported(false)),
                Arguments.of("a call already asynchronous", (Consumer<MockHttpServletRequest>)
                        r -> r.setAttribute("async", true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callsThatKeepTheirThread")
    void leavesAloneWhatIsNotAPlainAnsweredHttp11Call(String what, Consumer<MockHttpServletRequest> change)
            throws Exception {
        try (RequestExecutor requests = new RequestExecutor(RequestThreads.PER_CORE, 17, 1)) {
            ConnectionTurnFilter filter = new ConnectionTurnFilter(requests);
            MockHttpServletRequest request = request();
            change.accept(request);
            FilterChain chain = (req, res) -> {
                if (request.getAttribute("status") != null) {
                    ((MockHttpServletResponse) res).setStatus((Integer) request.getAttribute("status"));
                }
                if (request.getAttribute("async") != null) {
                    req.startAsync();
                }
                ANSWER.doFilter(req, res);
            };
            CountDownLatch queued = new CountDownLatch(1);
            CompletableFuture<Long> turns = new CompletableFuture<>();
            requests.executor().execute(() -> {
                await(queued);
                try {
                    filter.doFilter(request, new MockHttpServletResponse(), chain);
                    turns.complete(filter.turnsEnded());
                } catch (Exception e) {
                    turns.completeExceptionally(e);
                }
            });
            requests.executor().execute(() -> {});
            queued.countDown();
            assertThat(turns.get(10, TimeUnit.SECONDS)).as(what).isZero();
        }
    }

    private static MockHttpServletRequest request() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/");
        request.setProtocol("HTTP/1.1");
        request.setAsyncSupported(true);
        return request;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Calls back when the asynchronous call completes. */
    private record Completion(Runnable then) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            then.run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {}

        @Override
        public void onStartAsync(AsyncEvent event) {}
    }
}
