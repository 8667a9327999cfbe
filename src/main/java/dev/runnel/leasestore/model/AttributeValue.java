package dev.runnel.leasestore.model;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One DynamoDB attribute value, as the wire names its types: {@code S}, {@code N}, {@code B}, {@code BOOL},
 * {@code NULL}, {@code L}, {@code M}, {@code SS}, {@code NS}, {@code BS}. Immutable; equal values are equal
 * objects (numbers by numeric value, binaries by content, sets regardless of order).
 *
 * <p>Ordering ({@link #compare}) follows DynamoDB: strings by their UTF-8 bytes, numbers by value, binaries by
 * unsigned bytes; values of different types, or of types without an order, are not comparable.
 */
public sealed interface AttributeValue {

    /** The wire name of this value's type, e.g. {@code "S"} or {@code "BOOL"}. */
    String type();

    record S(String value) implements AttributeValue {
        public S {
            if (value == null) {
                throw new IllegalArgumentException("null string");
            }
        }

        @Override
        public String type() {
            return "S";
        }
    }

    /** A number, kept as DynamoDB normalises it (no trailing zeros; {@link Numbers#parse} checks the range). */
    record N(BigDecimal value) implements AttributeValue {
        public N {
            value = Numbers.normalise(value);
        }

        /** The number as DynamoDB returns it: plain notation, no trailing zeros. */
        public String text() {
            return value.toPlainString();
        }

        @Override
        public String type() {
            return "N";
        }
    }

    record B(Bytes value) implements AttributeValue {
        @Override
        public String type() {
            return "B";
        }
    }

    record Bool(boolean value) implements AttributeValue {
        @Override
        public String type() {
            return "BOOL";
        }
    }

    /** DynamoDB's NULL type: always {@code {"NULL": true}}. */
    record Null() implements AttributeValue {
        @Override
        public String type() {
            return "NULL";
        }
    }

    record L(List<AttributeValue> values) implements AttributeValue {
        public L {
            values = List.copyOf(values);
        }

        @Override
        public String type() {
            return "L";
        }
    }

    record M(Map<String, AttributeValue> values) implements AttributeValue {
        public M {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @Override
        public String type() {
            return "M";
        }
    }

    /** A string set: never empty (DynamoDB refuses empty sets), no duplicates. */
    record SS(Set<String> values) implements AttributeValue {
        public SS {
            values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
        }

        @Override
        public String type() {
            return "SS";
        }
    }

    /** A number set: never empty, no two equal numbers. */
    record NS(Set<BigDecimal> values) implements AttributeValue {
        public NS {
            LinkedHashSet<BigDecimal> normalised = new LinkedHashSet<>();
            for (BigDecimal value : values) {
                normalised.add(Numbers.normalise(value));
            }
            values = Collections.unmodifiableSet(normalised);
        }

        @Override
        public String type() {
            return "NS";
        }
    }

    /** A binary set: never empty, no two equal binaries. */
    record BS(Set<Bytes> values) implements AttributeValue {
        public BS {
            values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
        }

        @Override
        public String type() {
            return "BS";
        }
    }

    static S s(String value) {
        return new S(value);
    }

    static N n(String value) {
        return new N(Numbers.parse(value));
    }

    static N n(long value) {
        return new N(BigDecimal.valueOf(value));
    }

    static B b(byte[] value) {
        return new B(new Bytes(value));
    }

    static Bool bool(boolean value) {
        return new Bool(value);
    }

    /**
     * Compares two values of the same ordered type ({@code S}, {@code N}, {@code B}).
     *
     * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
     * @throws IllegalArgumentException if the two are not of one ordered type (callers check {@link #comparable})
     */
    static int compare(AttributeValue a, AttributeValue b) {
        if (a instanceof S x && b instanceof S y) {
            return Bytes.utf8(x.value()).compareTo(Bytes.utf8(y.value()));
        }
        if (a instanceof N x && b instanceof N y) {
            return x.value().compareTo(y.value());
        }
        if (a instanceof B x && b instanceof B y) {
            return x.value().compareTo(y.value());
        }
        throw new IllegalArgumentException("not comparable: " + a.type() + " and " + b.type());
    }

    /** Whether {@link #compare} orders these two: both {@code S}, both {@code N} or both {@code B}. */
    static boolean comparable(AttributeValue a, AttributeValue b) {
        return (a instanceof S && b instanceof S)
                || (a instanceof N && b instanceof N)
                || (a instanceof B && b instanceof B);
    }

    /** An immutable byte string, ordered as unsigned bytes. */
    record Bytes(byte[] bytes) implements Comparable<Bytes> {
        public Bytes {
            bytes = bytes.clone();
        }

        static Bytes utf8(String text) {
            return new Bytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public int length() {
            return bytes.length;
        }

        @Override
        public int compareTo(Bytes other) {
            return Arrays.compareUnsigned(bytes, other.bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return java.util.Base64.getEncoder().encodeToString(bytes);
        }
    }
}
