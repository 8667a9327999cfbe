package dev.runnel.settings;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka store, under {@code runnel.kafka.*}: used when {@code runnel.storage.type=kafka}, when several Runnel
 * nodes share one Kafka cluster for records and metadata.
 *
 * @param bootstrapServers the brokers to contact first, {@code host:port,host:port}
 * @param topicPrefix starts the name of every topic Runnel creates (letters, digits, {@code . _ -})
 * @param replicationFactor copies of each topic Runnel creates: 1 for a single broker, 3 for a production cluster
 * @param requestTimeout how long a request waits for Kafka before it fails with ServiceUnavailable (503)
 * @param sessionTimeout how soon the cluster notices a node that stopped, and hands its duties (the metadata
 *     arbiter, the on-demand scaler) to another; at least the broker's {@code group.min.session.timeout.ms}
 * @param properties Kafka client settings passed through to every producer, consumer and admin client Runnel makes
 *     (security, SASL, TLS, client tuning), e.g. {@code runnel.kafka.properties.security.protocol=SSL}
 */
public record Kafka(
        @DefaultValue("localhost:9092") @NotNull String bootstrapServers,

        @DefaultValue("runnel.") @NotNull @Pattern(regexp = "[a-zA-Z0-9._-]{0,100}")
        String topicPrefix,

        @DefaultValue("1") @Min(1) @Max(32767) short replicationFactor,
        @DefaultValue("5s") @NotNull Duration requestTimeout,
        @DefaultValue("10s") @NotNull Duration sessionTimeout,
        Map<String, String> properties) {

    public static final Kafka DEFAULTS =
            new Kafka("localhost:9092", "runnel.", (short) 1, Duration.ofSeconds(5), Duration.ofSeconds(10), Map.of());

    public Kafka {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    @AssertTrue(message = "runnel.kafka.bootstrap-servers must name at least one host:port")
    public boolean isBootstrapServersValid() {
        return bootstrapServers != null && !bootstrapServers.isBlank();
    }

    @AssertTrue(message = "the Kafka request and session timeouts must be between 100ms and 10 minutes")
    public boolean isTimeoutsValid() {
        return within(requestTimeout) && within(sessionTimeout);
    }

    private static boolean within(Duration timeout) {
        return timeout != null && timeout.toMillis() >= 100 && timeout.toMinutes() <= 10;
    }
}
