package dev.runnel.settings;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Enhanced fan-out, under {@code runnel.fan-out.*}.
 *
 * @param createDelay how long a newly registered consumer stays CREATING
 * @param deleteDelay how long a deregistered consumer stays DELETING
 * @param maxConsumersPerStream consumers one stream may have (Kinesis: 20)
 * @param subscriptionLifetime how long one SubscribeToShard call streams before it ends (Kinesis: 5 minutes)
 * @param idleEventInterval how often a subscription that has nothing new sends an empty event, so the reader
 *     can record its position
 */
public record FanOut(
        @DefaultValue("500ms") @NotNull Duration createDelay,
        @DefaultValue("500ms") @NotNull Duration deleteDelay,
        @DefaultValue("20") @Min(1) @Max(1000) int maxConsumersPerStream,
        @DefaultValue("5m") @NotNull Duration subscriptionLifetime,
        @DefaultValue("1s") @NotNull Duration idleEventInterval) {

    public static final FanOut DEFAULTS = new FanOut(
            Duration.ofMillis(500), Duration.ofMillis(500), 20, Duration.ofMinutes(5), Duration.ofSeconds(1));

    @AssertTrue(
            message =
                    "consumer delays must not be negative; the subscription lifetime and idle interval must be positive")
    public boolean isTimingValid() {
        return createDelay != null
                && deleteDelay != null
                && subscriptionLifetime != null
                && idleEventInterval != null
                && !createDelay.isNegative()
                && !deleteDelay.isNegative()
                && !subscriptionLifetime.isNegative()
                && !subscriptionLifetime.isZero()
                && !idleEventInterval.isNegative()
                && !idleEventInterval.isZero();
    }
}
