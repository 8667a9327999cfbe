package dev.runnel.leasestore;

import dev.runnel.leasestore.model.AttributeValue;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A table, its whole definition and every item, as one JSON document, and back: {@code decode(encode(t))} has the
 * definition of {@code t} (equal in every field) and equal items, each attribute of its exact type (numbers as
 * their DynamoDB text, binaries as Base64, sets and maps in their order).
 *
 * <pre>
 * {"format": 1, "name": ..., "arn": ..., "id": ..., "key": {"partition": {"name": ..., "type": "S"}, "sort": ...},
 *  "attributeDefinitions": {"leaseKey": "S"}, "billingMode": ..., "readCapacity": 0, "writeCapacity": 0,
 *  "indexes": [{"name": ..., "key": {...}, "projectionType": ..., "nonKeyAttributes": [...],
 *               "readCapacity": 0, "writeCapacity": 0}],
 *  "createdAt": "2025-01-01T00:00:00Z", "deletionProtection": false, "pointInTimeRecovery": false,
 *  "items": [{"leaseKey": {"S": "shardId-000000000000"}, ...}, ...]}
 * </pre>
 *
 * Items are written in DynamoDB's JSON ({@link AttributeValueJson}, so a stored item is read back under the same
 * rules as a request), in key order. Text beyond ASCII is escaped, so any Java string comes back exactly. The whole
 * table is encoded on every change: a KCL lease table is small (a lease is a few hundred bytes), and a document
 * replaced whole can never be half old, half new. Written by hand, so the model types stay free of Jackson.
 * Stateless and thread-safe.
 */
final class TableCodec {

    /** The document format this class writes, and the only one it reads. */
    static final int FORMAT = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private TableCodec() {}

    static byte[] encode(TableDefinition table, Collection<Map<String, AttributeValue>> items) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("format", FORMAT);
        out.put("name", table.name());
        out.put("arn", table.arn());
        out.put("id", table.id());
        out.set("key", key(table.keySchema()));
        ObjectNode definitions = out.putObject("attributeDefinitions");
        table.attributeDefinitions().forEach(definitions::put);
        out.put("billingMode", table.billingMode());
        out.put("readCapacity", table.readCapacity());
        out.put("writeCapacity", table.writeCapacity());
        ArrayNode indexes = out.putArray("indexes");
        for (IndexDefinition index : table.indexes()) {
            ObjectNode node = indexes.addObject();
            node.put("name", index.name());
            node.set("key", key(index.keySchema()));
            node.put("projectionType", index.projectionType());
            ArrayNode nonKey = node.putArray("nonKeyAttributes");
            index.nonKeyAttributes().forEach(nonKey::add);
            node.put("readCapacity", index.readCapacity());
            node.put("writeCapacity", index.writeCapacity());
        }
        out.put("createdAt", table.createdAt().toString());
        out.put("deletionProtection", table.deletionProtection());
        out.put("pointInTimeRecovery", table.pointInTimeRecovery());
        ArrayNode itemNodes = out.putArray("items");
        items.forEach(item -> itemNodes.add(AttributeValueJson.write(item)));
        return MAPPER.writeValueAsBytes(out);
    }

    private static ObjectNode key(KeySchema key) {
        ObjectNode node = MAPPER.createObjectNode();
        node.set("partition", attribute(key.partitionKey()));
        key.sortKey().ifPresent(sort -> node.set("sort", attribute(sort)));
        return node;
    }

    private static ObjectNode attribute(KeyAttribute attribute) {
        return MAPPER.createObjectNode().put("name", attribute.name()).put("type", attribute.type());
    }

    /**
     * The table a document holds, its items charged to its size.
     *
     * @throws RuntimeException (an {@link IllegalArgumentException}, or the DynamoDB or Jackson exception of a bad
     *     value) when the bytes are not a table document of format {@value #FORMAT}
     */
    static Table decode(byte[] document) {
        JsonNode in;
        try {
            // Decoded first: Jackson's byte parser refuses a lone surrogate in a member name even when escaped.
            in = MAPPER.readTree(StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(document))
                    .toString());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8", e);
        }
        JsonNode format = in == null ? null : in.get("format");
        if (in == null || !in.isObject() || format == null || !format.isInt() || format.intValue() != FORMAT) {
            throw new IllegalArgumentException("not a table document of format " + FORMAT);
        }
        Map<String, String> definitions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> definition :
                required(in, "attributeDefinitions").properties()) {
            definitions.put(definition.getKey(), text(definition.getValue(), "attributeDefinitions"));
        }
        List<IndexDefinition> indexes = new ArrayList<>();
        for (JsonNode index : required(in, "indexes").values()) {
            List<String> nonKey = new ArrayList<>();
            required(index, "nonKeyAttributes").values().forEach(n -> nonKey.add(text(n, "nonKeyAttributes")));
            indexes.add(new IndexDefinition(
                    string(index, "name"),
                    key(required(index, "key")),
                    string(index, "projectionType"),
                    nonKey,
                    number(index, "readCapacity"),
                    number(index, "writeCapacity")));
        }
        Table table = new Table(new TableDefinition(
                string(in, "name"),
                string(in, "arn"),
                string(in, "id"),
                key(required(in, "key")),
                definitions,
                string(in, "billingMode"),
                number(in, "readCapacity"),
                number(in, "writeCapacity"),
                indexes,
                Instant.parse(string(in, "createdAt")),
                bool(in, "deletionProtection"),
                bool(in, "pointInTimeRecovery")));
        for (JsonNode node : required(in, "items").values()) {
            Map<String, AttributeValue> item = AttributeValueJson.item(node, "items");
            PrimaryKey key = table.definition().keySchema().keyOfItem(item);
            if (table.items().containsKey(key)) {
                throw new IllegalArgumentException("two items with one key: " + key);
            }
            table.apply(new PendingWrite(table, key, null, item));
        }
        return table;
    }

    private static KeySchema key(JsonNode node) {
        JsonNode sort = node.get("sort");
        return new KeySchema(
                keyAttribute(required(node, "partition")),
                sort == null ? Optional.empty() : Optional.of(keyAttribute(sort)));
    }

    private static KeyAttribute keyAttribute(JsonNode node) {
        return new KeyAttribute(string(node, "name"), string(node, "type"));
    }

    private static JsonNode required(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing: " + field);
        }
        return value;
    }

    private static String string(JsonNode object, String field) {
        return text(required(object, field), field);
    }

    private static String text(JsonNode value, String field) {
        if (!value.isString()) {
            throw new IllegalArgumentException("not a string: " + field);
        }
        return value.stringValue();
    }

    private static long number(JsonNode object, String field) {
        JsonNode value = required(object, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("not a whole number: " + field);
        }
        return value.longValue();
    }

    private static boolean bool(JsonNode object, String field) {
        JsonNode value = required(object, field);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("not true or false: " + field);
        }
        return value.booleanValue();
    }
}
