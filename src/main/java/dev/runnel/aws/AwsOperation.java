package dev.runnel.aws;

import org.springframework.core.ResolvableType;

/**
 * One operation of the Kinesis protocol, named by {@code X-Amz-Target: Kinesis_20131202.<name>}. Each is a
 * Spring bean; {@link AwsOperations} finds them all.
 *
 * @param <I> the request shape
 */
public interface AwsOperation<I extends AwsInput> {

    /** The operation's name, e.g. {@code PutRecord}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** The request shape's class: the type argument the operation gives {@code AwsOperation}. */
    @SuppressWarnings("unchecked")
    default Class<I> inputType() {
        return (Class<I>) ResolvableType.forClass(getClass())
                .as(AwsOperation.class)
                .getGeneric(0)
                .resolve();
    }

    /**
     * Runs the operation on a validated request.
     *
     * @return the response shape, or null for an operation that answers with an empty body
     */
    Object invoke(I input, AwsContext context);
}
