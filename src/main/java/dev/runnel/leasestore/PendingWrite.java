package dev.runnel.leasestore;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.Map;

/**
 * One write a table has checked but not yet applied: the item's key, the item before ({@code null} if there was
 * none) and after ({@code null} to delete it; equal to {@code before} for a condition check).
 */
record PendingWrite(
        Table table, PrimaryKey key, Map<String, AttributeValue> before, Map<String, AttributeValue> after) {

    /** How many bytes (as {@link ItemSize} counts them) the table grows by when this is applied; may be negative. */
    long byteDelta() {
        return (after == null ? 0 : ItemSize.of(after)) - (before == null ? 0 : ItemSize.of(before));
    }

    WriteOutcome outcome() {
        return new WriteOutcome(before, after);
    }
}
