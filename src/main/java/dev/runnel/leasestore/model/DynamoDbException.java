package dev.runnel.leasestore.model;

/**
 * The error family of the lease store, named after the DynamoDB exception types a client sees. The DynamoDB
 * edge sends {@link #wireType()} as {@code __type} (with the namespace prefix DynamoDB uses, which the AWS SDKs
 * strip) and {@link #getMessage()} as {@code message}; every one is a 400 unless {@link #status()} says otherwise.
 */
public abstract sealed class DynamoDbException extends RuntimeException
        permits ValidationException,
                ResourceNotFoundException,
                ResourceInUseException,
                ConditionalCheckFailedException,
                TransactionCanceledException,
                LimitExceededException,
                InternalServerErrorException {

    private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";

    protected DynamoDbException(String message) {
        super(message, null, false, false);
    }

    /** The short error code, e.g. {@code ConditionalCheckFailedException}. */
    public String errorType() {
        return getClass().getSimpleName();
    }

    /** The {@code __type} DynamoDB sends: its namespace, {@code #}, the short code. */
    public String wireType() {
        return DYNAMODB + errorType();
    }

    public int status() {
        return 400;
    }
}
