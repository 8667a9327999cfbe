package dev.runnel.core.stream;

/** How a stream's capacity is managed. */
public enum StreamMode {
    PROVISIONED,
    ON_DEMAND
}
