package dev.runnel.leasestore.model;

/** Too many tables, indexes or concurrent table changes. */
public final class LimitExceededException extends DynamoDbException {

    public LimitExceededException(String message) {
        super(message);
    }
}
