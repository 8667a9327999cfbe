package dev.runnel.aws.dynamodb;

import dev.runnel.leasestore.IndexDefinition;
import dev.runnel.leasestore.KeySchema;
import dev.runnel.leasestore.TableDefinition;
import dev.runnel.leasestore.TableView;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A table as DynamoDB describes it ({@code TableDescription}), for CreateTable, DescribeTable and the rest. */
final class TableDescriptions {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TableDescriptions() {}

    static ObjectNode of(TableView view) {
        TableDefinition table = view.definition();
        ObjectNode node = NODES.objectNode();
        ArrayNode definitions = node.putArray("AttributeDefinitions");
        new TreeMap<>(table.attributeDefinitions())
                .forEach((name, type) ->
                        definitions.addObject().put("AttributeName", name).put("AttributeType", type));
        node.put("TableName", table.name());
        node.set("KeySchema", keySchema(table.keySchema()));
        node.put("TableStatus", view.status());
        node.put("CreationDateTime", seconds(table.createdAt().toEpochMilli()));
        node.set("ProvisionedThroughput", throughput(table.readCapacity(), table.writeCapacity()));
        node.put("TableSizeBytes", view.bytes());
        node.put("ItemCount", view.itemCount());
        node.put("TableArn", table.arn());
        node.put("TableId", table.id());
        if (table.billingMode().equals("PAY_PER_REQUEST")) {
            node.putObject("BillingModeSummary")
                    .put("BillingMode", "PAY_PER_REQUEST")
                    .put(
                            "LastUpdateToPayPerRequestDateTime",
                            seconds(table.createdAt().toEpochMilli()));
        }
        if (!table.indexes().isEmpty()) {
            ArrayNode indexes = node.putArray("GlobalSecondaryIndexes");
            for (IndexDefinition index : table.indexes()) {
                indexes.add(index(table, index, view.indexItemCounts()));
            }
        }
        node.put("DeletionProtectionEnabled", table.deletionProtection());
        return node;
    }

    private static ObjectNode index(TableDefinition table, IndexDefinition index, Map<String, Long> counts) {
        ObjectNode node = NODES.objectNode();
        node.put("IndexName", index.name());
        node.set("KeySchema", keySchema(index.keySchema()));
        ObjectNode projection = node.putObject("Projection").put("ProjectionType", index.projectionType());
        if (!index.nonKeyAttributes().isEmpty()) {
            ArrayNode names = projection.putArray("NonKeyAttributes");
            index.nonKeyAttributes().forEach(names::add);
        }
        node.put("IndexStatus", "ACTIVE");
        node.set("ProvisionedThroughput", throughput(index.readCapacity(), index.writeCapacity()));
        node.put("IndexSizeBytes", 0);
        node.put("ItemCount", counts.getOrDefault(index.name(), 0L));
        node.put("IndexArn", table.arn() + "/index/" + index.name());
        return node;
    }

    static ArrayNode keySchema(KeySchema key) {
        ArrayNode elements = NODES.arrayNode();
        elements.addObject().put("AttributeName", key.partitionKey().name()).put("KeyType", "HASH");
        key.sortKey()
                .ifPresent(sort ->
                        elements.addObject().put("AttributeName", sort.name()).put("KeyType", "RANGE"));
        return elements;
    }

    private static ObjectNode throughput(long read, long write) {
        return NODES.objectNode()
                .put("NumberOfDecreasesToday", 0)
                .put("ReadCapacityUnits", read)
                .put("WriteCapacityUnits", write);
    }

    /** DynamoDB's JSON timestamps: epoch seconds with a fraction. */
    static double seconds(long epochMillis) {
        return epochMillis / 1000.0;
    }
}
