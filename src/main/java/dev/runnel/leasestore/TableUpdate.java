package dev.runnel.leasestore;

import java.util.List;
import java.util.Map;

/**
 * An UpdateTable request as the edge read it. Null fields leave the table as it is.
 *
 * @param attributeDefinitions definitions of the key attributes of indexes being created (added to the table's)
 * @param createIndexes global secondary indexes to add
 * @param deleteIndexes names of global secondary indexes to remove
 */
public record TableUpdate(
        Map<String, String> attributeDefinitions,
        List<NewTable.NewIndex> createIndexes,
        List<String> deleteIndexes,
        String billingMode,
        Long readCapacity,
        Long writeCapacity,
        Boolean deletionProtection) {}
