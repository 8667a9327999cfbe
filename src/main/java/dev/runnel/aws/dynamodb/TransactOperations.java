package dev.runnel.aws.dynamodb;

import dev.runnel.leasestore.TableRules;
import dev.runnel.leasestore.TransactAction;
import dev.runnel.leasestore.expression.Condition;
import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** TransactWriteItems: up to 100 Put, Update, Delete and ConditionCheck actions, all applied or none. */
final class TransactOperations {

    static final int MAX_ACTIONS = 100;
    private static final List<String> KINDS = List.of("ConditionCheck", "Put", "Delete", "Update");

    private TransactOperations() {}

    static JsonNode transactWriteItems(DynamoDbRequest request) {
        JsonNode items = request.node("TransactItems");
        if (items == null) {
            throw DynamoDbRequest.missing("TransactItems");
        }
        List<JsonNode> elements = DynamoDbRequest.elements(items, "TransactItems");
        if (elements.isEmpty() || elements.size() > MAX_ACTIONS) {
            throw new ValidationException("1 validation error detected: Value at 'transactItems' failed to satisfy"
                    + " constraint: Member must have length less than or equal to " + MAX_ACTIONS
                    + " and greater than or equal to 1");
        }
        String token = request.string("ClientRequestToken");
        if (token != null && (token.isEmpty() || token.length() > 36)) {
            throw new ValidationException("1 validation error detected: Value at 'clientRequestToken' failed to"
                    + " satisfy constraint: Member must have length less than or equal to 36");
        }
        List<TransactAction> actions = new ArrayList<>();
        for (JsonNode element : elements) {
            actions.add(action(request, element));
        }
        request.tables().transact(actions);
        return TableDescriptions.NODES.objectNode();
    }

    private static TransactAction action(DynamoDbRequest request, JsonNode element) {
        List<String> kinds = KINDS.stream().filter(element::hasNonNull).toList();
        if (kinds.size() != 1) {
            throw new ValidationException("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        String kind = kinds.get(0);
        DynamoDbRequest action = new DynamoDbRequest(element.get(kind), request.tables());
        String table = TableRules.checkName(action.string("TableName"), "tableName");
        RequestExpressions expressions = new RequestExpressions(action);
        boolean returnOnFailure = ItemOperations.returnOnFailure(action);
        TransactAction result = switch (kind) {
            case "Put" ->
                new TransactAction.Put(table, action.requiredItem("Item"), expressions.condition(), returnOnFailure);
            case "Update" ->
                new TransactAction.UpdateItem(
                        table,
                        action.requiredItem("Key"),
                        expressions.update(),
                        expressions.condition(),
                        returnOnFailure);
            case "Delete" ->
                new TransactAction.Delete(table, action.requiredItem("Key"), expressions.condition(), returnOnFailure);
            default ->
                new TransactAction.Check(
                        table, action.requiredItem("Key"), required(expressions.condition()), returnOnFailure);
        };
        expressions.finish();
        return result;
    }

    private static Condition required(Condition condition) {
        if (condition == null) {
            throw DynamoDbRequest.missing("ConditionExpression");
        }
        return condition;
    }
}
