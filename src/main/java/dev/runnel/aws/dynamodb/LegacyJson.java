package dev.runnel.aws.dynamodb;

import dev.runnel.leasestore.AttributeValueJson;
import dev.runnel.leasestore.expression.LegacyParameters;
import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The legacy (pre-expression) members read from JSON: Expected, AttributeUpdates, KeyConditions, filters. */
final class LegacyJson {

    private LegacyJson() {}

    static Map<String, LegacyParameters.ExpectedAttribute> expected(JsonNode node) {
        Map<String, LegacyParameters.ExpectedAttribute> expected = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : DynamoDbRequest.objectMembers(node, "Expected")) {
            JsonNode e = entry.getValue();
            JsonNode exists = e.get("Exists");
            if (exists != null && !exists.isNull() && !exists.isBoolean()) {
                throw new ValidationException("1 validation error detected: Value at 'expected." + entry.getKey()
                        + ".member.exists' failed to satisfy constraint: Member must be a boolean");
            }
            expected.put(
                    entry.getKey(),
                    new LegacyParameters.ExpectedAttribute(
                            optionalValue(e.get("Value")),
                            exists == null || exists.isNull() ? null : exists.booleanValue(),
                            text(e.get("ComparisonOperator")),
                            values(e.get("AttributeValueList"))));
        }
        return expected;
    }

    static Map<String, LegacyParameters.LegacyCondition> conditions(JsonNode node) {
        Map<String, LegacyParameters.LegacyCondition> conditions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : DynamoDbRequest.objectMembers(node, "Conditions")) {
            JsonNode c = entry.getValue();
            conditions.put(
                    entry.getKey(),
                    new LegacyParameters.LegacyCondition(
                            text(c.get("ComparisonOperator")), values(c.get("AttributeValueList"))));
        }
        return conditions;
    }

    static Map<String, LegacyParameters.AttributeUpdate> updates(JsonNode node) {
        Map<String, LegacyParameters.AttributeUpdate> updates = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : DynamoDbRequest.objectMembers(node, "AttributeUpdates")) {
            JsonNode u = entry.getValue();
            updates.put(
                    entry.getKey(),
                    new LegacyParameters.AttributeUpdate(optionalValue(u.get("Value")), text(u.get("Action"))));
        }
        return updates;
    }

    private static AttributeValue optionalValue(JsonNode node) {
        return node == null || node.isNull() ? null : AttributeValueJson.value(node, 0);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new ValidationException("1 validation error detected: Value at 'comparisonOperator' failed to"
                    + " satisfy constraint: Member must be a string");
        }
        return node.stringValue();
    }

    /** The AttributeValueList member; null when absent (the legacy rules tell absent from empty). */
    private static List<AttributeValue> values(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<AttributeValue> values = new ArrayList<>();
        for (JsonNode element : DynamoDbRequest.elements(node, "AttributeValueList")) {
            values.add(AttributeValueJson.value(element, 0));
        }
        return values;
    }
}
