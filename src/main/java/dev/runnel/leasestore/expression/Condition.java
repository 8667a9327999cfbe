package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.Map;
import java.util.Set;

/**
 * A parsed condition ({@code ConditionExpression}, {@code FilterExpression}, or the legacy {@code Expected},
 * {@code ScanFilter} and {@code QueryFilter}). Immutable and thread-safe; evaluating never throws.
 */
public interface Condition {

    /**
     * Whether the item satisfies the condition.
     *
     * @param item the item's attributes; an empty map when there is no item (a put of a new key)
     */
    boolean test(Map<String, AttributeValue> item);

    /**
     * The top-level attributes the condition reads, for DynamoDB's rule that a query's filter may not name a key
     * attribute ({@code Filter Expression can only contain non-primary key attributes}).
     */
    default Set<String> topLevelAttributes() {
        return Set.of();
    }
}
