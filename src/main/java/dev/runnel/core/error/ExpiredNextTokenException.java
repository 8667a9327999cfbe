package dev.runnel.core.error;

/** A pagination token is older than its validity period. */
public final class ExpiredNextTokenException extends KinesisException {
    public ExpiredNextTokenException(String message) {
        super(message);
    }
}
