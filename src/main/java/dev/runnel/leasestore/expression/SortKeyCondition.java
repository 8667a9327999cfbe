package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.List;
import java.util.Objects;

/**
 * The sort-key part of a key condition: {@code sk = :v}, {@code <}, {@code <=}, {@code >}, {@code >=},
 * {@code sk BETWEEN :a AND :b} or {@code begins_with(sk, :p)}.
 *
 * @param attribute the sort key attribute's name
 * @param operator how the sort key is compared
 * @param operands one value, or two for {@link Operator#BETWEEN} (lower bound, upper bound)
 */
public record SortKeyCondition(String attribute, Operator operator, List<AttributeValue> operands) {

    /** How the sort key is compared: the comparators, {@code BETWEEN} and {@code begins_with}. */
    public enum Operator {
        EQ,
        LT,
        LE,
        GT,
        GE,
        BETWEEN,
        BEGINS_WITH
    }

    public SortKeyCondition {
        operands = operands == null || operands.stream().anyMatch(Objects::isNull) ? List.of() : List.copyOf(operands);
        if (attribute == null || operator == null) {
            throw new ValidationException("A sort key condition needs an attribute and an operator");
        }
        int expected = operator == Operator.BETWEEN ? 2 : 1;
        if (operands.size() != expected) {
            throw new ValidationException(
                    "One or more parameter values were invalid: Invalid number of argument(s) for the " + operator
                            + " ComparisonOperator");
        }
    }

    /**
     * Whether a sort key value satisfies the condition. Values of another type never do; ordering is DynamoDB's
     * (strings by UTF-8 bytes, numbers by value, binaries by unsigned bytes).
     *
     * @param value the item's sort key value, null if it has none
     */
    public boolean test(AttributeValue value) {
        AttributeValue first = operands.get(0);
        return switch (operator) {
            case EQ -> RelationalOperator.EQ.test(value, first);
            case LT -> RelationalOperator.LT.test(value, first);
            case LE -> RelationalOperator.LE.test(value, first);
            case GT -> RelationalOperator.GT.test(value, first);
            case GE -> RelationalOperator.GE.test(value, first);
            case BETWEEN ->
                RelationalOperator.GE.test(value, first) && RelationalOperator.LE.test(value, operands.get(1));
            case BEGINS_WITH -> ValueFunctions.beginsWith(value, first);
        };
    }
}
