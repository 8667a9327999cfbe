package dev.runnel.aws;

import dev.runnel.records.Subscription;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.ObjectMapper;

/**
 * Streams SubscribeToShard answers: a 200 of {@code application/vnd.amazon.eventstream} whose body the request's
 * {@link SubscriptionDelivery} writes asynchronously (chunked on HTTP/1.1, DATA frames on HTTP/2). Events are
 * produced on a small scheduler shared by every subscription; no thread waits for records.
 */
final class SubscriptionStreamer implements SmartLifecycle {

    private final ScheduledExecutorService scheduler;
    private final Duration idleInterval;
    private final Set<SubscriptionDelivery> streaming = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    /**
     * @param threads how many threads produce events for all subscriptions
     * @param idleInterval how often an idle subscription sends an empty event
     */
    SubscriptionStreamer(int threads, Duration idleInterval) {
        AtomicInteger count = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "fan-out-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.idleInterval = idleInterval;
    }

    /** Starts streaming: the response is committed with its headers, and the request goes asynchronous. */
    void start(
            HttpServletRequest request,
            HttpServletResponse response,
            AwsProtocol protocol,
            ObjectMapper mapper,
            Subscription subscription)
            throws IOException {
        response.setStatus(200);
        response.setContentType(EventStreamFrames.CONTENT_TYPE);
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(0);
        SubscriptionDelivery delivery = new SubscriptionDelivery(
                subscription,
                async,
                response.getOutputStream(),
                protocol,
                mapper,
                scheduler,
                idleInterval,
                streaming::remove);
        streaming.add(delivery);
        delivery.start();
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every subscription normally (clients subscribe again, to another node or after the restart) before the
     * web server's graceful shutdown, which would otherwise wait for them; then stops the scheduler.
     */
    @Override
    public void stop() {
        running = false;
        streaming.forEach(SubscriptionDelivery::end);
        scheduler.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
