package dev.runnel.leasestore;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The key of a table or index: a partition (HASH) attribute and an optional sort (RANGE) attribute. */
public record KeySchema(KeyAttribute partitionKey, Optional<KeyAttribute> sortKey) {

    /** The key attributes' names, partition first. */
    public List<String> names() {
        List<String> names = new ArrayList<>(2);
        names.add(partitionKey.name());
        sortKey.ifPresent(k -> names.add(k.name()));
        return names;
    }

    public boolean isKeyAttribute(String name) {
        return partitionKey.name().equals(name)
                || sortKey.map(k -> k.name().equals(name)).orElse(false);
    }

    /**
     * The primary key of an item being written: every key attribute present, of its type, a string or binary key
     * not empty.
     *
     * @throws ValidationException as DynamoDB words a missing or mistyped key attribute
     */
    public PrimaryKey keyOfItem(Map<String, AttributeValue> item) {
        AttributeValue partition = checked(item, partitionKey, "Missing the key ");
        AttributeValue sort =
                sortKey.map(k -> checked(item, k, "Missing the key ")).orElse(null);
        return new PrimaryKey(partition, sort);
    }

    /**
     * The primary key a GetItem, UpdateItem or DeleteItem names: exactly the key attributes, of their types.
     *
     * @throws ValidationException "The provided key element does not match the schema" otherwise
     */
    public PrimaryKey keyOf(Map<String, AttributeValue> key) {
        if (key == null || key.size() != names().size() || !key.keySet().containsAll(names())) {
            throw new ValidationException("The provided key element does not match the schema");
        }
        for (String name : names()) {
            KeyAttribute attribute = attribute(name);
            if (!attribute.accepts(key.get(name))) {
                throw new ValidationException("The provided key element does not match the schema");
            }
            checkNotEmpty(key.get(name), name);
        }
        return new PrimaryKey(
                key.get(partitionKey.name()),
                sortKey.map(k -> key.get(k.name())).orElse(null));
    }

    /** The index key of an item, or empty if the item lacks one of the index's key attributes or has another type. */
    Optional<PrimaryKey> indexKeyOf(Map<String, AttributeValue> item) {
        AttributeValue partition = item.get(partitionKey.name());
        if (!partitionKey.accepts(partition)) {
            return Optional.empty();
        }
        if (sortKey.isEmpty()) {
            return Optional.of(new PrimaryKey(partition, null));
        }
        AttributeValue sort = item.get(sortKey.get().name());
        return sortKey.get().accepts(sort) ? Optional.of(new PrimaryKey(partition, sort)) : Optional.empty();
    }

    /** The key attributes of an item, as a map (for LastEvaluatedKey and KEYS_ONLY projections). */
    Map<String, AttributeValue> keyAttributes(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new java.util.LinkedHashMap<>();
        for (String name : names()) {
            AttributeValue value = item.get(name);
            if (value != null) {
                key.put(name, value);
            }
        }
        return key;
    }

    private KeyAttribute attribute(String name) {
        return partitionKey.name().equals(name) ? partitionKey : sortKey.orElseThrow();
    }

    private static AttributeValue checked(Map<String, AttributeValue> item, KeyAttribute key, String missing) {
        AttributeValue value = item.get(key.name());
        if (value == null) {
            throw new ValidationException(
                    "One or more parameter values were invalid: " + missing + key.name() + " in the item");
        }
        if (!key.accepts(value)) {
            throw new ValidationException("One or more parameter values were invalid: Type mismatch for key "
                    + key.name() + " expected: " + key.type() + " actual: " + value.type());
        }
        checkNotEmpty(value, key.name());
        return value;
    }

    private static void checkNotEmpty(AttributeValue value, String name) {
        boolean empty = (value instanceof AttributeValue.S s && s.value().isEmpty())
                || (value instanceof AttributeValue.B b && b.value().length() == 0);
        if (empty) {
            throw new ValidationException("One or more parameter values are not valid. The AttributeValue for a key"
                    + " attribute cannot contain an empty string value. Key: " + name);
        }
    }
}
