package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.expression.LegacyParameters.AttributeUpdate;
import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The legacy {@code AttributeUpdates} of UpdateItem: PUT, ADD or DELETE per top-level attribute. */
final class LegacyUpdate implements Update {

    private static final Set<String> ADDABLE = Set.of("N", "L", "SS", "NS", "BS");

    private final Map<String, AttributeUpdate> updates;

    /** Checks the updates as DynamoDB does before it looks at the item. */
    LegacyUpdate(Map<String, AttributeUpdate> updates) {
        Map<String, AttributeUpdate> copy = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeUpdate> entry : updates.entrySet()) {
            AttributeUpdate update = entry.getValue();
            if (entry.getKey() == null || update == null) {
                throw new ValidationException(
                        "One or more parameter values were invalid: AttributeUpdates has a null entry");
            }
            String action = action(update);
            AttributeValue value = update.value();
            if (value == null && !action.equals("DELETE")) {
                throw LegacyComparison.invalid("Only DELETE action is allowed when no attribute value is specified");
            }
            if (value != null && action.equals("DELETE") && !Sets.isSet(value)) {
                throw LegacyComparison.invalid(
                        "DELETE action with value is not supported for the type " + value.type());
            }
            if (value != null && action.equals("ADD") && !ADDABLE.contains(value.type())) {
                throw LegacyComparison.invalid("ADD action is not supported for the type " + value.type());
            }
            copy.put(entry.getKey(), update);
        }
        this.updates = Collections.unmodifiableMap(copy);
    }

    private static String action(AttributeUpdate update) {
        String action = update.action() == null ? "PUT" : update.action();
        if (!Set.of("PUT", "ADD", "DELETE").contains(action)) {
            throw new ValidationException("1 validation error detected: Value '" + action
                    + "' at 'attributeUpdates' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[ADD, PUT, DELETE]");
        }
        return action;
    }

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> result = new LinkedHashMap<>(item);
        updates.forEach((name, update) -> {
            AttributeValue value = update.value();
            AttributeValue old = result.get(name);
            AttributeValue changed = switch (action(update)) {
                case "PUT" -> value;
                case "ADD" -> add(old, value);
                default -> delete(old, value);
            };
            if (changed == null) {
                result.remove(name);
            } else {
                result.put(name, changed);
            }
        });
        return result;
    }

    private static AttributeValue add(AttributeValue old, AttributeValue value) {
        if (old == null) {
            return value;
        }
        if (old instanceof AttributeValue.N x && value instanceof AttributeValue.N y) {
            return new AttributeValue.N(x.value().add(y.value()));
        }
        if (old instanceof AttributeValue.L x && value instanceof AttributeValue.L y) {
            List<AttributeValue> joined = new ArrayList<>(x.values());
            joined.addAll(y.values());
            return new AttributeValue.L(joined);
        }
        AttributeValue union = Sets.union(old, value);
        if (union == null) {
            throw mismatch();
        }
        return union;
    }

    private static AttributeValue delete(AttributeValue old, AttributeValue value) {
        if (value == null || old == null) {
            return null;
        }
        AttributeValue left = Sets.difference(old, value);
        if (left == null) {
            throw mismatch();
        }
        return left == Sets.EMPTY ? null : left;
    }

    private static ValidationException mismatch() {
        return new ValidationException("Type mismatch for attribute to update");
    }

    @Override
    public Set<String> topLevelAttributes() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(updates.keySet()));
    }
}
