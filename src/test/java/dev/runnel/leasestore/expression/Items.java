package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Short ways to write attribute values and items in tests. */
final class Items {

    private Items() {}

    static AttributeValue s(String value) {
        return AttributeValue.s(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.n(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.n(value);
    }

    static AttributeValue b(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        return AttributeValue.b(raw);
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.bool(value);
    }

    static AttributeValue nul() {
        return new AttributeValue.Null();
    }

    static AttributeValue ss(String... values) {
        return new AttributeValue.SS(new LinkedHashSet<>(Arrays.asList(values)));
    }

    static AttributeValue ns(long... values) {
        LinkedHashSet<BigDecimal> set = new LinkedHashSet<>();
        for (long value : values) {
            set.add(BigDecimal.valueOf(value));
        }
        return new AttributeValue.NS(set);
    }

    static AttributeValue l(AttributeValue... values) {
        return new AttributeValue.L(List.of(values));
    }

    static AttributeValue m(Object... keysAndValues) {
        return new AttributeValue.M(item(keysAndValues));
    }

    /** An item from alternating names and values. */
    static Map<String, AttributeValue> item(Object... keysAndValues) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            item.put((String) keysAndValues[i], (AttributeValue) keysAndValues[i + 1]);
        }
        return item;
    }

    /** ExpressionAttributeNames from alternating placeholders and names. */
    static Map<String, String> names(String... placeholdersAndNames) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < placeholdersAndNames.length; i += 2) {
            names.put(placeholdersAndNames[i], placeholdersAndNames[i + 1]);
        }
        return names;
    }

    /** ExpressionAttributeValues from alternating placeholders and values. */
    static Map<String, AttributeValue> values(Object... placeholdersAndValues) {
        return item(placeholdersAndValues);
    }
}
