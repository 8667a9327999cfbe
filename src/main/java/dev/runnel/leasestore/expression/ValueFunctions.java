package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The value functions of conditions: {@code size}, {@code contains}, {@code begins_with}. Null means missing. */
final class ValueFunctions {

    private ValueFunctions() {}

    /**
     * {@code size}: bytes of a string (UTF-8) or binary, members of a set, elements of a list or map; null for
     * other types and for a missing value.
     */
    static AttributeValue size(AttributeValue value) {
        if (value == null) {
            return null;
        }
        long size = switch (value.type()) {
            case "S" -> ((AttributeValue.S) value).value().getBytes(StandardCharsets.UTF_8).length;
            case "B" -> ((AttributeValue.B) value).value().length();
            case "SS" -> ((AttributeValue.SS) value).values().size();
            case "NS" -> ((AttributeValue.NS) value).values().size();
            case "BS" -> ((AttributeValue.BS) value).values().size();
            case "L" -> ((AttributeValue.L) value).values().size();
            case "M" -> ((AttributeValue.M) value).values().size();
            default -> -1;
        };
        return size < 0 ? null : AttributeValue.n(size);
    }

    /**
     * {@code contains(a, b)}: a substring of a string, a byte sequence inside a binary, a member of a set (of b's
     * type), an element of a list (of any type).
     */
    static boolean contains(AttributeValue container, AttributeValue element) {
        if (container == null || element == null) {
            return false;
        }
        if (container instanceof AttributeValue.S s && element instanceof AttributeValue.S part) {
            return s.value().contains(part.value());
        }
        if (container instanceof AttributeValue.B b && element instanceof AttributeValue.B part) {
            return indexOf(b.value().bytes(), part.value().bytes()) >= 0;
        }
        if (container instanceof AttributeValue.SS set && element instanceof AttributeValue.S member) {
            return set.values().contains(member.value());
        }
        if (container instanceof AttributeValue.NS set && element instanceof AttributeValue.N member) {
            return set.values().contains(member.value());
        }
        if (container instanceof AttributeValue.BS set && element instanceof AttributeValue.B member) {
            return set.values().contains(member.value());
        }
        if (container instanceof AttributeValue.L list) {
            return list.values().contains(element);
        }
        return false;
    }

    /** {@code begins_with(a, b)}: a string or binary that starts with b (of the same type). */
    static boolean beginsWith(AttributeValue value, AttributeValue prefix) {
        if (value instanceof AttributeValue.S s && prefix instanceof AttributeValue.S p) {
            byte[] whole = s.value().getBytes(StandardCharsets.UTF_8);
            byte[] start = p.value().getBytes(StandardCharsets.UTF_8);
            return startsWith(whole, start);
        }
        if (value instanceof AttributeValue.B b && prefix instanceof AttributeValue.B p) {
            return startsWith(b.value().bytes(), p.value().bytes());
        }
        return false;
    }

    private static boolean startsWith(byte[] whole, byte[] start) {
        return whole.length >= start.length && Arrays.equals(whole, 0, start.length, start, 0, start.length);
    }

    private static int indexOf(byte[] whole, byte[] part) {
        for (int i = 0; i + part.length <= whole.length; i++) {
            if (Arrays.equals(whole, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }
}
