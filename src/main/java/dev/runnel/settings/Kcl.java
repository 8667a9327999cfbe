package dev.runnel.settings;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What KCL applications need besides Kinesis, under {@code runnel.kcl.*}: the built-in lease store (the part of
 * DynamoDB that KCL calls) and the metrics sink (CloudWatch's PutMetricData), both on the main port.
 *
 * @param enabled whether Runnel answers DynamoDB and CloudWatch calls; off, they get UnknownOperationException,
 *     for applications that bring their own DynamoDB
 * @param maxTables tables the lease store may hold, all regions together
 * @param maxStoredBytes item bytes (as DynamoDB counts them) the lease store may hold, all regions together; writes
 *     beyond get LimitExceededException
 * @param metricsWindow how long the metrics sink keeps a data point
 * @param maxMetricPoints data points the sink keeps, all regions together, oldest dropped first
 */
public record Kcl(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("256") @Min(1) @Max(10_000) int maxTables,
        @DefaultValue("64MB") @NotNull DataSize maxStoredBytes,
        @DefaultValue("15m") @NotNull Duration metricsWindow,
        @DefaultValue("200000") @Min(1) int maxMetricPoints) {

    public static final Kcl DEFAULTS = new Kcl(true, 256, DataSize.ofMegabytes(64), Duration.ofMinutes(15), 200_000);

    @AssertTrue(message = "the metrics window must be positive and the stored-bytes budget at least 1 MB")
    public boolean isBoundsValid() {
        return metricsWindow != null
                && !metricsWindow.isNegative()
                && !metricsWindow.isZero()
                && maxStoredBytes != null
                && maxStoredBytes.toBytes() >= DataSize.ofMegabytes(1).toBytes();
    }
}
