package dev.runnel.leasestore;

import dev.runnel.leasestore.expression.Condition;
import dev.runnel.leasestore.expression.Update;
import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ConditionalCheckFailedException;
import dev.runnel.leasestore.model.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One table's definition and items, kept in key order. Not thread-safe: {@link RegionTables} holds its lock
 * around every call (reads shared, writes exclusive). Writes come in two steps: a {@code prepare…} method checks
 * the request and the condition against the stored item and returns a {@link PendingWrite}; {@link #apply} stores
 * it. Between the two the caller checks the region's byte budget and, for a transaction, every other action.
 */
final class Table {

    private TableDefinition definition;
    private final NavigableMap<PrimaryKey, Map<String, AttributeValue>> items = new TreeMap<>();
    private long bytes;

    Table(TableDefinition definition) {
        this.definition = definition;
    }

    TableDefinition definition() {
        return definition;
    }

    void redefine(TableDefinition newDefinition) {
        this.definition = newDefinition;
    }

    long itemCount() {
        return items.size();
    }

    long bytes() {
        return bytes;
    }

    NavigableMap<PrimaryKey, Map<String, AttributeValue>> items() {
        return items;
    }

    Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        return Optional.ofNullable(items.get(definition.keySchema().keyOf(key)));
    }

    /** A PutItem: replaces the whole item if {@code condition} (or none) holds for the stored one. */
    PendingWrite preparePut(Map<String, AttributeValue> item, Condition condition, boolean returnOnFailure) {
        PrimaryKey key = definition.keySchema().keyOfItem(item);
        checkIndexKeys(item);
        ItemSize.checked(item);
        Map<String, AttributeValue> before = items.get(key);
        check(condition, before, returnOnFailure);
        return new PendingWrite(this, key, before, new LinkedHashMap<>(item));
    }

    /** An UpdateItem: applies {@code update} to the stored item, or to a new item of just the key. */
    PendingWrite prepareUpdate(
            Map<String, AttributeValue> keyAttributes, Update update, Condition condition, boolean returnOnFailure) {
        KeySchema schema = definition.keySchema();
        PrimaryKey key = schema.keyOf(keyAttributes);
        for (String name : update.topLevelAttributes()) {
            if (schema.isKeyAttribute(name)) {
                throw new ValidationException("One or more parameter values were invalid: Cannot update attribute "
                        + name + ". This attribute is part of the key");
            }
        }
        Map<String, AttributeValue> before = items.get(key);
        check(condition, before, returnOnFailure);
        Map<String, AttributeValue> after = update.apply(before == null ? keyAttributes : before);
        checkIndexKeys(after);
        ItemSize.checked(after);
        return new PendingWrite(this, key, before, after);
    }

    /** A DeleteItem: removes the item (if any) when {@code condition} (or none) holds for it. */
    PendingWrite prepareDelete(
            Map<String, AttributeValue> keyAttributes, Condition condition, boolean returnOnFailure) {
        PrimaryKey key = definition.keySchema().keyOf(keyAttributes);
        Map<String, AttributeValue> before = items.get(key);
        check(condition, before, returnOnFailure);
        return new PendingWrite(this, key, before, null);
    }

    /** A transaction's ConditionCheck: writes nothing. */
    PendingWrite prepareCheck(Map<String, AttributeValue> keyAttributes, Condition condition, boolean returnOnFailure) {
        PrimaryKey key = definition.keySchema().keyOf(keyAttributes);
        Map<String, AttributeValue> before = items.get(key);
        check(condition, before, returnOnFailure);
        return new PendingWrite(this, key, before, before);
    }

    void apply(PendingWrite write) {
        bytes += write.byteDelta();
        if (write.after() == null) {
            items.remove(write.key());
        } else {
            items.put(write.key(), write.after());
        }
    }

    private static void check(Condition condition, Map<String, AttributeValue> stored, boolean returnOnFailure) {
        if (condition != null && !condition.test(stored == null ? Map.of() : stored)) {
            throw new ConditionalCheckFailedException(returnOnFailure ? stored : null);
        }
    }

    /** An item's values for an index's key attributes must be of the attribute's type, and not empty. */
    private void checkIndexKeys(Map<String, AttributeValue> item) {
        for (IndexDefinition index : definition.indexes()) {
            for (String name : index.keySchema().names()) {
                AttributeValue value = item.get(name);
                String type = definition.attributeDefinitions().get(name);
                if (value == null) {
                    continue;
                }
                if (!value.type().equals(type)) {
                    throw new ValidationException("One or more parameter values were invalid: Type mismatch for Index"
                            + " Key " + name + " Expected: " + type + " Actual: " + value.type() + " IndexName: "
                            + index.name());
                }
                if (value instanceof AttributeValue.S s && s.value().isEmpty()) {
                    throw new ValidationException("One or more parameter values are not valid. A value specified for"
                            + " a secondary index key is not supported. The AttributeValue for a key attribute cannot"
                            + " contain an empty string value. IndexName: " + index.name() + ", IndexKey: " + name);
                }
            }
        }
    }
}
