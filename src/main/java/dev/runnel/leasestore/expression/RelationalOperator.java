package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.expression.Token.Kind;
import dev.runnel.leasestore.model.AttributeValue;

/** The comparators of conditions: {@code = <> < <= > >=}. */
enum RelationalOperator {
    EQ("="),
    NE("<>"),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    RelationalOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** The comparator a token stands for, or null. */
    static RelationalOperator of(Token token) {
        Kind kind = token.kind();
        return switch (kind) {
            case EQ -> EQ;
            case NE -> NE;
            case LT -> LT;
            case LE -> LE;
            case GT -> GT;
            case GE -> GE;
            default -> null;
        };
    }

    /** The comparator with its operands swapped: {@code a < b} is {@code b > a}. */
    RelationalOperator flipped() {
        return switch (this) {
            case LT -> GT;
            case LE -> GE;
            case GT -> LT;
            case GE -> LE;
            default -> this;
        };
    }

    /**
     * DynamoDB's comparison: values of different types are never equal or ordered, so only {@code <>} is true for
     * them; a missing operand makes every comparison false except {@code <>} against a present one.
     */
    boolean test(AttributeValue left, AttributeValue right) {
        if (left == null || right == null) {
            return this == NE && (left != null || right != null);
        }
        return switch (this) {
            case EQ -> left.equals(right);
            case NE -> !left.equals(right);
            default -> AttributeValue.comparable(left, right) && ordered(AttributeValue.compare(left, right));
        };
    }

    private boolean ordered(int order) {
        return switch (this) {
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            default -> throw new IllegalStateException(name());
        };
    }
}
