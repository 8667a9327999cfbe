package dev.runnel.leasestore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a table is, as CreateTable and UpdateTable shape it. Immutable: an UpdateTable replaces the definition.
 *
 * @param attributeDefinitions the type of every key attribute of the table and its indexes, by name
 * @param billingMode {@code PAY_PER_REQUEST} or {@code PROVISIONED}
 * @param readCapacity provisioned read capacity units, 0 when on demand
 * @param writeCapacity provisioned write capacity units, 0 when on demand
 * @param createdAt when CreateTable ran
 * @param pointInTimeRecovery whether UpdateContinuousBackups turned point-in-time recovery on (recorded only)
 */
public record TableDefinition(
        String name,
        String arn,
        String id,
        KeySchema keySchema,
        Map<String, String> attributeDefinitions,
        String billingMode,
        long readCapacity,
        long writeCapacity,
        List<IndexDefinition> indexes,
        Instant createdAt,
        boolean deletionProtection,
        boolean pointInTimeRecovery) {

    public TableDefinition {
        attributeDefinitions = Map.copyOf(attributeDefinitions);
        indexes = List.copyOf(indexes);
    }

    public Optional<IndexDefinition> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }

    TableDefinition withIndexes(List<IndexDefinition> newIndexes, Map<String, String> newDefinitions) {
        return new TableDefinition(
                name,
                arn,
                id,
                keySchema,
                newDefinitions,
                billingMode,
                readCapacity,
                writeCapacity,
                newIndexes,
                createdAt,
                deletionProtection,
                pointInTimeRecovery);
    }

    TableDefinition withBilling(String newBillingMode, long newReadCapacity, long newWriteCapacity) {
        return new TableDefinition(
                name,
                arn,
                id,
                keySchema,
                attributeDefinitions,
                newBillingMode,
                newReadCapacity,
                newWriteCapacity,
                indexes,
                createdAt,
                deletionProtection,
                pointInTimeRecovery);
    }

    TableDefinition withDeletionProtection(boolean enabled) {
        return new TableDefinition(
                name,
                arn,
                id,
                keySchema,
                attributeDefinitions,
                billingMode,
                readCapacity,
                writeCapacity,
                indexes,
                createdAt,
                enabled,
                pointInTimeRecovery);
    }

    TableDefinition withPointInTimeRecovery(boolean enabled) {
        return new TableDefinition(
                name,
                arn,
                id,
                keySchema,
                attributeDefinitions,
                billingMode,
                readCapacity,
                writeCapacity,
                indexes,
                createdAt,
                deletionProtection,
                enabled);
    }
}
