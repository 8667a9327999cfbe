package dev.runnel.core.error;

/**
 * The one error family of Runnel. Each subtype is named after the Kinesis exception type a client sees
 * (the AWS edge sends {@link #errorType()} as {@code __type}; the REST edge uses it as the problem type),
 * and carries a message worded as AWS words it.
 *
 * <p>Edges map these to the wire in exactly one place each; a test checks that every permitted subtype has a
 * row in both tables.
 */
public abstract sealed class KinesisException extends RuntimeException
        permits ResourceNotFoundException,
                ResourceInUseException,
                InvalidArgumentException,
                ValidationException,
                LimitExceededException,
                ProvisionedThroughputExceededException,
                ExpiredIteratorException,
                ExpiredNextTokenException,
                SerializationException,
                InternalFailureException,
                ServiceUnavailableException {

    protected KinesisException(String message) {
        super(message, null, false, false);
    }

    /** The Kinesis error code, e.g. {@code ResourceNotFoundException}. */
    public String errorType() {
        return getClass().getSimpleName();
    }
}
