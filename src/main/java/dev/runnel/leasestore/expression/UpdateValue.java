package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The right-hand side of a SET action: an operand, {@code if_not_exists}, {@code list_append}, {@code +}, {@code -}. */
sealed interface UpdateValue {

    /**
     * The value for the item as it was before the update.
     *
     * @throws ValidationException if it refers to a missing attribute or an operand has the wrong type
     */
    AttributeValue evaluate(Map<String, AttributeValue> item);

    record Attribute(Path path) implements UpdateValue {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue value = path.resolve(item);
            if (value == null) {
                throw new ValidationException(Messages.MISSING_ATTRIBUTE);
            }
            return value;
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    record Literal(Operand.Value value) implements UpdateValue {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return value.value();
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    record IfNotExists(Path path, UpdateValue fallback) implements UpdateValue {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue value = path.resolve(item);
            return value != null ? value : fallback.evaluate(item);
        }

        @Override
        public String toString() {
            return "if_not_exists(" + path + ", " + fallback + ")";
        }
    }

    record ListAppend(UpdateValue first, UpdateValue second) implements UpdateValue {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue a = first.evaluate(item);
            AttributeValue b = second.evaluate(item);
            if (!(a instanceof AttributeValue.L x) || !(b instanceof AttributeValue.L y)) {
                throw new ValidationException(Messages.INCORRECT_DATA_TYPE);
            }
            List<AttributeValue> joined = new ArrayList<>(x.values());
            joined.addAll(y.values());
            return new AttributeValue.L(joined);
        }

        @Override
        public String toString() {
            return "list_append(" + first + ", " + second + ")";
        }
    }

    /** {@code a + b} or {@code a - b}, on numbers. */
    record Arithmetic(UpdateValue left, boolean plus, UpdateValue right) implements UpdateValue {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue a = left.evaluate(item);
            AttributeValue b = right.evaluate(item);
            if (!(a instanceof AttributeValue.N x) || !(b instanceof AttributeValue.N y)) {
                throw new ValidationException(Messages.INCORRECT_DATA_TYPE);
            }
            return new AttributeValue.N(
                    plus ? x.value().add(y.value()) : x.value().subtract(y.value()));
        }

        @Override
        public String toString() {
            return left + (plus ? " + " : " - ") + right;
        }
    }
}
