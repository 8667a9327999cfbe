package dev.runnel.core.error;

/** A request argument breaks a semantic rule of Kinesis. */
public final class InvalidArgumentException extends KinesisException {
    public InvalidArgumentException(String message) {
        super(message);
    }
}
