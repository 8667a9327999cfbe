package dev.runnel.leasestore.model;

/** The table (or index) named does not exist, or is not ACTIVE for a data-plane call. */
public final class ResourceNotFoundException extends DynamoDbException {

    public ResourceNotFoundException(String message) {
        super(message);
    }

    /** DynamoDB's wording for a table that is not there. */
    public static ResourceNotFoundException table(String tableName) {
        return new ResourceNotFoundException("Requested resource not found: Table: " + tableName + " not found");
    }
}
