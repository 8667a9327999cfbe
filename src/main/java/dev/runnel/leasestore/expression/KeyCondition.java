package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed key condition ({@code KeyConditionExpression} or the legacy {@code KeyConditions}): equality on the
 * partition key, and optionally a condition on the sort key.
 *
 * <p>Parsed without the key schema, a condition with two equalities names the first as the partition key; call
 * {@link #forSchema} to put it right and to get DynamoDB's errors for conditions that do not fit the table's keys.
 *
 * @param partitionKey the partition key attribute's name
 * @param partitionValue the value the partition key must equal
 * @param sortKey the condition on the sort key, if any
 */
public record KeyCondition(String partitionKey, AttributeValue partitionValue, Optional<SortKeyCondition> sortKey) {

    public KeyCondition {
        sortKey = sortKey == null ? Optional.empty() : sortKey;
    }

    /**
     * This condition checked against a table's (or index's) key schema, as DynamoDB checks a query: the partition
     * key must have an equality ({@code Query condition missed key schema element: pk}, {@code Query key
     * condition not supported}) and a second condition must be on the sort key.
     *
     * @param partitionKeyName the schema's partition key
     * @param sortKeyName the schema's sort key, null if it has none
     * @throws dev.runnel.leasestore.model.ValidationException if the condition does not fit the schema
     */
    public KeyCondition forSchema(String partitionKeyName, String sortKeyName) {
        List<KeyConditionTerms.Term> terms = new ArrayList<>();
        terms.add(new KeyConditionTerms.Term(partitionKey, SortKeyCondition.Operator.EQ, List.of(partitionValue)));
        sortKey.ifPresent(s -> terms.add(new KeyConditionTerms.Term(s.attribute(), s.operator(), s.operands())));
        return KeyConditionTerms.withSchema(terms, partitionKeyName, sortKeyName);
    }

    /** Whether an item (or key) satisfies the condition. */
    public boolean test(Map<String, AttributeValue> item) {
        return partitionValue.equals(item.get(partitionKey))
                && sortKey.map(s -> s.test(item.get(s.attribute()))).orElse(true);
    }
}
