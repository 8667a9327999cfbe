package dev.runnel.leasestore.model;

import java.util.Map;
import java.util.Optional;

/**
 * A condition ({@code ConditionExpression} or {@code Expected}) was false for the item as stored; nothing was
 * written. Carries that item when the request asked for it ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}).
 */
public final class ConditionalCheckFailedException extends DynamoDbException {

    private final transient Map<String, AttributeValue> item;

    public ConditionalCheckFailedException(Map<String, AttributeValue> item) {
        super("The conditional request failed");
        this.item = item;
    }

    public ConditionalCheckFailedException() {
        this(null);
    }

    /** The item as stored when the check failed, if the request asked for it and one existed. */
    public Optional<Map<String, AttributeValue>> item() {
        return Optional.ofNullable(item);
    }
}
