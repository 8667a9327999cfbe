package dev.runnel.leasestore;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An item's size as DynamoDB counts it against its 400 KB limit: attribute names' and strings' UTF-8 bytes,
 * binaries' bytes, about one byte per two digits of a number plus one, one byte for a boolean or null, three bytes
 * plus one per element for a list or map.
 */
final class ItemSize {

    /** DynamoDB's limit on one item: 400 KB. */
    static final long MAX_ITEM_BYTES = 400 * 1024;

    private ItemSize() {}

    static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + of(attribute.getValue());
        }
        return size;
    }

    /** @throws ValidationException as DynamoDB words an item over 400 KB */
    static long checked(Map<String, AttributeValue> item) {
        long size = of(item);
        if (size > MAX_ITEM_BYTES) {
            throw new ValidationException("Item size has exceeded the maximum allowed size");
        }
        return size;
    }

    private static long of(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return utf8(s.value());
        } else if (value instanceof AttributeValue.N n) {
            return number(n.value());
        } else if (value instanceof AttributeValue.B b) {
            return b.value().length();
        } else if (value instanceof AttributeValue.L l) {
            return 3 + l.values().stream().mapToLong(v -> 1 + of(v)).sum();
        } else if (value instanceof AttributeValue.M m) {
            return 3
                    + m.values().entrySet().stream()
                            .mapToLong(e -> 1 + utf8(e.getKey()) + of(e.getValue()))
                            .sum();
        } else if (value instanceof AttributeValue.SS ss) {
            return ss.values().stream().mapToLong(ItemSize::utf8).sum();
        } else if (value instanceof AttributeValue.NS ns) {
            return ns.values().stream().mapToLong(ItemSize::number).sum();
        } else if (value instanceof AttributeValue.BS bs) {
            return bs.values().stream().mapToLong(AttributeValue.Bytes::length).sum();
        }
        return 1; // BOOL, NULL
    }

    private static long number(BigDecimal value) {
        return (value.precision() + 1) / 2 + 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
