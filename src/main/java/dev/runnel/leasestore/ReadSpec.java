package dev.runnel.leasestore;

import dev.runnel.leasestore.expression.Condition;
import dev.runnel.leasestore.expression.KeyCondition;
import dev.runnel.leasestore.expression.Projection;
import dev.runnel.leasestore.model.AttributeValue;
import java.util.Map;
import java.util.Optional;

/**
 * What one Scan or Query page reads.
 *
 * @param indexName a global secondary index to read instead of the table, or {@code null}
 * @param keyCondition the Query's key condition; {@code null} for a Scan
 * @param filter applied after the items are read (they still count as scanned), or {@code null}
 * @param projection the attributes returned, or {@code null} for all (of the index's projection)
 * @param limit the most items evaluated (before the filter), 1 or more
 * @param forward a Query's order (ScanIndexForward)
 * @param exclusiveStartKey the previous page's LastEvaluatedKey, or {@code null}
 * @param segment a parallel Scan's segment, with {@code totalSegments}; empty for a whole-table scan
 * @param countOnly Select=COUNT: count, return no items
 */
public record ReadSpec(
        String indexName,
        KeyCondition keyCondition,
        Condition filter,
        Projection projection,
        int limit,
        boolean forward,
        Map<String, AttributeValue> exclusiveStartKey,
        Optional<Segment> segment,
        boolean countOnly) {

    /** One of {@code total} disjoint parts of a table a parallel Scan reads. */
    public record Segment(int segment, int total) {}
}
