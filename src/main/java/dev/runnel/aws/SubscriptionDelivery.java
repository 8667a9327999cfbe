package dev.runnel.aws;

import dev.runnel.aws.shapes.AwsShapes;
import dev.runnel.aws.shapes.AwsShapes.ChildShard;
import dev.runnel.core.error.KinesisException;
import dev.runnel.records.RecordView;
import dev.runnel.records.Subscription;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * Pushes one subscription's events down its response with Servlet non-blocking I/O: the initial response, then
 * an event whenever records arrive (or an empty one after the idle interval), until the subscription's lifetime
 * ends, its shard is read to the end, an error ends it, or the client goes away.
 *
 * <p>Back-pressure: at most one encoded event is held at a time, and the next one is read from the log only
 * after the previous one was handed to the container and the connection can take more ({@code isReady}, which
 * follows HTTP/2 flow control), so a slow or stalled reader holds one event, never a growing queue. Producing an
 * event runs on the streamer's scheduler, never on a request or appender thread.
 */
final class SubscriptionDelivery implements WriteListener, AsyncListener {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionDelivery.class);

    /** The SubscribeToShardEvent shape. */
    record EventShape(
            @JsonSerialize(using = RecordListSerializer.class)
            List<RecordView> records,

            String continuationSequenceNumber,
            long millisBehindLatest,
            List<ChildShard> childShards) {}

    private final Subscription subscription;
    private final AsyncContext async;
    private final ServletOutputStream out;
    private final AwsProtocol protocol;
    private final ObjectMapper mapper;
    private final ScheduledExecutorService scheduler;
    private final Duration idleInterval;
    private final Consumer<SubscriptionDelivery> onClosed;

    /** Guarded by this. */
    private byte[] pending;

    private boolean unflushed;
    private boolean producing;
    private boolean lastFrame;
    private boolean closed;
    private long delayNanos;

    /** Touched by the producing thread only (one at a time). */
    private Instant lastEventAt = Instant.EPOCH;

    private CompletableFuture<Long> waitingForRecords;

    SubscriptionDelivery(
            Subscription subscription,
            AsyncContext async,
            ServletOutputStream out,
            AwsProtocol protocol,
            ObjectMapper mapper,
            ScheduledExecutorService scheduler,
            Duration idleInterval,
            Consumer<SubscriptionDelivery> onClosed) {
        this.onClosed = onClosed;
        this.subscription = subscription;
        this.async = async;
        this.out = out;
        this.protocol = protocol;
        this.mapper = mapper;
        this.scheduler = scheduler;
        this.idleInterval = idleInterval;
    }

    /** Queues the initial response and starts writing; the container calls back when it can take bytes. */
    void start() {
        synchronized (this) {
            pending = EventStreamFrames.event("initial-response", protocol, mapper.writeValueAsBytes(Map.of()));
        }
        async.addListener(this);
        out.setWriteListener(this);
    }

    @Override
    public void onWritePossible() {
        pump();
    }

    /** Writes what is pending while the connection takes it, then asks for the next event. */
    private synchronized void pump() {
        if (closed) {
            return;
        }
        try {
            if (pending != null) {
                if (!out.isReady()) {
                    return;
                }
                out.write(pending);
                pending = null;
                unflushed = true;
            }
            if (unflushed) {
                if (!out.isReady()) {
                    return;
                }
                out.flush();
                unflushed = false;
            }
            if (!out.isReady()) {
                return;
            }
            if (lastFrame) {
                close();
                return;
            }
            if (!producing) {
                producing = true;
                long delay = delayNanos;
                delayNanos = 0;
                if (delay > 0) {
                    scheduler.schedule(this::produce, delay, TimeUnit.NANOSECONDS);
                } else {
                    scheduler.execute(this::produce);
                }
            }
        } catch (IOException | RuntimeException e) {
            gone(e);
        }
    }

    /** Reads the next event from the subscription, or waits for records without holding a thread. */
    private void produce() {
        if (isClosed()) {
            return;
        }
        Instant now = Instant.now();
        byte[] frame;
        boolean last = false;
        long delay = 0;
        try {
            if (!now.isBefore(subscription.endsAt())) {
                finish();
                return;
            }
            boolean idle = !now.isBefore(lastEventAt.plus(idleInterval));
            Subscription.Event event = subscription.next(idle);
            if (event == null) {
                awaitRecords(now);
                return;
            }
            frame = EventStreamFrames.event("SubscribeToShardEvent", protocol, payload(event));
            lastEventAt = now;
            last = event.endsShard();
            delay = subscription.pace(event.bytes());
        } catch (KinesisException e) {
            frame = EventStreamFrames.exception(
                    e.errorType(),
                    protocol,
                    mapper.writeValueAsBytes(Map.of("message", AwsErrors.of(e).message())));
            last = true;
        } catch (RuntimeException e) {
            log.error("Subscription of {} failed", subscription.consumerArn(), e);
            frame = EventStreamFrames.exception(
                    "InternalFailureException",
                    protocol,
                    mapper.writeValueAsBytes(Map.of("message", "Internal service failure.")));
            last = true;
        }
        synchronized (this) {
            pending = frame;
            lastFrame = last;
            delayNanos = delay;
            producing = false;
        }
        pump();
    }

    /**
     * Sleeps until records arrive, the idle interval passes or the lifetime ends, whichever is first. One wait on
     * the log at a time: an idle tick reuses the pending one.
     */
    private void awaitRecords(Instant now) {
        if (waitingForRecords == null || waitingForRecords.isDone()) {
            waitingForRecords = subscription.awaitRecords();
        }
        Instant wakeAt = lastEventAt.plus(idleInterval);
        if (subscription.endsAt().isBefore(wakeAt)) {
            wakeAt = subscription.endsAt();
        }
        long millis = Math.max(1, Duration.between(now, wakeAt).toMillis());
        CompletableFuture<Long> records = waitingForRecords;
        CompletableFuture<Object> woken = new CompletableFuture<>();
        records.whenComplete((end, failure) -> woken.complete(end));
        woken.completeOnTimeout(null, millis, TimeUnit.MILLISECONDS).thenRunAsync(this::produce, scheduler);
    }

    private byte[] payload(Subscription.Event event) {
        List<ChildShard> children = event.childShards().isEmpty()
                ? null
                : event.childShards().stream().map(AwsShapes::childShard).toList();
        return mapper.writeValueAsBytes(new EventShape(
                event.records(), event.continuationSequenceNumber(), event.millisBehindLatest(), children));
    }

    /** Ends the stream normally now (the server is stopping), after the event being written, if any. */
    void end() {
        synchronized (this) {
            lastFrame = true;
        }
        pump();
    }

    /** The lifetime ended: close the stream normally; the client subscribes again. */
    private void finish() {
        synchronized (this) {
            lastFrame = true;
            producing = false;
        }
        pump();
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private synchronized void close() {
        if (!closed) {
            closed = true;
            subscription.cancel();
            onClosed.accept(this);
            async.complete();
        }
    }

    /** The client went away or the connection failed: stop without writing. */
    private void gone(Throwable cause) {
        log.debug("Subscription of {} ended: {}", subscription.consumerArn(), cause.toString());
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            subscription.cancel();
        }
        onClosed.accept(this);
        try {
            async.complete();
        } catch (IllegalStateException alreadyCompleted) {
            // the container finished the request already
        }
    }

    @Override
    public void onError(Throwable t) {
        gone(t);
    }

    @Override
    public void onComplete(AsyncEvent event) {
        synchronized (this) {
            closed = true;
        }
        subscription.cancel();
        onClosed.accept(this);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        gone(new IOException("async timeout"));
    }

    @Override
    public void onError(AsyncEvent event) {
        gone(event.getThrowable() == null ? new IOException("async error") : event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}
}
