package dev.runnel.core.error;

/** A request body could not be decoded, or a value has the wrong type. */
public final class SerializationException extends KinesisException {
    public SerializationException(String message) {
        super(message);
    }
}
