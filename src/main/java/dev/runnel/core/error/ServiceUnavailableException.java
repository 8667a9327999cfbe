package dev.runnel.core.error;

/**
 * Runnel cannot answer now because something it depends on is out of reach (the Kafka cluster of a Kafka-backed
 * store): AWS's {@code ServiceUnavailable} (503), which every AWS SDK retries with backoff. Nothing the call asked for
 * was acknowledged; the client may retry, on this node or another.
 */
public final class ServiceUnavailableException extends KinesisException {
    public ServiceUnavailableException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "ServiceUnavailable";
    }
}
