package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The expressions of one request and the {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues}
 * they share. Parse every expression of the request through one context, then call {@link #checkAllUsed()}.
 * Every method throws {@link ValidationException}, worded as DynamoDB words it, for any bad input, and no other
 * exception. Not thread-safe (it tracks which placeholders were used); the parsed results are.
 */
public final class ExpressionContext {

    /** DynamoDB's limit on the size of one expression, in UTF-8 bytes. */
    public static final int MAX_EXPRESSION_BYTES = 4096;

    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();
    private final Placeholders placeholders = new Placeholders() {
        @Override
        public String name(String placeholder) {
            String name = names.get(placeholder);
            if (name != null) {
                usedNames.add(placeholder);
            }
            return name;
        }

        @Override
        public AttributeValue value(String placeholder) {
            AttributeValue value = values.get(placeholder);
            if (value != null) {
                usedValues.add(placeholder);
            }
            return value;
        }
    };

    /**
     * @param names the request's {@code ExpressionAttributeNames}, null if it has none
     * @param values the request's {@code ExpressionAttributeValues}, null if it has none
     * @throws ValidationException if either is present but empty, or has a key that is not a placeholder
     */
    public ExpressionContext(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = checked("ExpressionAttributeNames", '#', names);
        this.values = checked("ExpressionAttributeValues", ':', values);
    }

    private static <T> Map<String, T> checked(String parameter, char sigil, Map<String, T> given) {
        if (given == null) {
            return Map.of();
        }
        if (given.isEmpty()) {
            throw new ValidationException(parameter + " must not be empty");
        }
        Map<String, T> copy = new LinkedHashMap<>();
        for (Map.Entry<String, T> entry : given.entrySet()) {
            String key = entry.getKey();
            if (!isPlaceholder(key, sigil)) {
                throw new ValidationException(parameter + " contains invalid key: Syntax error; key: \"" + key + "\"");
            }
            if (entry.getValue() == null) {
                throw new ValidationException(parameter + " contains invalid value: null for key " + key);
            }
            if ("".equals(entry.getValue())) {
                throw new ValidationException(
                        parameter + " contains invalid value: Empty attribute name for key " + key);
            }
            copy.put(key, entry.getValue());
        }
        return copy;
    }

    private static boolean isPlaceholder(String key, char sigil) {
        if (key == null || key.length() < 2 || key.charAt(0) != sigil) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!word) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a condition.
     *
     * @param parameter {@code "ConditionExpression"} or {@code "FilterExpression"}: messages begin {@code Invalid
     *     <parameter>: }
     */
    public Condition condition(String text, String parameter) {
        Problems problems = start(text, parameter);
        return ConditionParser.parse(text, placeholders, problems);
    }

    /** Parses an {@code UpdateExpression}. */
    public Update update(String text) {
        Problems problems = start(text, "UpdateExpression");
        return UpdateParser.parse(text, placeholders, problems);
    }

    /** Parses a {@code ProjectionExpression}. */
    public Projection projection(String text) {
        Problems problems = start(text, "ProjectionExpression");
        return ProjectionParser.parse(text, placeholders, problems);
    }

    /**
     * Parses a {@code KeyConditionExpression} without knowing the key schema: see {@link KeyCondition#forSchema}
     * (or use {@link #keyCondition(String, String, String)}).
     */
    public KeyCondition keyCondition(String text) {
        Problems problems = start(text, "KeyConditionExpression");
        return KeyConditionTerms.withoutSchema(KeyConditionParser.parse(text, placeholders, problems));
    }

    /**
     * Parses a {@code KeyConditionExpression} for a table or index with the given key schema.
     *
     * @param sortKeyName the sort key, null if the schema has none
     */
    public KeyCondition keyCondition(String text, String partitionKeyName, String sortKeyName) {
        Problems problems = start(text, "KeyConditionExpression");
        List<KeyConditionTerms.Term> terms = KeyConditionParser.parse(text, placeholders, problems);
        return KeyConditionTerms.withSchema(terms, partitionKeyName, sortKeyName);
    }

    private static Problems start(String text, String parameter) {
        if (text == null || text.isEmpty()) {
            throw Messages.empty(parameter);
        }
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_EXPRESSION_BYTES) {
            throw Messages.invalid(
                    parameter, "Expression size has exceeded the maximum allowed size; expression size: " + size);
        }
        return new Problems(parameter);
    }

    /**
     * After every expression of the request: DynamoDB refuses names or values that no expression used ({@code
     * Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}}), names first.
     */
    public void checkAllUsed() {
        checkUsed("ExpressionAttributeNames", names.keySet(), usedNames);
        checkUsed("ExpressionAttributeValues", values.keySet(), usedValues);
    }

    private static void checkUsed(String parameter, Set<String> given, Set<String> used) {
        List<String> unused = new ArrayList<>();
        for (String key : given) {
            if (!used.contains(key)) {
                unused.add(key);
            }
        }
        if (!unused.isEmpty()) {
            throw new ValidationException("Value provided in " + parameter + " unused in expressions: keys: {"
                    + String.join(", ", unused) + "}");
        }
    }
}
