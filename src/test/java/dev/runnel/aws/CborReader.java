package dev.runnel.aws;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict, minimal CBOR (RFC 8949) decoder for tests, independent of Jackson, that keeps what matters on the
 * Kinesis wire and a generic decoder hides: byte strings stay {@code byte[]} (text strings are {@link String}),
 * integers stay {@link Long} (or {@link BigInteger}), floats are {@link Double}, and tags are kept as
 * {@link Tagged}. Maps decode to insertion-ordered {@code Map<Object, Object>}; definite and indefinite lengths
 * are both accepted. Trailing bytes are an error.
 */
final class CborReader {

    /** A tagged data item, e.g. tag 1 (a timestamp) around an integer. */
    record Tagged(long tag, Object value) {}

    private static final Object BREAK = new Object();

    private final byte[] bytes;
    private int at;

    private CborReader(byte[] bytes) {
        this.bytes = bytes;
    }

    static Object decode(byte[] bytes) {
        CborReader reader = new CborReader(bytes);
        Object value = reader.item();
        if (value == BREAK) {
            throw new IllegalArgumentException("unexpected break at offset 0");
        }
        if (reader.at != bytes.length) {
            throw new IllegalArgumentException("trailing bytes after offset " + reader.at + " of " + bytes.length);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<Object, Object> decodeMap(byte[] bytes) {
        Object value = decode(bytes);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("not a CBOR map: " + value);
        }
        return (Map<Object, Object>) value;
    }

    private int next() {
        if (at >= bytes.length) {
            throw new IllegalArgumentException("truncated CBOR at offset " + at);
        }
        return bytes[at++] & 0xff;
    }

    private long argument(int info) {
        if (info < 24) {
            return info;
        }
        int size = switch (info) {
            case 24 -> 1;
            case 25 -> 2;
            case 26 -> 4;
            case 27 -> 8;
            default -> throw new IllegalArgumentException("bad additional info " + info + " at offset " + (at - 1));
        };
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = (value << 8) | next();
        }
        return value;
    }

    private Object item() {
        int initial = next();
        int major = initial >>> 5;
        int info = initial & 0x1f;
        if (initial == 0xff) {
            return BREAK;
        }
        boolean indefinite = info == 31;
        switch (major) {
            case 0 -> {
                long value = argument(info);
                return value >= 0 ? (Object) value : new BigInteger(Long.toUnsignedString(value));
            }
            case 1 -> {
                long value = argument(info);
                return value >= 0
                        ? (Object) (-1 - value)
                        : BigInteger.valueOf(-1).subtract(new BigInteger(Long.toUnsignedString(value)));
            }
            case 2, 3 -> {
                byte[] content = indefinite ? chunks(major) : take(argument(info));
                return major == 2 ? content : new String(content, StandardCharsets.UTF_8);
            }
            case 4 -> {
                List<Object> list = new ArrayList<>();
                if (indefinite) {
                    for (Object element = item(); element != BREAK; element = item()) {
                        list.add(element);
                    }
                } else {
                    for (long n = argument(info); n > 0; n--) {
                        list.add(notBreak(item()));
                    }
                }
                return list;
            }
            case 5 -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                if (indefinite) {
                    for (Object key = item(); key != BREAK; key = item()) {
                        put(map, key, notBreak(item()));
                    }
                } else {
                    for (long n = argument(info); n > 0; n--) {
                        put(map, notBreak(item()), notBreak(item()));
                    }
                }
                return map;
            }
            case 6 -> {
                return new Tagged(argument(info), notBreak(item()));
            }
            default -> {
                return simple(info);
            }
        }
    }

    private Object simple(int info) {
        return switch (info) {
            case 20 -> false;
            case 21 -> true;
            case 22, 23 -> null;
            case 25 -> halfFloat((int) argument(25));
            case 26 -> (double) Float.intBitsToFloat((int) argument(26));
            case 27 -> Double.longBitsToDouble(argument(27));
            default -> throw new IllegalArgumentException("unsupported simple value " + info + " at offset " + at);
        };
    }

    private static double halfFloat(int half) {
        int exponent = (half >> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        double value = exponent == 0
                ? mantissa * Math.pow(2, -24)
                : exponent == 31
                        ? (mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
                        : (mantissa + 1024) * Math.pow(2, exponent - 25);
        return (half & 0x8000) != 0 ? -value : value;
    }

    private byte[] take(long length) {
        if (length > bytes.length - at) {
            throw new IllegalArgumentException("string of " + length + " bytes overruns the input at offset " + at);
        }
        byte[] content = new byte[(int) length];
        System.arraycopy(bytes, at, content, 0, content.length);
        at += content.length;
        return content;
    }

    private byte[] chunks(int major) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int initial = next();
            if (initial == 0xff) {
                return out.toByteArray();
            }
            if (initial >>> 5 != major || (initial & 0x1f) == 31) {
                throw new IllegalArgumentException("bad chunk of an indefinite string at offset " + (at - 1));
            }
            out.writeBytes(take(argument(initial & 0x1f)));
        }
    }

    private Object notBreak(Object value) {
        if (value == BREAK) {
            throw new IllegalArgumentException("unexpected break at offset " + (at - 1));
        }
        return value;
    }

    private static void put(Map<Object, Object> map, Object key, Object value) {
        if (map.containsKey(key)) {
            throw new IllegalArgumentException("duplicate map key " + key);
        }
        map.put(key instanceof byte[] ? new String((byte[]) key, StandardCharsets.UTF_8) : key, value);
    }
}
