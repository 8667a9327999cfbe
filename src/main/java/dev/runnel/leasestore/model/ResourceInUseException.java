package dev.runnel.leasestore.model;

/** The table already exists, or is in a state that does not allow the change. */
public final class ResourceInUseException extends DynamoDbException {

    public ResourceInUseException(String message) {
        super(message);
    }
}
