package dev.runnel.aws.dynamodb;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The DynamoDB operations Runnel's lease store answers: the ones the Kinesis Client Library (2.x and 3.x, with the
 * DynamoDB lock client and the enhanced client it uses) calls, found by running it. Any other operation is an
 * UnknownOperationException naming it.
 */
final class DynamoDbOperations {

    static final String TARGET_PREFIX = "DynamoDB_20120810.";

    private static final Map<String, DynamoDbOperation> OPERATIONS = Map.ofEntries(
            Map.entry("CreateTable", TableOperations::createTable),
            Map.entry("DescribeTable", TableOperations::describeTable),
            Map.entry("UpdateTable", TableOperations::updateTable),
            Map.entry("DeleteTable", TableOperations::deleteTable),
            Map.entry("ListTables", TableOperations::listTables),
            Map.entry("UpdateContinuousBackups", TableOperations::updateContinuousBackups),
            Map.entry("DescribeContinuousBackups", TableOperations::describeContinuousBackups),
            Map.entry("GetItem", ItemOperations::getItem),
            Map.entry("PutItem", ItemOperations::putItem),
            Map.entry("UpdateItem", ItemOperations::updateItem),
            Map.entry("DeleteItem", ItemOperations::deleteItem),
            Map.entry("Scan", ReadOperations::scan),
            Map.entry("Query", ReadOperations::query),
            Map.entry("TransactWriteItems", TransactOperations::transactWriteItems));

    private DynamoDbOperations() {}

    static Set<String> names() {
        return OPERATIONS.keySet();
    }

    /** The operation a target such as {@code DynamoDB_20120810.GetItem} names, if the lease store has it. */
    static Optional<DynamoDbOperation> of(String target) {
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(OPERATIONS.get(target.substring(TARGET_PREFIX.length())));
    }
}
