package dev.runnel.core.error;

/** A shard's read or write throughput limit was exceeded. */
public final class ProvisionedThroughputExceededException extends KinesisException {
    public ProvisionedThroughputExceededException(String message) {
        super(message);
    }
}
