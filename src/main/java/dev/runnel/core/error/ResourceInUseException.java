package dev.runnel.core.error;

/** A stream is in the wrong state for the request, or its name is taken. */
public final class ResourceInUseException extends KinesisException {
    public ResourceInUseException(String message) {
        super(message);
    }
}
