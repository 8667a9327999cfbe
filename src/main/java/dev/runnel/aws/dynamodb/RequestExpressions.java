package dev.runnel.aws.dynamodb;

import dev.runnel.leasestore.expression.Condition;
import dev.runnel.leasestore.expression.ExpressionContext;
import dev.runnel.leasestore.expression.KeyCondition;
import dev.runnel.leasestore.expression.LegacyParameters;
import dev.runnel.leasestore.expression.Projection;
import dev.runnel.leasestore.expression.Update;
import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The conditions, updates, projections and key conditions of one request, from either its expression members
 * ({@code ConditionExpression}, {@code UpdateExpression}, ... with {@code ExpressionAttributeNames/Values}) or
 * its legacy members ({@code Expected}, {@code AttributeUpdates}, ...), never both, as DynamoDB requires. Call
 * {@link #finish()} once every part was read: it refuses names and values no expression used.
 */
final class RequestExpressions {

    /** An UpdateItem with nothing to update: it writes the key alone (or leaves the item as it is). */
    static final Update NOTHING = new Update() {
        @Override
        public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
            return item;
        }

        @Override
        public Set<String> topLevelAttributes() {
            return Set.of();
        }
    };

    private final DynamoDbRequest request;
    private final ExpressionContext context;
    private final List<String> expressionMembers = new ArrayList<>();
    private final List<String> legacyMembers = new ArrayList<>();

    RequestExpressions(DynamoDbRequest request) {
        this.request = request;
        this.context = new ExpressionContext(
                request.stringMap("ExpressionAttributeNames"), request.item("ExpressionAttributeValues"));
    }

    /** ConditionExpression, or Expected with ConditionalOperator; null when the request has neither. */
    Condition condition() {
        String expression = expression("ConditionExpression");
        JsonNode expected = legacy("Expected");
        if (expression != null) {
            return context.condition(expression, "ConditionExpression");
        }
        return expected == null
                ? null
                : LegacyParameters.expected(LegacyJson.expected(expected), conditionalOperator());
    }

    /** FilterExpression, or the legacy filter member (ScanFilter or QueryFilter); null when neither. */
    Condition filter(String legacyMember) {
        String expression = expression("FilterExpression");
        JsonNode filter = legacy(legacyMember);
        if (expression != null) {
            return context.condition(expression, "FilterExpression");
        }
        return filter == null ? null : LegacyParameters.filter(LegacyJson.conditions(filter), conditionalOperator());
    }

    Update update() {
        String expression = expression("UpdateExpression");
        JsonNode updates = legacy("AttributeUpdates");
        if (expression != null) {
            return context.update(expression);
        }
        return updates == null ? NOTHING : LegacyParameters.attributeUpdates(LegacyJson.updates(updates));
    }

    /** ProjectionExpression or AttributesToGet; null for every attribute. */
    Projection projection() {
        String expression = expression("ProjectionExpression");
        JsonNode names = legacy("AttributesToGet");
        if (expression != null) {
            return context.projection(expression);
        }
        if (names == null) {
            return null;
        }
        List<String> attributes = new ArrayList<>();
        for (JsonNode name : DynamoDbRequest.elements(names, "AttributesToGet")) {
            attributes.add(name.asString(""));
        }
        return LegacyParameters.attributesToGet(attributes);
    }

    /** KeyConditionExpression or KeyConditions, checked against the key schema read (sort key name null if none). */
    KeyCondition keyCondition(String partitionKeyName, String sortKeyName) {
        String expression = expression("KeyConditionExpression");
        JsonNode conditions = legacy("KeyConditions");
        if (expression != null) {
            return context.keyCondition(expression, partitionKeyName, sortKeyName);
        }
        if (conditions == null) {
            throw new ValidationException("Either the KeyConditions or KeyConditionExpression parameter must be"
                    + " specified in the request.");
        }
        return LegacyParameters.keyConditions(LegacyJson.conditions(conditions), partitionKeyName, sortKeyName);
    }

    /** Refuses mixed parameters, names or values given without expressions, and names or values left unused. */
    void finish() {
        if (!expressionMembers.isEmpty() && !legacyMembers.isEmpty()) {
            throw new ValidationException("Can not use both expression and non-expression parameters in the same"
                    + " request: Non-expression parameters: " + braces(legacyMembers) + " Expression parameters: "
                    + braces(expressionMembers));
        }
        if (expressionMembers.isEmpty()) {
            for (String member : List.of("ExpressionAttributeNames", "ExpressionAttributeValues")) {
                if (request.has(member)) {
                    throw new ValidationException(member + " can only be specified when using expressions");
                }
            }
            return;
        }
        context.checkAllUsed();
    }

    private String conditionalOperator() {
        String operator = request.choice("ConditionalOperator", null, "AND", "OR");
        if (operator != null) {
            legacyMembers.add("ConditionalOperator");
        }
        return operator;
    }

    private String expression(String member) {
        String text = request.string(member);
        if (text != null) {
            expressionMembers.add(member);
        }
        return text;
    }

    private JsonNode legacy(String member) {
        JsonNode node = request.node(member);
        if (node != null) {
            legacyMembers.add(member);
        }
        return node;
    }

    private static String braces(List<String> members) {
        return "{" + String.join(", ", new LinkedHashSet<>(members)) + "}";
    }
}
