package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Set;

/** Union and difference of DynamoDB sets ({@code SS}, {@code NS}, {@code BS}) of one type. */
final class Sets {

    /** What {@link #difference} returns when no member is left. */
    static final AttributeValue EMPTY = new AttributeValue.Null();

    private Sets() {}

    static boolean isSet(AttributeValue value) {
        return value instanceof AttributeValue.SS
                || value instanceof AttributeValue.NS
                || value instanceof AttributeValue.BS;
    }

    /** The union, in the order of {@code a} then the new members of {@code b}; null if the types differ. */
    static AttributeValue union(AttributeValue a, AttributeValue b) {
        if (a instanceof AttributeValue.SS x && b instanceof AttributeValue.SS y) {
            return new AttributeValue.SS(joined(x.values(), y.values()));
        }
        if (a instanceof AttributeValue.NS x && b instanceof AttributeValue.NS y) {
            return new AttributeValue.NS(joined(x.values(), y.values()));
        }
        if (a instanceof AttributeValue.BS x && b instanceof AttributeValue.BS y) {
            return new AttributeValue.BS(joined(x.values(), y.values()));
        }
        return null;
    }

    /**
     * The members of {@code a} not in {@code b}; null if the types differ, and
     * {@link #EMPTY} when nothing is left (DynamoDB has no empty sets; the attribute goes).
     */
    static AttributeValue difference(AttributeValue a, AttributeValue b) {
        if (a instanceof AttributeValue.SS x && b instanceof AttributeValue.SS y) {
            Set<String> left = without(x.values(), y.values());
            return left.isEmpty() ? EMPTY : new AttributeValue.SS(left);
        }
        if (a instanceof AttributeValue.NS x && b instanceof AttributeValue.NS y) {
            Set<BigDecimal> left = without(x.values(), y.values());
            return left.isEmpty() ? EMPTY : new AttributeValue.NS(left);
        }
        if (a instanceof AttributeValue.BS x && b instanceof AttributeValue.BS y) {
            Set<AttributeValue.Bytes> left = without(x.values(), y.values());
            return left.isEmpty() ? EMPTY : new AttributeValue.BS(left);
        }
        return null;
    }

    private static <T> Set<T> joined(Set<T> a, Set<T> b) {
        Set<T> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static <T> Set<T> without(Set<T> a, Set<T> b) {
        Set<T> left = new LinkedHashSet<>(a);
        left.removeAll(b);
        return left;
    }
}
