package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Changes one document path of an item, rebuilding the (immutable) maps and lists above it. Every container on
 * the way must exist and be of the kind the path expects (a map for {@code .key}, a list for {@code [index]}),
 * otherwise DynamoDB's "document path ... is invalid for update". At the end of the path, an index past the end
 * of a list appends.
 */
final class Documents {

    private Documents() {}

    /**
     * Replaces the value at the path in the (mutable) item by {@code change(old)}; {@code old} is null where the
     * path ends at nothing, and a null result removes the value.
     */
    static void change(Map<String, AttributeValue> item, Path path, UnaryOperator<AttributeValue> change) {
        List<PathElement> elements = path.elements();
        String head = path.head();
        if (elements.size() == 1) {
            AttributeValue changed = change.apply(item.get(head));
            if (changed == null) {
                item.remove(head);
            } else {
                item.put(head, changed);
            }
            return;
        }
        AttributeValue top = item.get(head);
        if (top == null) {
            throw invalidPath();
        }
        item.put(head, rebuild(top, elements, 1, change));
    }

    private static AttributeValue rebuild(
            AttributeValue container, List<PathElement> elements, int position, UnaryOperator<AttributeValue> change) {
        PathElement element = elements.get(position);
        boolean last = position == elements.size() - 1;
        if (element instanceof PathElement.Field field && container instanceof AttributeValue.M map) {
            Map<String, AttributeValue> values = new LinkedHashMap<>(map.values());
            AttributeValue child = values.get(field.name());
            AttributeValue changed;
            if (last) {
                changed = change.apply(child);
            } else if (child == null) {
                throw invalidPath();
            } else {
                changed = rebuild(child, elements, position + 1, change);
            }
            if (changed == null) {
                values.remove(field.name());
            } else {
                values.put(field.name(), changed);
            }
            return new AttributeValue.M(values);
        }
        if (element instanceof PathElement.Index index && container instanceof AttributeValue.L list) {
            List<AttributeValue> values = new ArrayList<>(list.values());
            int at = index.index();
            boolean inside = at < values.size();
            if (!last && !inside) {
                throw invalidPath();
            }
            AttributeValue changed = last
                    ? change.apply(inside ? values.get(at) : null)
                    : rebuild(values.get(at), elements, position + 1, change);
            if (inside && changed == null) {
                values.remove(at);
            } else if (inside) {
                values.set(at, changed);
            } else if (changed != null) {
                values.add(changed);
            }
            return new AttributeValue.L(values);
        }
        throw invalidPath();
    }

    private static ValidationException invalidPath() {
        return new ValidationException(Messages.INVALID_DOCUMENT_PATH);
    }
}
