package dev.runnel.aws.dynamodb;

import dev.runnel.leasestore.NewTable;
import dev.runnel.leasestore.TableUpdate;
import dev.runnel.leasestore.TableView;
import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The table operations KCL calls: CreateTable, DescribeTable, UpdateTable, DeleteTable, ListTables, backups. */
final class TableOperations {

    private TableOperations() {}

    static JsonNode createTable(DynamoDbRequest request) {
        String name = request.tableName();
        var definitions = TableShapes.attributeDefinitions(request.node("AttributeDefinitions"), true);
        List<NewTable.NewIndex> indexes = new ArrayList<>();
        for (JsonNode index :
                DynamoDbRequest.elements(request.node("GlobalSecondaryIndexes"), "GlobalSecondaryIndexes")) {
            indexes.add(TableShapes.index(request, index, "GlobalSecondaryIndexes"));
        }
        if (request.has("LocalSecondaryIndexes")) {
            throw new ValidationException("Runnel's lease store does not support LocalSecondaryIndexes");
        }
        JsonNode throughput = request.node("ProvisionedThroughput");
        NewTable table = new NewTable(
                name,
                TableShapes.keySchema(request.node("KeySchema"), "KeySchema"),
                definitions,
                request.choice("BillingMode", null, "PROVISIONED", "PAY_PER_REQUEST"),
                request.positiveLong(throughput, "ReadCapacityUnits"),
                request.positiveLong(throughput, "WriteCapacityUnits"),
                indexes,
                Boolean.TRUE.equals(request.bool("DeletionProtectionEnabled")));
        return described(request.tables().create(table));
    }

    static JsonNode describeTable(DynamoDbRequest request) {
        ObjectNode answer = TableDescriptions.NODES.objectNode();
        answer.set("Table", TableDescriptions.of(request.tables().describe(request.tableName())));
        return answer;
    }

    static JsonNode updateTable(DynamoDbRequest request) {
        String name = request.tableName();
        List<NewTable.NewIndex> creates = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (JsonNode update :
                DynamoDbRequest.elements(request.node("GlobalSecondaryIndexUpdates"), "GlobalSecondaryIndexUpdates")) {
            if (update.hasNonNull("Create")) {
                creates.add(TableShapes.index(request, update.get("Create"), "GlobalSecondaryIndexUpdates"));
            } else if (update.hasNonNull("Delete")) {
                deletes.add(TableShapes.text(update.get("Delete"), "IndexName", "GlobalSecondaryIndexUpdates"));
            } else if (!update.hasNonNull("Update")) {
                throw new ValidationException("One or more parameter values were invalid: One of GlobalSecondaryIndex"
                        + "Updates' Create, Update or Delete must be specified");
            }
        }
        JsonNode throughput = request.node("ProvisionedThroughput");
        TableUpdate update = new TableUpdate(
                request.has("AttributeDefinitions")
                        ? TableShapes.attributeDefinitions(request.node("AttributeDefinitions"), false)
                        : null,
                creates,
                deletes,
                request.choice("BillingMode", null, "PROVISIONED", "PAY_PER_REQUEST"),
                request.positiveLong(throughput, "ReadCapacityUnits"),
                request.positiveLong(throughput, "WriteCapacityUnits"),
                request.bool("DeletionProtectionEnabled"));
        ObjectNode answer = TableDescriptions.NODES.objectNode();
        answer.set("TableDescription", TableDescriptions.of(request.tables().update(name, update)));
        return answer;
    }

    static JsonNode deleteTable(DynamoDbRequest request) {
        return described(request.tables().delete(request.tableName()));
    }

    static JsonNode listTables(DynamoDbRequest request) {
        String start = request.string("ExclusiveStartTableName");
        Integer requested = request.integer("Limit", 1, 100);
        int limit = requested == null ? 100 : requested;
        List<String> names = request.tables().names(start, limit + 1);
        ObjectNode answer = TableDescriptions.NODES.objectNode();
        ArrayNode listed = answer.putArray("TableNames");
        names.stream().limit(limit).forEach(listed::add);
        if (names.size() > limit) {
            answer.put("LastEvaluatedTableName", names.get(limit - 1));
        }
        return answer;
    }

    static JsonNode updateContinuousBackups(DynamoDbRequest request) {
        String name = request.tableName();
        JsonNode specification = request.node("PointInTimeRecoverySpecification");
        JsonNode enabled = specification == null ? null : specification.get("PointInTimeRecoveryEnabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw DynamoDbRequest.missing("PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled");
        }
        return backups(request.tables().pointInTimeRecovery(name, enabled.booleanValue()));
    }

    static JsonNode describeContinuousBackups(DynamoDbRequest request) {
        return backups(request.tables().describe(request.tableName()));
    }

    private static JsonNode backups(TableView table) {
        ObjectNode answer = TableDescriptions.NODES.objectNode();
        ObjectNode description = answer.putObject("ContinuousBackupsDescription");
        description.put("ContinuousBackupsStatus", "ENABLED");
        description
                .putObject("PointInTimeRecoveryDescription")
                .put("PointInTimeRecoveryStatus", table.definition().pointInTimeRecovery() ? "ENABLED" : "DISABLED");
        return answer;
    }

    private static JsonNode described(TableView view) {
        ObjectNode answer = TableDescriptions.NODES.objectNode();
        answer.set("TableDescription", TableDescriptions.of(view));
        return answer;
    }
}
