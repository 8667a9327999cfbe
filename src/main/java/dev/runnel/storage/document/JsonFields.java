package dev.runnel.storage.document;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed reads and writes of the fields of a stream document. A nullable value is written only when it is not
 * null, and read as null when absent or JSON null; a required one must be present and of its type. Every
 * failure is a {@link StreamFormatException} naming the field's path. Instants are ISO-8601 strings, which keep
 * every nanosecond. Stateless.
 */
final class JsonFields {

    private JsonFields() {}

    static String path(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    static String element(String path, String field, int index) {
        return path(path, field) + "[" + index + "]";
    }

    static StreamFormatException problem(String path, String what) {
        return new StreamFormatException(path + ": " + what);
    }

    /** The field's value; null when absent or JSON null. */
    static JsonNode optional(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value;
    }

    static JsonNode required(JsonNode object, String field, String path) throws StreamFormatException {
        JsonNode value = optional(object, field);
        if (value == null) {
            throw problem(path(path, field), "missing");
        }
        return value;
    }

    static JsonNode object(JsonNode object, String field, String path) throws StreamFormatException {
        return requireObject(required(object, field, path), path(path, field));
    }

    static JsonNode optionalObject(JsonNode object, String field, String path) throws StreamFormatException {
        JsonNode value = optional(object, field);
        return value == null ? null : requireObject(value, path(path, field));
    }

    static JsonNode requireObject(JsonNode value, String path) throws StreamFormatException {
        if (!value.isObject()) {
            throw problem(path, "expected an object, found " + value.getNodeType());
        }
        return value;
    }

    /** The element at {@code index} of an array field, which must be an object. */
    static JsonNode objectElement(List<JsonNode> elements, int index, String path, String field)
            throws StreamFormatException {
        String at = element(path, field, index);
        JsonNode node = elements.get(index);
        if (node == null) {
            throw problem(at, "expected an object, found null");
        }
        return requireObject(node, at);
    }

    static List<JsonNode> array(JsonNode object, String field, String path) throws StreamFormatException {
        List<JsonNode> elements = optionalArray(object, field, path);
        if (elements == null) {
            throw problem(path(path, field), "missing");
        }
        return elements;
    }

    /** The elements of an array field, JSON nulls included as Java nulls; null when the field is absent. */
    static List<JsonNode> optionalArray(JsonNode object, String field, String path) throws StreamFormatException {
        JsonNode value = optional(object, field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw problem(path(path, field), "expected an array, found " + value.getNodeType());
        }
        List<JsonNode> elements = new ArrayList<>(value.size());
        for (JsonNode element : value.values()) {
            elements.add(element.isNull() ? null : element);
        }
        return elements;
    }

    static String string(JsonNode object, String field, String path) throws StreamFormatException {
        return requireString(required(object, field, path), path(path, field));
    }

    static String optionalString(JsonNode object, String field, String path) throws StreamFormatException {
        JsonNode value = optional(object, field);
        return value == null ? null : requireString(value, path(path, field));
    }

    static String requireString(JsonNode value, String path) throws StreamFormatException {
        if (value == null || !value.isString()) {
            throw problem(path, "expected a string, found " + (value == null ? "null" : value.getNodeType()));
        }
        return value.stringValue();
    }

    static int integer(JsonNode object, String field, String path) throws StreamFormatException {
        JsonNode value = required(object, field, path);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw problem(path(path, field), "expected a 32-bit integer, found " + value);
        }
        return value.intValue();
    }

    static Integer optionalInteger(JsonNode object, String field, String path) throws StreamFormatException {
        return optional(object, field) == null ? null : integer(object, field, path);
    }

    static long longInteger(JsonNode object, String field, String path) throws StreamFormatException {
        JsonNode value = required(object, field, path);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw problem(path(path, field), "expected a 64-bit integer, found " + value);
        }
        return value.longValue();
    }

    static Long optionalLong(JsonNode object, String field, String path) throws StreamFormatException {
        return optional(object, field) == null ? null : longInteger(object, field, path);
    }

    static Boolean optionalBoolean(JsonNode object, String field, String path) throws StreamFormatException {
        JsonNode value = optional(object, field);
        if (value != null && !value.isBoolean()) {
            throw problem(path(path, field), "expected true or false, found " + value);
        }
        return value == null ? null : value.booleanValue();
    }

    static Instant instant(JsonNode object, String field, String path) throws StreamFormatException {
        return toInstant(string(object, field, path), path(path, field));
    }

    static Instant optionalInstant(JsonNode object, String field, String path) throws StreamFormatException {
        String text = optionalString(object, field, path);
        return text == null ? null : toInstant(text, path(path, field));
    }

    static Instant toInstant(String text, String path) throws StreamFormatException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw problem(path, "expected an ISO-8601 instant, found \"" + text + "\"");
        }
    }

    static <E extends Enum<E>> E enumValue(String text, Class<E> type, String path) throws StreamFormatException {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw problem(path, "unknown " + type.getSimpleName() + " \"" + text + "\"");
        }
    }

    /** An object of string (or null) values, sorted by key. */
    static SortedMap<String, String> stringMap(JsonNode object, String field, String path)
            throws StreamFormatException {
        JsonNode value = object(object, field, path);
        SortedMap<String, String> map = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            JsonNode v = entry.getValue();
            map.put(entry.getKey(), v.isNull() ? null : requireString(v, path(path(path, field), entry.getKey())));
        }
        return map;
    }

    static void putString(ObjectNode object, String field, String value) {
        if (value != null) {
            object.put(field, value);
        }
    }

    static void putInstant(ObjectNode object, String field, Instant value) {
        if (value != null) {
            object.put(field, value.toString());
        }
    }

    static void putMap(ObjectNode object, String field, Map<String, String> map) {
        ObjectNode values = object.putObject(field);
        map.forEach((key, value) -> {
            if (value == null) {
                values.putNull(key);
            } else {
                values.put(key, value);
            }
        });
    }

    static void addInstants(ArrayNode array, List<Instant> instants) {
        for (Instant instant : instants) {
            array.add(instant.toString());
        }
    }

    static List<Instant> instants(JsonNode object, String field, String path) throws StreamFormatException {
        List<JsonNode> elements = array(object, field, path);
        List<Instant> instants = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            String at = element(path, field, i);
            instants.add(toInstant(requireString(elements.get(i), at), at));
        }
        return instants;
    }
}
