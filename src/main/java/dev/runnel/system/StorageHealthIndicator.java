package dev.runnel.system;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code storage} component of {@code /actuator/health}: UP with what the store says about itself (for Kafka:
 * the cluster id, brokers, this node and the live nodes), DOWN with the reason while the store cannot be reached.
 */
@Component("storage")
class StorageHealthIndicator implements HealthIndicator {

    private final StorageAdapters adapters;

    StorageHealthIndicator(StorageAdapters adapters) {
        this.adapters = adapters;
    }

    @Override
    public Health health() {
        try {
            return Health.up().withDetails(adapters.health()).build();
        } catch (RuntimeException e) {
            return Health.down()
                    .withDetail("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
