package dev.runnel.leasestore;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A global secondary index: its name, key, and which attributes it projects ({@code ALL}, {@code KEYS_ONLY}, or
 * {@code INCLUDE} with {@code nonKeyAttributes}). An item with no value (or another type) for one of the index's
 * key attributes is not in the index.
 *
 * @param readCapacity provisioned read capacity, 0 for on-demand tables
 * @param writeCapacity provisioned write capacity, 0 for on-demand tables
 */
public record IndexDefinition(
        String name,
        KeySchema keySchema,
        String projectionType,
        List<String> nonKeyAttributes,
        long readCapacity,
        long writeCapacity) {

    public IndexDefinition {
        nonKeyAttributes = List.copyOf(nonKeyAttributes);
    }

    /** The attributes of {@code item} this index holds: its keys, the table's keys and the projected ones. */
    Map<String, AttributeValue> project(Map<String, AttributeValue> item, KeySchema tableKey) {
        if (projectionType.equals("ALL")) {
            return item;
        }
        Map<String, AttributeValue> projected = new LinkedHashMap<>(tableKey.keyAttributes(item));
        projected.putAll(keySchema.keyAttributes(item));
        for (String name : nonKeyAttributes) {
            AttributeValue value = item.get(name);
            if (value != null) {
                projected.put(name, value);
            }
        }
        return projected;
    }
}
