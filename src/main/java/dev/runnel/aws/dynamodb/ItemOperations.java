package dev.runnel.aws.dynamodb;

import dev.runnel.leasestore.AttributeValueJson;
import dev.runnel.leasestore.WriteOutcome;
import dev.runnel.leasestore.expression.Condition;
import dev.runnel.leasestore.expression.Projection;
import dev.runnel.leasestore.expression.Update;
import dev.runnel.leasestore.model.AttributeValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The single-item operations: GetItem, PutItem, UpdateItem, DeleteItem. */
final class ItemOperations {

    private ItemOperations() {}

    static JsonNode getItem(DynamoDbRequest request) {
        String table = request.tableName();
        Map<String, AttributeValue> key = request.requiredItem("Key");
        request.bool("ConsistentRead");
        RequestExpressions expressions = new RequestExpressions(request);
        Projection projection = expressions.projection();
        expressions.finish();
        ObjectNode answer = TableDescriptions.NODES.objectNode();
        request.tables()
                .get(table, key)
                .map(item -> projection == null ? item : projection.apply(item))
                .ifPresent(item -> answer.set("Item", AttributeValueJson.write(item)));
        consumedCapacity(request, table, answer);
        return answer;
    }

    static JsonNode putItem(DynamoDbRequest request) {
        String table = request.tableName();
        Map<String, AttributeValue> item = request.requiredItem("Item");
        String returnValues = request.choice("ReturnValues", "NONE", "NONE", "ALL_OLD");
        RequestExpressions expressions = new RequestExpressions(request);
        Condition condition = expressions.condition();
        expressions.finish();
        WriteOutcome outcome = request.tables().put(table, item, condition, returnOnFailure(request));
        return answer(request, table, returnValues.equals("ALL_OLD") ? outcome.oldItem() : Optional.empty());
    }

    static JsonNode updateItem(DynamoDbRequest request) {
        String table = request.tableName();
        Map<String, AttributeValue> key = request.requiredItem("Key");
        String returnValues =
                request.choice("ReturnValues", "NONE", "NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
        RequestExpressions expressions = new RequestExpressions(request);
        Update update = expressions.update();
        Condition condition = expressions.condition();
        expressions.finish();
        WriteOutcome outcome = request.tables().update(table, key, update, condition, returnOnFailure(request));
        Optional<Map<String, AttributeValue>> attributes = switch (returnValues) {
            case "ALL_OLD" -> outcome.oldItem();
            case "ALL_NEW" -> outcome.newItem();
            case "UPDATED_OLD" -> outcome.oldItem().map(i -> updated(i, update));
            case "UPDATED_NEW" -> outcome.newItem().map(i -> updated(i, update));
            default -> Optional.empty();
        };
        return answer(request, table, attributes.filter(a -> !a.isEmpty()));
    }

    static JsonNode deleteItem(DynamoDbRequest request) {
        String table = request.tableName();
        Map<String, AttributeValue> key = request.requiredItem("Key");
        String returnValues = request.choice("ReturnValues", "NONE", "NONE", "ALL_OLD");
        RequestExpressions expressions = new RequestExpressions(request);
        Condition condition = expressions.condition();
        expressions.finish();
        WriteOutcome outcome = request.tables().delete(table, key, condition, returnOnFailure(request));
        return answer(request, table, returnValues.equals("ALL_OLD") ? outcome.oldItem() : Optional.empty());
    }

    /** ReturnValuesOnConditionCheckFailure=ALL_OLD: a failed condition answers with the stored item. */
    static boolean returnOnFailure(DynamoDbRequest request) {
        return request.choice("ReturnValuesOnConditionCheckFailure", "NONE", "NONE", "ALL_OLD")
                .equals("ALL_OLD");
    }

    private static Map<String, AttributeValue> updated(Map<String, AttributeValue> item, Update update) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        for (String name : update.topLevelAttributes()) {
            AttributeValue value = item.get(name);
            if (value != null) {
                attributes.put(name, value);
            }
        }
        return attributes;
    }

    private static JsonNode answer(
            DynamoDbRequest request, String table, Optional<Map<String, AttributeValue>> attributes) {
        ObjectNode answer = TableDescriptions.NODES.objectNode();
        attributes.ifPresent(a -> answer.set("Attributes", AttributeValueJson.write(a)));
        consumedCapacity(request, table, answer);
        return answer;
    }

    /** ReturnConsumedCapacity TOTAL or INDEXES: one capacity unit per call (Runnel does not meter capacity). */
    static void consumedCapacity(DynamoDbRequest request, String table, ObjectNode answer) {
        String mode = request.choice("ReturnConsumedCapacity", "NONE", "INDEXES", "TOTAL", "NONE");
        if (!mode.equals("NONE")) {
            answer.putObject("ConsumedCapacity").put("TableName", table).put("CapacityUnits", 1.0);
        }
    }
}
