package dev.runnel.core.error;

/** A stream or shard does not exist, or cannot be used yet. */
public final class ResourceNotFoundException extends KinesisException {
    public ResourceNotFoundException(String message) {
        super(message);
    }
}
