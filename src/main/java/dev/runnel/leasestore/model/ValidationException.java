package dev.runnel.leasestore.model;

/** A request DynamoDB would refuse as malformed or inconsistent: bad shapes, expressions, keys or values. */
public final class ValidationException extends DynamoDbException {

    public ValidationException(String message) {
        super(message);
    }

    /** DynamoDB sends this one from its validation framework's namespace. */
    @Override
    public String wireType() {
        return "com.amazon.coral.validate#ValidationException";
    }
}
