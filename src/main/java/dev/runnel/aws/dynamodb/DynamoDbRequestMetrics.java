package dev.runnel.aws.dynamodb;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Counts and times every call on the DynamoDB edge as the Micrometer timer {@value #NAME}, tagged with {@code
 * operation} (a lease-store operation name, or {@code unknown}) and {@code outcome} ({@code success} or the
 * short error code). Tag values are bounded whatever clients send. Thread-safe.
 */
final class DynamoDbRequestMetrics {

    static final String NAME = "runnel.dynamodb.requests";

    private final MeterRegistry registry;

    DynamoDbRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param target the call's X-Amz-Target; @param outcome {@code success} or an error code of the lease store */
    void record(String target, String outcome, long nanos) {
        String operation = DynamoDbOperations.of(target).isPresent()
                ? target.substring(DynamoDbOperations.TARGET_PREFIX.length())
                : "unknown";
        Timer.builder(NAME)
                .description("DynamoDB calls answered by Runnel's lease store, by operation and outcome")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
