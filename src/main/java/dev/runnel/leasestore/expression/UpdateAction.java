package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.Map;

/** One action of an update expression, applied to a mutable copy of the item. */
sealed interface UpdateAction {

    Path path();

    /**
     * Applies the action.
     *
     * @param item the item being updated (changed in place)
     * @param value for SET, the right-hand side as evaluated on the item before the update; otherwise unused
     */
    void apply(Map<String, AttributeValue> item, AttributeValue value);

    record Set(Path path, UpdateValue value) implements UpdateAction {
        @Override
        public void apply(Map<String, AttributeValue> item, AttributeValue evaluated) {
            Documents.change(item, path, old -> evaluated);
        }

        @Override
        public String toString() {
            return path + " = " + value;
        }
    }

    record Remove(Path path) implements UpdateAction {
        @Override
        public void apply(Map<String, AttributeValue> item, AttributeValue unused) {
            Documents.change(item, path, old -> null);
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** ADD: adds a number to a number (missing counts as 0), or the members of a set to a set (or creates it). */
    record Add(Path path, Operand.Value operand) implements UpdateAction {
        @Override
        public void apply(Map<String, AttributeValue> item, AttributeValue unused) {
            AttributeValue value = operand.value();
            Documents.change(item, path, old -> {
                if (old == null) {
                    return value;
                }
                if (old instanceof AttributeValue.N x && value instanceof AttributeValue.N y) {
                    return new AttributeValue.N(x.value().add(y.value()));
                }
                AttributeValue union = Sets.union(old, value);
                if (union == null) {
                    throw new ValidationException(Messages.INCORRECT_DATA_TYPE);
                }
                return union;
            });
        }

        @Override
        public String toString() {
            return path + " " + operand;
        }
    }

    /** DELETE: removes members from a set; the attribute goes when none is left; nothing happens if it is missing. */
    record Delete(Path path, Operand.Value operand) implements UpdateAction {
        @Override
        public void apply(Map<String, AttributeValue> item, AttributeValue unused) {
            Documents.change(item, path, old -> {
                if (old == null) {
                    return null;
                }
                AttributeValue left = Sets.difference(old, operand.value());
                if (left == null) {
                    throw new ValidationException(Messages.INCORRECT_DATA_TYPE);
                }
                return left == Sets.EMPTY ? null : left;
            });
        }

        @Override
        public String toString() {
            return path + " " + operand;
        }
    }
}
