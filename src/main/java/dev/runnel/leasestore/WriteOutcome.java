package dev.runnel.leasestore;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.Map;
import java.util.Optional;

/** What a PutItem, UpdateItem or DeleteItem changed: the item before and after (each absent if there was none). */
public record WriteOutcome(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {

    public Optional<Map<String, AttributeValue>> oldItem() {
        return Optional.ofNullable(before);
    }

    public Optional<Map<String, AttributeValue>> newItem() {
        return Optional.ofNullable(after);
    }
}
