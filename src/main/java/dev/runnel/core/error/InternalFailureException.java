package dev.runnel.core.error;

/** Runnel failed for a reason that is not the caller's fault. */
public final class InternalFailureException extends KinesisException {
    public InternalFailureException(String message) {
        super(message);
    }
}
