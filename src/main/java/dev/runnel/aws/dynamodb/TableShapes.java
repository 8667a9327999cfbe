package dev.runnel.aws.dynamodb;

import dev.runnel.leasestore.NewTable;
import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The table-definition members of CreateTable and UpdateTable, read from JSON. */
final class TableShapes {

    private TableShapes() {}

    static List<NewTable.KeyElement> keySchema(JsonNode node, String member) {
        if (node == null || node.isNull()) {
            throw DynamoDbRequest.missing(member);
        }
        List<NewTable.KeyElement> elements = new ArrayList<>();
        for (JsonNode element : DynamoDbRequest.elements(node, member)) {
            elements.add(
                    new NewTable.KeyElement(text(element, "AttributeName", member), text(element, "KeyType", member)));
        }
        return elements;
    }

    static Map<String, String> attributeDefinitions(JsonNode node, boolean required) {
        if ((node == null || node.isNull()) && required) {
            throw DynamoDbRequest.missing("AttributeDefinitions");
        }
        Map<String, String> definitions = new LinkedHashMap<>();
        for (JsonNode element : DynamoDbRequest.elements(node, "AttributeDefinitions")) {
            String name = text(element, "AttributeName", "AttributeDefinitions");
            String type = text(element, "AttributeType", "AttributeDefinitions");
            if (definitions.put(name, type) != null) {
                throw new ValidationException("Cannot have two attributes with the same name, attribute name: " + name);
            }
        }
        return definitions;
    }

    static NewTable.NewIndex index(DynamoDbRequest request, JsonNode node, String member) {
        JsonNode projection = node.get("Projection");
        List<String> nonKey = new ArrayList<>();
        String projectionType = null;
        if (projection != null && !projection.isNull()) {
            JsonNode type = projection.get("ProjectionType");
            projectionType = type == null || type.isNull() ? null : type.asString("");
            for (JsonNode name : DynamoDbRequest.elements(projection.get("NonKeyAttributes"), "NonKeyAttributes")) {
                nonKey.add(name.asString(""));
            }
        }
        JsonNode throughput = node.get("ProvisionedThroughput");
        return new NewTable.NewIndex(
                text(node, "IndexName", member),
                keySchema(node.get("KeySchema"), "KeySchema"),
                projectionType,
                nonKey,
                request.positiveLong(throughput, "ReadCapacityUnits"),
                request.positiveLong(throughput, "WriteCapacityUnits"));
    }

    static String text(JsonNode node, String field, String member) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            throw DynamoDbRequest.missing(DynamoDbRequest.camel(member) + ".member." + DynamoDbRequest.camel(field));
        }
        if (!value.isString()) {
            throw new ValidationException("1 validation error detected: Value at '" + DynamoDbRequest.camel(member)
                    + ".member." + DynamoDbRequest.camel(field) + "' failed to satisfy constraint: Member must be a"
                    + " string");
        }
        return value.stringValue();
    }
}
