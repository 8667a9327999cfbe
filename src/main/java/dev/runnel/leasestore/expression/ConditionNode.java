package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The syntax tree of a condition expression; each node evaluates itself. {@link #toString()} prints the node as
 * expression text that parses back to the same condition (with names as written and values as their
 * placeholders).
 */
sealed interface ConditionNode extends Condition {

    @Override
    default Set<String> topLevelAttributes() {
        Set<String> names = new LinkedHashSet<>();
        collectAttributes(this, names);
        return Collections.unmodifiableSet(names);
    }

    private static void collectAttributes(ConditionNode node, Set<String> names) {
        List<Operand> operands = new ArrayList<>();
        if (node instanceof And and) {
            and.operands().forEach(operand -> collectAttributes(operand, names));
        } else if (node instanceof Or or) {
            or.operands().forEach(operand -> collectAttributes(operand, names));
        } else if (node instanceof Not not) {
            collectAttributes(not.operand(), names);
        } else if (node instanceof Compare compare) {
            operands.addAll(List.of(compare.left(), compare.right()));
        } else if (node instanceof Between between) {
            operands.addAll(List.of(between.value(), between.lower(), between.upper()));
        } else if (node instanceof In in) {
            operands.add(in.value());
            operands.addAll(in.candidates());
        } else if (node instanceof Exists exists) {
            names.add(exists.path().head());
        } else if (node instanceof TypeIs type) {
            names.add(type.path().head());
        } else if (node instanceof BeginsWith beginsWith) {
            operands.addAll(List.of(beginsWith.value(), beginsWith.prefix()));
        } else if (node instanceof Contains contains) {
            operands.addAll(List.of(contains.container(), contains.element()));
        }
        for (Operand operand : operands) {
            Operand inner = operand instanceof Operand.Size size ? size.argument() : operand;
            if (inner instanceof Operand.Attribute attribute) {
                names.add(attribute.path().head());
            }
        }
    }

    record And(List<ConditionNode> operands) implements ConditionNode {
        public And {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return operands.stream().allMatch(operand -> operand.test(item));
        }

        @Override
        public String toString() {
            return operands.stream().map(o -> "(" + o + ")").collect(Collectors.joining(" AND "));
        }
    }

    record Or(List<ConditionNode> operands) implements ConditionNode {
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return operands.stream().anyMatch(operand -> operand.test(item));
        }

        @Override
        public String toString() {
            return operands.stream().map(o -> "(" + o + ")").collect(Collectors.joining(" OR "));
        }
    }

    record Not(ConditionNode operand) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return !operand.test(item);
        }

        @Override
        public String toString() {
            return "NOT (" + operand + ")";
        }
    }

    record Compare(RelationalOperator operator, Operand left, Operand right) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return operator.test(left.evaluate(item), right.evaluate(item));
        }

        @Override
        public String toString() {
            return left + " " + operator.symbol() + " " + right;
        }
    }

    record Between(Operand value, Operand lower, Operand upper) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue actual = value.evaluate(item);
            return RelationalOperator.GE.test(actual, lower.evaluate(item))
                    && RelationalOperator.LE.test(actual, upper.evaluate(item));
        }

        @Override
        public String toString() {
            return value + " BETWEEN " + lower + " AND " + upper;
        }
    }

    record In(Operand value, List<Operand> candidates) implements ConditionNode {
        public In {
            candidates = List.copyOf(candidates);
        }

        @Override
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue actual = value.evaluate(item);
            return actual != null && candidates.stream().anyMatch(c -> actual.equals(c.evaluate(item)));
        }

        @Override
        public String toString() {
            return value + " IN (" + candidates.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
        }
    }

    /** {@code attribute_exists(path)}, or {@code attribute_not_exists(path)} when {@code exists} is false. */
    record Exists(Path path, boolean exists) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return (path.resolve(item) != null) == exists;
        }

        @Override
        public String toString() {
            return (exists ? "attribute_exists(" : "attribute_not_exists(") + path + ")";
        }
    }

    /** {@code attribute_type(path, :type)}, the type given as its wire name ({@code S}, {@code NS}, ...). */
    record TypeIs(Path path, Operand.Value type) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue actual = path.resolve(item);
            return actual != null
                    && type.value() instanceof AttributeValue.S name
                    && actual.type().equals(name.value());
        }

        @Override
        public String toString() {
            return "attribute_type(" + path + ", " + type + ")";
        }
    }

    record BeginsWith(Operand value, Operand prefix) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return ValueFunctions.beginsWith(value.evaluate(item), prefix.evaluate(item));
        }

        @Override
        public String toString() {
            return "begins_with(" + value + ", " + prefix + ")";
        }
    }

    record Contains(Operand container, Operand element) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return ValueFunctions.contains(container.evaluate(item), element.evaluate(item));
        }

        @Override
        public String toString() {
            return "contains(" + container + ", " + element + ")";
        }
    }
}
