package dev.runnel.leasestore;

import java.util.List;
import java.util.Map;

/**
 * A CreateTable request as the edge read it, before the store checks it.
 *
 * @param keySchema the table's key elements in request order: attribute name and {@code HASH} or {@code RANGE}
 * @param attributeDefinitions every attribute named in a key of the table or its indexes, with its type
 * @param billingMode {@code PAY_PER_REQUEST} or {@code PROVISIONED} (the default when absent)
 * @param readCapacity with PROVISIONED, the table's read capacity units; otherwise null
 * @param writeCapacity with PROVISIONED, the table's write capacity units; otherwise null
 */
public record NewTable(
        String name,
        List<KeyElement> keySchema,
        Map<String, String> attributeDefinitions,
        String billingMode,
        Long readCapacity,
        Long writeCapacity,
        List<NewIndex> indexes,
        boolean deletionProtection) {

    /** One element of a key schema. */
    public record KeyElement(String attributeName, String keyType) {}

    /** A global secondary index to create, with CreateTable or UpdateTable. */
    public record NewIndex(
            String name,
            List<KeyElement> keySchema,
            String projectionType,
            List<String> nonKeyAttributes,
            Long readCapacity,
            Long writeCapacity) {}
}
