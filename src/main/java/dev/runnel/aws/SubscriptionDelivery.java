package dev.runnel.aws;

import dev.runnel.core.error.KinesisException;
import dev.runnel.records.Subscription;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * Pushes one subscription's events down its response with Servlet non-blocking I/O: the initial response, then
 * an event whenever records arrive (or an empty one after the idle interval), until the subscription's lifetime
 * ends, its shard is read to the end, an error ends it, or the client goes away.
 *
 * <p>Back-pressure: at most one encoded event is held at a time, and the next one is read from the log only
 * after the previous one was handed to the container and the connection can take more ({@code isReady}, which
 * follows HTTP/2 flow control), so a slow or stalled reader holds one event, never a growing queue. That event
 * keeps its records' bytes in the read budget until the container has taken its whole frame; when the budget has
 * no room, the next event waits a moment and is read again. Producing an
 * event runs on the streamer's scheduler, never on a request or appender thread.
 */
final class SubscriptionDelivery implements WriteListener, AsyncListener {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionDelivery.class);

    /** How long an event the read budget held back waits before it is read again. */
    private static final long HELD_BACK_RETRY_MILLIS = 50;

    private final Subscription subscription;
    private final AsyncContext async;
    private final ServletOutputStream out;
    private final SubscriptionFrames frames;
    private final ScheduledExecutorService scheduler;
    private final Duration idleInterval;
    private final Consumer<SubscriptionDelivery> onClosed;

    /** Guarded by this. */
    private byte[] pending;

    /** The event whose frame is pending or being written: it holds its records' bytes in the read budget. */
    private Subscription.Event written;

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
        this.frames = new SubscriptionFrames(protocol, mapper);
        this.scheduler = scheduler;
        this.idleInterval = idleInterval;
    }

    /** Queues the initial response and starts writing; the container calls back when it can take bytes. */
    void start() {
        synchronized (this) {
            pending = frames.initialResponse();
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
            written = closed(written); // the container took the whole frame: its bytes go back to the budget
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
        Subscription.Event event = null;
        try {
            if (!now.isBefore(subscription.endsAt())) {
                finish();
                return;
            }
            boolean idle = !now.isBefore(lastEventAt.plus(idleInterval));
            event = subscription.next(idle);
            if (event == null) {
                if (subscription.heldBack()) {
                    scheduler.schedule(this::produce, HELD_BACK_RETRY_MILLIS, TimeUnit.MILLISECONDS);
                } else {
                    awaitRecords(now);
                }
                return;
            }
            frame = frames.event(event);
            lastEventAt = now;
            last = event.endsShard();
            delay = subscription.pace(event.bytes());
        } catch (KinesisException e) {
            event = closed(event);
            frame = frames.exception(e);
            last = true;
        } catch (RuntimeException e) {
            event = closed(event);
            log.error("Subscription of {} failed", subscription.consumerArn(), e);
            frame = frames.internalFailure();
            last = true;
        }
        synchronized (this) {
            if (closed) {
                closed(event);
                return;
            }
            pending = frame;
            written = event;
            lastFrame = last;
            delayNanos = delay;
            producing = false;
        }
        pump();
    }

    /** Closes the event, if any, giving its bytes back to the read budget; null, to assign. */
    private static Subscription.Event closed(Subscription.Event event) {
        if (event != null) {
            event.close();
        }
        return null;
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
        written = closed(written);
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
            written = closed(written);
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
            written = closed(written);
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
