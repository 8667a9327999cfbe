package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.List;

public record SortKeyCondition(String attribute, Operator operator, List<AttributeValue> operands) {
    public enum Operator {
        EQ,
        LT,
        LE,
        GT,
        GE,
        BETWEEN,
        BEGINS_WITH
    }

    public boolean test(AttributeValue value) {
        throw new UnsupportedOperationException();
    }
}
