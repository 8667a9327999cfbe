package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.Map;

/** An operand of a condition: a document path, a {@code :value}, or {@code size(operand)}. */
sealed interface Operand {

    /** The operand's value for the item, or null where it has none (a path to nothing, the size of a number). */
    AttributeValue evaluate(Map<String, AttributeValue> item);

    record Attribute(Path path) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return path.resolve(item);
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** A {@code :placeholder} with the value the request gave it. */
    record Value(String placeholder, AttributeValue value) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return value;
        }

        @Override
        public String toString() {
            return placeholder;
        }
    }

    record Size(Operand argument) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return ValueFunctions.size(argument.evaluate(item));
        }

        @Override
        public String toString() {
            return "size(" + argument + ")";
        }
    }
}
