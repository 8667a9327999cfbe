package dev.runnel.leasestore;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.Comparator;

/**
 * The key of one item in a table or index: its partition value and, for a table with a sort key, its sort value
 * ({@code null} otherwise). Ordered by partition (type, then value) and within a partition by sort value, as
 * DynamoDB orders a partition's items: strings by UTF-8 bytes, numbers by value, binaries by unsigned bytes.
 */
public record PrimaryKey(AttributeValue partition, AttributeValue sort) implements Comparable<PrimaryKey> {

    private static final Comparator<AttributeValue> SCALARS =
            Comparator.comparing(AttributeValue::type).thenComparing(AttributeValue::compare);

    @Override
    public int compareTo(PrimaryKey other) {
        int byPartition = SCALARS.compare(partition, other.partition);
        if (byPartition != 0) {
            return byPartition;
        }
        if (sort == null || other.sort == null) {
            return sort == null ? (other.sort == null ? 0 : -1) : 1;
        }
        return SCALARS.compare(sort, other.sort);
    }
}
