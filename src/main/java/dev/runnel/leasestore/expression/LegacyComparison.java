package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.List;
import java.util.Set;

/** The {@code ComparisonOperator}s of the legacy parameters, with their arity, value types and meaning. */
enum LegacyComparison {
    EQ(1, 1, Set.of("S", "N", "B", "SS", "NS", "BS")),
    NE(1, 1, Set.of("S", "N", "B", "SS", "NS", "BS")),
    LE(1, 1, Set.of("S", "N", "B")),
    LT(1, 1, Set.of("S", "N", "B")),
    GE(1, 1, Set.of("S", "N", "B")),
    GT(1, 1, Set.of("S", "N", "B")),
    NOT_NULL(0, 0, Set.of()),
    NULL(0, 0, Set.of()),
    CONTAINS(1, 1, Set.of("S", "N", "B")),
    NOT_CONTAINS(1, 1, Set.of("S", "N", "B")),
    BEGINS_WITH(1, 1, Set.of("S", "B")),
    IN(1, Integer.MAX_VALUE, Set.of("S", "N", "B")),
    BETWEEN(2, 2, Set.of("S", "N", "B"));

    private static final String ENUM_VALUES =
            "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]";

    private final int min;
    private final int max;
    private final Set<String> types;

    LegacyComparison(int min, int max, Set<String> types) {
        this.min = min;
        this.max = max;
        this.types = types;
    }

    /** The operator named, or DynamoDB's enum constraint error. */
    static LegacyComparison of(String name) {
        if (name != null) {
            for (LegacyComparison operator : values()) {
                if (operator.name().equals(name)) {
                    return operator;
                }
            }
        }
        throw new ValidationException("1 validation error detected: Value '" + name
                + "' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: "
                + ENUM_VALUES);
    }

    /** Checks the number of values, that they share one type and (unless only counting) that the type fits. */
    void check(List<AttributeValue> values, boolean checkTypes) {
        if (values.size() < min || values.size() > max) {
            throw invalid("Invalid number of argument(s) for the " + name() + " ComparisonOperator");
        }
        if (values.stream().map(AttributeValue::type).distinct().count() > 1) {
            throw invalid("AttributeValues inside AttributeValueList must be of same type");
        }
        if (checkTypes) {
            for (AttributeValue value : values) {
                if (!types.contains(value.type())) {
                    throw invalid("ComparisonOperator " + name() + " is not valid for " + value.type()
                            + " AttributeValue type");
                }
            }
        }
        if (this == BETWEEN
                && AttributeValue.comparable(values.get(0), values.get(1))
                && AttributeValue.compare(values.get(0), values.get(1)) > 0) {
            throw new ValidationException(
                    "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
        }
    }

    /** Whether the attribute's value (null when missing) satisfies the comparison with the given values. */
    boolean test(AttributeValue actual, List<AttributeValue> values) {
        AttributeValue first = values.isEmpty() ? null : values.get(0);
        return switch (this) {
            case EQ -> RelationalOperator.EQ.test(actual, first);
            case NE -> RelationalOperator.NE.test(actual, first);
            case LE -> RelationalOperator.LE.test(actual, first);
            case LT -> RelationalOperator.LT.test(actual, first);
            case GE -> RelationalOperator.GE.test(actual, first);
            case GT -> RelationalOperator.GT.test(actual, first);
            case NOT_NULL -> actual != null;
            case NULL -> actual == null;
            case CONTAINS -> ValueFunctions.contains(actual, first);
            case NOT_CONTAINS -> !ValueFunctions.contains(actual, first);
            case BEGINS_WITH -> ValueFunctions.beginsWith(actual, first);
            case IN -> actual != null && values.contains(actual);
            case BETWEEN ->
                RelationalOperator.GE.test(actual, first) && RelationalOperator.LE.test(actual, values.get(1));
        };
    }

    /** Whether a query may use it on a key attribute. */
    boolean indexable() {
        return switch (this) {
            case EQ, LE, LT, GE, GT, BEGINS_WITH, BETWEEN -> true;
            default -> false;
        };
    }

    static ValidationException invalid(String detail) {
        return new ValidationException("One or more parameter values were invalid: " + detail);
    }
}
