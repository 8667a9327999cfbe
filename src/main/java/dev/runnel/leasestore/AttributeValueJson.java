package dev.runnel.leasestore;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.Numbers;
import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * DynamoDB's JSON form of attribute values ({@code {"S": "x"}}, {@code {"N": "1"}}, {@code {"M": {...}}}, ...),
 * read with DynamoDB's checks and messages, and written back. Shared by the DynamoDB edge (request and answer
 * bodies) and {@link TableCodec} (stored tables), so a stored item is read with exactly the rules a request is.
 * Stateless and thread-safe.
 */
public final class AttributeValueJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 32;

    private AttributeValueJson() {}

    /** An item or key: attribute name to value. Null for a missing node. */
    public static Map<String, AttributeValue> item(JsonNode node, String parameter) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new ValidationException("1 validation error detected: Value at '" + parameter
                    + "' failed to satisfy constraint: Member must be a map");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> attribute : node.properties()) {
            item.put(attribute.getKey(), value(attribute.getValue(), 0));
        }
        return item;
    }

    public static AttributeValue value(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ValidationException("Nesting Levels have exceeded supported limits");
        }
        if (node == null || !node.isObject() || node.size() == 0) {
            throw new ValidationException(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (node.size() > 1) {
            throw new ValidationException("Supplied AttributeValue has more than one datatypes set, must contain"
                    + " exactly one of the supported datatypes");
        }
        Map.Entry<String, JsonNode> only = node.properties().iterator().next();
        JsonNode v = only.getValue();
        return switch (only.getKey()) {
            case "S" -> new AttributeValue.S(text(v, "S"));
            case "N" -> new AttributeValue.N(Numbers.parse(text(v, "N")));
            case "B" -> AttributeValue.b(binary(v));
            case "BOOL" -> new AttributeValue.Bool(bool(v));
            case "NULL" -> nullValue(v);
            case "L" -> new AttributeValue.L(list(v, depth));
            case "M" -> new AttributeValue.M(map(v, depth));
            case "SS" -> new AttributeValue.SS(set(v, "string", n -> text(n, "SS")));
            case "NS" -> new AttributeValue.NS(set(v, "number", n -> Numbers.parse(text(n, "NS"))));
            case "BS" -> new AttributeValue.BS(set(v, "binary", n -> new AttributeValue.Bytes(binary(n))));
            default ->
                throw new ValidationException("Supplied AttributeValue has an unknown datatype: " + only.getKey());
        };
    }

    private static String text(JsonNode node, String type) {
        if (node == null || !node.isString()) {
            throw new ValidationException("Supplied AttributeValue " + type + " must be a string");
        }
        return node.stringValue();
    }

    private static byte[] binary(JsonNode node) {
        try {
            return Base64.getDecoder().decode(text(node, "B"));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("Supplied AttributeValue B is not valid Base64");
        }
    }

    private static boolean bool(JsonNode node) {
        if (!node.isBoolean()) {
            throw new ValidationException("Supplied AttributeValue BOOL must be true or false");
        }
        return node.booleanValue();
    }

    private static AttributeValue nullValue(JsonNode node) {
        if (!node.isBoolean() || !node.booleanValue()) {
            throw new ValidationException("One or more parameter values were invalid: Null attribute value types"
                    + " must have the value of true");
        }
        return new AttributeValue.Null();
    }

    private static List<AttributeValue> list(JsonNode node, int depth) {
        if (!node.isArray()) {
            throw new ValidationException("Supplied AttributeValue L must be a list");
        }
        List<AttributeValue> values = new ArrayList<>();
        for (JsonNode element : node.values()) {
            values.add(value(element, depth + 1));
        }
        return values;
    }

    private static Map<String, AttributeValue> map(JsonNode node, int depth) {
        if (!node.isObject()) {
            throw new ValidationException("Supplied AttributeValue M must be a map");
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            values.put(entry.getKey(), value(entry.getValue(), depth + 1));
        }
        return values;
    }

    private static <T> Set<T> set(JsonNode node, String kind, java.util.function.Function<JsonNode, T> element) {
        if (!node.isArray() || node.size() == 0) {
            throw new ValidationException(
                    "One or more parameter values were invalid: An " + kind + " set  may not be empty");
        }
        Set<T> values = new LinkedHashSet<>();
        List<String> texts = new ArrayList<>();
        for (JsonNode n : node.values()) {
            texts.add(n.asString(""));
            if (!values.add(element.apply(n))) {
                throw new ValidationException("One or more parameter values were invalid: Input collection " + texts
                        + " contains duplicates.");
            }
        }
        return values;
    }

    public static ObjectNode write(Map<String, AttributeValue> item) {
        ObjectNode node = NODES.objectNode();
        item.forEach((name, value) -> node.set(name, write(value)));
        return node;
    }

    public static ObjectNode write(AttributeValue value) {
        ObjectNode node = NODES.objectNode();
        if (value instanceof AttributeValue.S s) {
            node.put("S", s.value());
        } else if (value instanceof AttributeValue.N n) {
            node.put("N", n.text());
        } else if (value instanceof AttributeValue.B b) {
            node.put("B", b.value().toString());
        } else if (value instanceof AttributeValue.Bool b) {
            node.put("BOOL", b.value());
        } else if (value instanceof AttributeValue.Null) {
            node.put("NULL", true);
        } else if (value instanceof AttributeValue.L l) {
            ArrayNode array = node.putArray("L");
            l.values().forEach(v -> array.add(write(v)));
        } else if (value instanceof AttributeValue.M m) {
            node.set("M", write(m.values()));
        } else if (value instanceof AttributeValue.SS ss) {
            ArrayNode array = node.putArray("SS");
            ss.values().forEach(array::add);
        } else if (value instanceof AttributeValue.NS ns) {
            ArrayNode array = node.putArray("NS");
            ns.values().forEach(v -> array.add(v.toPlainString()));
        } else if (value instanceof AttributeValue.BS bs) {
            ArrayNode array = node.putArray("BS");
            bs.values().forEach(v -> array.add(v.toString()));
        }
        return node;
    }
}
