package dev.runnel.aws.dynamodb;

import dev.runnel.leasestore.AttributeValueJson;
import dev.runnel.leasestore.RegionTables;
import dev.runnel.leasestore.TableRules;
import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One DynamoDB call's body and the region's tables it is for, with typed access to the body's members. A member
 * of the wrong JSON type or outside its bounds is a ValidationException worded as DynamoDB words it
 * ({@code 1 validation error detected: Value ... at 'limit' failed to satisfy constraint: ...}).
 */
final class DynamoDbRequest {

    private final JsonNode body;
    private final RegionTables tables;

    DynamoDbRequest(JsonNode body, RegionTables tables) {
        this.body = body;
        this.tables = tables;
    }

    RegionTables tables() {
        return tables;
    }

    JsonNode node(String member) {
        JsonNode node = body.get(member);
        return node == null || node.isNull() ? null : node;
    }

    boolean has(String member) {
        return node(member) != null;
    }

    /** The TableName member, checked as DynamoDB checks table names. */
    String tableName() {
        return TableRules.checkName(string("TableName"), "tableName");
    }

    String string(String member) {
        JsonNode node = node(member);
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            throw new ValidationException("1 validation error detected: Value at '" + camel(member)
                    + "' failed to satisfy constraint: Member must be a string");
        }
        return node.stringValue();
    }

    String requiredString(String member) {
        String value = string(member);
        if (value == null) {
            throw missing(member);
        }
        return value;
    }

    /** One of {@code allowed}, or {@code fallback} when absent. */
    String choice(String member, String fallback, String... allowed) {
        String value = string(member);
        if (value == null) {
            return fallback;
        }
        if (!List.of(allowed).contains(value)) {
            throw new ValidationException("1 validation error detected: Value '" + value + "' at '" + camel(member)
                    + "' failed to satisfy constraint: Member must satisfy enum value set: " + List.of(allowed));
        }
        return value;
    }

    Integer integer(String member, int min, int max) {
        JsonNode node = node(member);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw new ValidationException("1 validation error detected: Value '" + node + "' at '" + camel(member)
                    + "' failed to satisfy constraint: Member must have value "
                    + (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() > max
                            ? "less than or equal to " + max
                            : "greater than or equal to " + min));
        }
        return node.intValue();
    }

    Long positiveLong(JsonNode parent, String member) {
        JsonNode node = parent == null ? null : parent.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || node.longValue() < 1) {
            throw new ValidationException("1 validation error detected: Value '" + node + "' at '" + camel(member)
                    + "' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        return node.longValue();
    }

    Boolean bool(String member) {
        JsonNode node = node(member);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new ValidationException("1 validation error detected: Value at '" + camel(member)
                    + "' failed to satisfy constraint: Member must be a boolean");
        }
        return node.booleanValue();
    }

    /** An item-shaped member (Item, Key, ExclusiveStartKey, ExpressionAttributeValues); null when absent. */
    Map<String, AttributeValue> item(String member) {
        return AttributeValueJson.item(node(member), camel(member));
    }

    Map<String, AttributeValue> requiredItem(String member) {
        Map<String, AttributeValue> item = item(member);
        if (item == null) {
            throw missing(member);
        }
        return item;
    }

    /** A member that maps names to strings (ExpressionAttributeNames); null when absent. */
    Map<String, String> stringMap(String member) {
        JsonNode node = node(member);
        if (node == null) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : objectMembers(node, member)) {
            if (!entry.getValue().isString()) {
                throw new ValidationException("1 validation error detected: Value at '" + camel(member)
                        + "' failed to satisfy constraint: Map value must be a string");
            }
            map.put(entry.getKey(), entry.getValue().stringValue());
        }
        return map;
    }

    /** The members of an object-shaped member, in order. */
    static Iterable<Map.Entry<String, JsonNode>> objectMembers(JsonNode node, String member) {
        if (!node.isObject()) {
            throw new ValidationException("1 validation error detected: Value at '" + camel(member)
                    + "' failed to satisfy constraint: Member must be a map");
        }
        return node.properties();
    }

    /** The elements of an array-shaped member; empty when absent. */
    static List<JsonNode> elements(JsonNode node, String member) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ValidationException("1 validation error detected: Value at '" + camel(member)
                    + "' failed to satisfy constraint: Member must be a list");
        }
        return new ArrayList<>(node.values());
    }

    static ValidationException missing(String member) {
        return new ValidationException("1 validation error detected: Value null at '" + camel(member)
                + "' failed to satisfy constraint: Member must not be null");
    }

    /** DynamoDB names members in messages in lower camel case: {@code TableName} → {@code tableName}. */
    static String camel(String member) {
        return member.isEmpty() ? member : Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
