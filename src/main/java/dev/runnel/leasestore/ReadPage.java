package dev.runnel.leasestore;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a Scan or Query.
 *
 * @param items the matching items, projected (empty when only counting)
 * @param count how many items matched the filter
 * @param scannedCount how many items were evaluated, before the filter
 * @param lastEvaluatedKey where the next page starts ({@code ExclusiveStartKey}); {@code null} on the last page
 */
public record ReadPage(
        List<Map<String, AttributeValue>> items,
        int count,
        int scannedCount,
        Map<String, AttributeValue> lastEvaluatedKey) {

    public Optional<Map<String, AttributeValue>> nextKey() {
        return Optional.ofNullable(lastEvaluatedKey);
    }
}
