package dev.runnel.leasestore.model;

/**
 * The lease store could not do what it was asked for a reason of its own (today: saving a changed table in the data
 * directory failed); nothing was changed. DynamoDB's {@code InternalServerError}, a 500 that the AWS SDKs retry.
 */
public final class InternalServerErrorException extends DynamoDbException {

    public InternalServerErrorException(String message) {
        super(message);
    }

    /** DynamoDB's code, which unlike the others does not end in {@code Exception}. */
    @Override
    public String errorType() {
        return "InternalServerError";
    }

    @Override
    public int status() {
        return 500;
    }
}
