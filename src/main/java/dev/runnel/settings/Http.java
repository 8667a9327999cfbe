package dev.runnel.settings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The HTTP side of Runnel, under {@code runnel.http.*}.
 *
 * @param maxRequestSize the largest request body accepted; Kinesis needs about 14 MiB (a 10 MiB record in Base64)
 * @param h2c whether the plain port also speaks HTTP/2 cleartext with prior knowledge
 * @param bodyReadTimeout how long reading a request body waits for its next bytes before the request is answered
 *     408 (over HTTP/2, Tomcat resets the stream instead)
 * @param cors which web pages may call Runnel from a browser
 * @param maxInFlightBytes the request-body bytes that requests being read and decoded may hold at once; empty means
 *     {@link HeapPlan#defaultInFlightBytes}
 * @param threads which threads run the requests, on both ports
 * @param writeBuffer the buffer every connection writes its answers through (Tomcat's {@code socket.appWriteBufSize},
 *     8 KiB by default there): one system call per buffer's worth, so a large answer (a GetRecords page of megabytes)
 *     costs fewer calls with a larger one, and each open connection holds one
 */
public record Http(
        @DefaultValue("16MB") @NotNull DataSize maxRequestSize,
        @DefaultValue("true") boolean h2c,
        @DefaultValue("60s") @NotNull Duration bodyReadTimeout,
        @DefaultValue @Valid @NotNull Cors cors,
        DataSize maxInFlightBytes,
        @DefaultValue("auto") @NotNull RequestThreads threads,
        @DefaultValue("32KB") @NotNull DataSize writeBuffer) {

    public static final Http DEFAULTS = new Http(
            DataSize.ofMegabytes(16),
            true,
            Duration.ofSeconds(60),
            Cors.DEFAULTS,
            null,
            RequestThreads.AUTO,
            DataSize.ofKilobytes(32));

    /** With a request-body budget of {@code maxInFlightBytes}, other settings at their defaults. */
    public static Http withInFlightBytes(DataSize maxRequestSize, DataSize maxInFlightBytes) {
        return new Http(
                maxRequestSize,
                true,
                DEFAULTS.bodyReadTimeout(),
                Cors.DEFAULTS,
                maxInFlightBytes,
                DEFAULTS.threads(),
                DEFAULTS.writeBuffer());
    }

    @AssertTrue(
            message = "runnel.http.threads=virtual needs Java 21 or later; use auto, per-core or platform on this Java")
    boolean isThreadsPossible() {
        return threads == null || threads.possibleOn(RequestThreads.runningJava());
    }

    @AssertTrue(message = "the in-flight request budget must be positive")
    public boolean isInFlightValid() {
        return maxInFlightBytes == null || maxInFlightBytes.toBytes() > 0;
    }

    /** The in-flight budget in bytes. */
    public long maxInFlightBytesOrDefault() {
        return maxInFlightBytes != null
                ? maxInFlightBytes.toBytes()
                : HeapPlan.defaultInFlightBytes(HeapPlan.jvmMaxHeapBytes());
    }

    @AssertTrue(message = "runnel.http.write-buffer must be from 1KB to 1MB")
    boolean isWriteBufferInRange() {
        return writeBuffer == null
                || (writeBuffer.toBytes() >= 1024
                        && writeBuffer.toBytes() <= DataSize.ofMegabytes(1).toBytes());
    }

    @AssertTrue(message = "runnel.http.body-read-timeout must be from 1ms to 24 days")
    boolean isBodyReadTimeoutInRange() {
        return bodyReadTimeout == null
                || (bodyReadTimeout.toMillis() >= 1 && bodyReadTimeout.toMillis() <= Integer.MAX_VALUE);
    }
}
