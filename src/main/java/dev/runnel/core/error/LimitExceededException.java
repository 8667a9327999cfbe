package dev.runnel.core.error;

/** A quota was hit: the account shard limit, a control-plane rate, or Runnel's memory budget. */
public final class LimitExceededException extends KinesisException {
    public LimitExceededException(String message) {
        super(message);
    }
}
