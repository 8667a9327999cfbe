package dev.runnel.core.error;

/** A shard iterator is older than its validity period. */
public final class ExpiredIteratorException extends KinesisException {
    public ExpiredIteratorException(String message) {
        super(message);
    }
}
